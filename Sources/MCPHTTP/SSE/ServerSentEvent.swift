/// One event of a `text/event-stream`.
public struct ServerSentEvent: Sendable, Hashable {
    /// The event type; `"message"` unless the stream named another.
    public var type: String
    /// The event's data, lines joined with `\n`, as UTF-8 bytes.
    public var data: [UInt8]
    /// The stream's last event id when this event was dispatched (the `id` field of this or an
    /// earlier event), if any.
    public var lastEventID: String?

    /// Creates an event.
    public init(type: String = "message", data: [UInt8], lastEventID: String? = nil) {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }

    /// The data as text (invalid UTF-8 replaced).
    public var text: String { String(decoding: data, as: UTF8.self) }
}
