/// Parses a `text/event-stream` incrementally, as bytes arrive, following the WHATWG HTML
/// "event stream interpretation" rules.
///
/// Feed it chunks of any size, split anywhere (even inside a `\r\n`); it returns the events they
/// complete. Work is linear in the input: each byte is examined once and an event's data is
/// accumulated, never rescanned, so events of any size are fine. Comment lines (keep-alives)
/// are ignored; `id` and `retry` are remembered for reconnection.
public struct ServerSentEventParser: Sendable {
    /// The last event id seen (`id` field), to send as `Last-Event-ID` when reconnecting.
    public private(set) var lastEventID: String?
    /// The reconnection delay the server asked for (`retry` field), in milliseconds.
    public private(set) var retryMilliseconds: Int?

    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: [UInt8] = []
    private var pendingLastEventID: String?
    private var idSeenSinceDispatch = false
    /// The previous chunk ended in `\r`: a `\n` starting the next one belongs to it.
    private var skipLineFeed = false
    /// How many bytes of a leading UTF-8 byte order mark have arrived; -1 once past the start.
    private var byteOrderMarkProgress = 0
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Creates a parser, optionally resuming with a known last event id.
    public init(lastEventID: String? = nil) {
        self.lastEventID = lastEventID
        self.pendingLastEventID = lastEventID
    }

    /// Consumes `bytes` and returns the events they complete.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if let done = bytes.withContiguousStorageIfAvailable({ buffer in
            consume(buffer, into: &events)
        }) {
            _ = done
        } else {
            Array(bytes).withUnsafeBufferPointer { consume($0, into: &events) }
        }
        return events
    }

    /// Ends the stream: an event without its terminating blank line is discarded, as the
    /// standard says.
    public mutating func finish() {
        line.removeAll()
        data.removeAll()
        hasData = false
        eventType.removeAll()
    }

    private mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, into events: inout [ServerSentEvent]) {
        var index = 0
        let count = buffer.count
        if byteOrderMarkProgress >= 0 {
            // A UTF-8 byte order mark may start the stream, split across chunks like anything else.
            while index < count, byteOrderMarkProgress < 3, buffer[index] == Self.byteOrderMark[byteOrderMarkProgress] {
                byteOrderMarkProgress += 1
                index += 1
            }
            if byteOrderMarkProgress == 3 {
                byteOrderMarkProgress = -1
            } else if index < count {
                // Not a byte order mark after all: the bytes taken for one start the first line.
                line.append(contentsOf: Self.byteOrderMark[..<byteOrderMarkProgress])
                byteOrderMarkProgress = -1
            } else {
                return  // the chunk ended inside what may yet be a byte order mark
            }
        }
        if skipLineFeed, index < count {
            skipLineFeed = false
            if buffer[index] == 0x0A { index += 1 }
        }
        var lineStart = index
        while index < count {
            let byte = buffer[index]
            if byte != 0x0A && byte != 0x0D {
                index += 1
                continue
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[lineStart..<index]))
            processLine(into: &events)
            line.removeAll(keepingCapacity: true)
            index += 1
            if byte == 0x0D {
                if index < count {
                    if buffer[index] == 0x0A { index += 1 }
                } else {
                    skipLineFeed = true
                }
            }
            lineStart = index
        }
        if lineStart < count {
            line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[lineStart..<count]))
        }
    }

    private mutating func processLine(into events: inout [ServerSentEvent]) {
        if line.isEmpty {
            dispatch(into: &events)
            return
        }
        if line[0] == UInt8(ascii: ":") { return }  // comment
        let field: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = line[...]
            value = []
        }
        switch String(decoding: field, as: UTF8.self) {
        case "data":
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        case "event":
            eventType = Array(value)
        case "id":
            if !value.contains(0) {
                pendingLastEventID = String(decoding: value, as: UTF8.self)
                idSeenSinceDispatch = true
            }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                retryMilliseconds = Int(String(decoding: value, as: UTF8.self))
            }
        default:
            break  // unknown fields are ignored
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        // The last event id updates even for an event without data (a "priming" event that only
        // carries an id, which servers send so that a client can resume from it).
        if idSeenSinceDispatch {
            lastEventID = pendingLastEventID.flatMap { $0.isEmpty ? nil : $0 }
            idSeenSinceDispatch = false
        }
        defer {
            data.removeAll(keepingCapacity: false)
            hasData = false
            eventType.removeAll()
        }
        guard hasData else { return }
        let type = eventType.isEmpty ? "message" : String(decoding: eventType, as: UTF8.self)
        events.append(ServerSentEvent(type: type, data: data, lastEventID: lastEventID))
    }
}
