#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPCore
@testable import MCPStdio
import Testing

/// What a scripted `read` does next.
private enum Step {
    case bytes([UInt8])
    case failure(Int32)
}

/// A `read(2)` stand-in that gives `steps` in order, at most `readSize` bytes at a time, then
/// end of file.
private final class ScriptedReader {
    private var steps: [Step]
    private var offset = 0
    let readSize: Int
    /// How many times `read` was called.
    private(set) var calls = 0

    init(_ steps: [Step], readSize: Int) {
        self.steps = steps.reversed()
        self.readSize = readSize
    }

    func read(into space: UnsafeMutableRawBufferPointer) -> Int {
        calls += 1
        guard let step = steps.last else { return 0 }
        switch step {
        case .failure(let code):
            steps.removeLast()
            errno = code
            return -1
        case .bytes(let bytes):
            let count = min(readSize, space.count, bytes.count - offset)
            bytes.withUnsafeBytes { space.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            offset += count
            if offset == bytes.count {
                steps.removeLast()
                offset = 0
            }
            return count
        }
    }
}

/// What `readFrames` delivered, in a form that is easy to compare.
private enum Delivered: Equatable {
    case message(JSONRPCMessage)
    case invalid(reason: String)
}

private func readAll(
    _ steps: [Step],
    readSize: Int = 64 * 1024,
    maximumFrameLength: Int = 256 << 20,
    reservation: Int = LargeFrameReader.initialReservation
) -> (delivered: [Delivered], failure: TransportError?) {
    let reader = ScriptedReader(steps, readSize: readSize)
    var delivered: [Delivered] = []
    let failure = readFrames(maximumFrameLength: maximumFrameLength, peer: "server", largeFrameReservation: reservation, read: reader.read) { event in
        switch event {
        case .message(let message): delivered.append(.message(message))
        case .invalidMessage(let error): delivered.append(.invalid(reason: error.reason))
        default: Issue.record("unexpected event \(event)")
        }
    }
    return (delivered, failure)
}

/// A short account of `delivered`, for failure messages (the messages themselves are megabytes).
private func summary(_ delivered: [Delivered]) -> [String] {
    delivered.map { item in
        switch item {
        case .message(.notification(let notification)):
            "\(notification.method) \(notification.params?["text"]?.stringValue?.utf8.count ?? 0)"
        case .message(let message): "\(message)"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }
}

/// Whether `delivered` is `expected`, saying how they differ when not.
private func expectDelivered(_ delivered: [Delivered], _ expected: [Delivered], sourceLocation: SourceLocation = #_sourceLocation) {
    let same = delivered == expected
    #expect(same, "delivered \(summary(delivered)), expected \(summary(expected))", sourceLocation: sourceLocation)
}

private func notification(_ method: String, text: String = "") -> JSONRPCMessage {
    .notification(JSONRPCNotification(method: method, params: text.isEmpty ? nil : ["text": .string(text)]))
}

private func line(_ message: JSONRPCMessage, ending: String = "\n") -> [UInt8] {
    message.jsonValue.jsonBytes() + Array(ending.utf8)
}

private func bigText(_ bytes: Int, unit: String = "0123456789\n\"é€😀\\") -> String {
    String(repeating: unit, count: bytes / unit.utf8.count + 1)
}

/// Large frames are read into the storage of their large string (`LargeFrameReader`); what
/// comes out is what the framer would give, in every way a stream can end or go wrong.
@Suite("Large frames")
struct LargeFrameReadingTests {
    @Test("large messages between small ones arrive whole and in order, however the reads fall",
          arguments: [4096, 64 * 1024, 100_003, 1 << 20, 64 << 20])
    func largeBetweenSmall(readSize: Int) {
        let big = notification("big", text: bigText(3 << 20))
        let other = notification("other", text: bigText(600 * 1024, unit: "x"))
        var stream = line(notification("first")) + line(big) + line(notification("second")) + line(other, ending: "\r\n")
        stream += line(notification("last"), ending: "")
        let (delivered, failure) = readAll([.bytes(stream)], readSize: readSize)
        #expect(failure == nil)
        expectDelivered(delivered, [.message(notification("first")), .message(big), .message(notification("second")), .message(other), .message(notification("last"))])
    }

    @Test("a frame larger than the room reserved for it goes back to the framer, and the next gets more room")
    func handedBack() throws {
        let messages = (0..<3).map { notification("big\($0)", text: bigText(3 << 20)) }
        let (delivered, failure) = readAll([.bytes(messages.flatMap { line($0) })], reservation: 1 << 20)
        #expect(failure == nil)
        expectDelivered(delivered, messages.map { .message($0) })

        // The reader itself: full at 1 MB, it hands the bytes back and doubles its reservation.
        let framer = LineFramer(maximumFrameLength: .max)
        var largeFrames = LargeFrameReader(maximumFrameLength: .max, reservation: 1 << 20)
        let stream = line(messages[0])
        let reader = ScriptedReader([.bytes(Array(stream.dropFirst(600_000)))], readSize: 64 * 1024)
        stream.prefix(600_000).withUnsafeBytes { framer.append($0) }
        #expect(largeFrames.shouldTake(pendingByteCount: framer.pendingByteCount) == false, "600 KB of 1 MB: too little room to try")
        largeFrames = LargeFrameReader(maximumFrameLength: .max, reservation: 2 << 20)
        #expect(largeFrames.shouldTake(pendingByteCount: framer.pendingByteCount))
        guard case .handedBack = largeFrames.read(from: framer, through: reader.read) else {
            Issue.record("expected the frame to go back to the framer")
            return
        }
        #expect(framer.pendingByteCount == 2 << 20)
        #expect(largeFrames.reservation == 4 << 20)
        #expect(largeFrames.shouldTake(pendingByteCount: framer.pendingByteCount) == false, "the same frame is not taken twice")
        // The framer finishes it.
        while true {
            if let frame = try framer.nextFrame() {
                let decoded = JSONRPCMessage.decodeFrame(frame) == [.success(messages[0])]
                #expect(decoded)
                break
            }
            #expect(framer.fill(reader.read) > 0)
        }
        largeFrames.frameEnded()
        #expect(largeFrames.shouldTake(pendingByteCount: 600_000))
    }

    @Test("the room reserved follows the last large frame, never under the initial room")
    func reservationFollowsTheLastFrame() throws {
        var largeFrames = LargeFrameReader(maximumFrameLength: .max, reservation: 8 << 20)
        for (size, expected) in [(3 << 20, 8 << 20), (6 << 20, 12 << 20), (700 << 10, 8 << 20)] {
            let message = notification("n", text: String(repeating: "r", count: size))
            let stream = line(message)
            let framer = LineFramer(maximumFrameLength: .max)
            stream.prefix(600_000).withUnsafeBytes { framer.append($0) }
            let reader = ScriptedReader([.bytes(Array(stream.dropFirst(600_000)))], readSize: 64 * 1024)
            guard case .decoded(let results) = largeFrames.read(from: framer, through: reader.read) else {
                Issue.record("the \(size)-byte frame was not decoded in place")
                continue
            }
            #expect(results.count == 1 && (try? results[0].get()) == message)
            // Trimmed to the frame's length (text, envelope and newline), twice that is the room.
            #expect(largeFrames.reservation == max(8 << 20, 2 * (stream.count - 1)), "after \(size) bytes")
            #expect(largeFrames.reservation >= expected)
        }
    }

    @Test("the limit holds for large frames, line ending excluded")
    func limit() {
        let limit = 2 << 20
        let prefix = #"{"jsonrpc":"2.0","method":"n","params":{"text":""#
        let suffix = #""}}"#
        func frame(length: Int) -> [UInt8] {
            Array((prefix + String(repeating: "x", count: length - prefix.utf8.count - suffix.utf8.count) + suffix).utf8)
        }
        let exact = frame(length: limit)
        let fits = readAll([.bytes(exact + Array("\r\n".utf8) + line(notification("after")))], maximumFrameLength: limit)
        #expect(fits.failure == nil)
        #expect(fits.delivered.count == 2)
        #expect(fits.delivered.last == .message(notification("after")), "\(summary(fits.delivered))")

        let over = readAll([.bytes(line(notification("before")) + frame(length: limit + 1) + Array("\n".utf8) + line(notification("after")))], maximumFrameLength: limit)
        expectDelivered(over.delivered, [.message(notification("before"))])
        #expect(over.failure?.code == .messageTooLarge)

        // Far over the limit, the newline never read: reading stops soon after the limit.
        let endless = readAll([.bytes(Array(repeating: UInt8(ascii: "x"), count: 8 << 20))], maximumFrameLength: limit)
        #expect(endless.delivered.isEmpty)
        #expect(endless.failure?.code == .messageTooLarge)
    }

    @Test("a large last message without its newline still counts; a cut-off one is invalid")
    func endOfFile() {
        let big = notification("big", text: bigText(2 << 20))
        let whole = readAll([.bytes(line(notification("first")) + line(big, ending: ""))])
        #expect(whole.failure == nil)
        expectDelivered(whole.delivered, [.message(notification("first")), .message(big)])

        let cut = readAll([.bytes(Array(line(big).prefix(1 << 20)))])
        #expect(cut.failure == nil)
        guard cut.delivered.count == 1, case .invalid = cut.delivered[0] else {
            Issue.record("expected one invalid message, got \(cut.delivered.count) events")
            return
        }
    }

    @Test("a read failure in the middle of a large frame stops reading with ioFailed")
    func readFailure() {
        let stream = line(notification("big", text: bigText(2 << 20)))
        let (delivered, failure) = readAll([.bytes(Array(stream.prefix(1 << 20))), .failure(EIO)])
        #expect(delivered.isEmpty)
        #expect(failure?.code == .ioFailed)
        // The errno of the failed read, not whatever came after it.
        #expect((failure?.underlyingError as? TransportErrno)?.code == EIO, "\(String(describing: failure))")
    }

    @Test("a large blank line is skipped; large invalid UTF-8 is reported and reading goes on")
    func blankAndInvalid() {
        var invalid = line(notification("bad", text: String(repeating: "y", count: 1 << 20)))
        invalid[invalid.count / 2] = 0xFF
        let stream = Array(repeating: UInt8(ascii: " "), count: 700_000) + Array("\r\n".utf8) + invalid + line(notification("after"))
        let (delivered, failure) = readAll([.bytes(stream)])
        #expect(failure == nil)
        #expect(delivered.count == 2)
        if case .invalid(let reason)? = delivered.first {
            #expect(reason.contains("UTF-8"), "reason: \(reason)")
        } else {
            Issue.record("expected an invalid message first")
        }
        #expect(delivered.last == .message(notification("after")), "\(summary(delivered))")
    }
}
