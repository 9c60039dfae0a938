#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPCore

/// Reads newline-delimited JSON-RPC from `fd` until end of file, handing each message (or each
/// unreadable line, as ``TransportEvent/invalidMessage(_:)``) to `deliver`, on the calling thread.
///
/// Returns `nil` at a clean end of file, or the error that stopped reading (a message over the
/// limit, a read failure). Does not close `fd`.
func readFrames(
    from fd: Int32,
    maximumFrameLength: Int,
    peer: String,
    deliver: (TransportEvent) -> Void
) -> TransportError? {
    readFrames(maximumFrameLength: maximumFrameLength, peer: peer, read: { space in
        while true {
            let count = systemRead(fd, space.baseAddress!, space.count)
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }, deliver: deliver)
}

/// Reads newline-delimited JSON-RPC through `read` (which behaves as a blocking `read(2)`: bytes
/// read, `0` at end of file, `-1` with `errno` on failure) until end of file, as above.
///
/// `largeFrameReservation` is the room the first large frame gets (see ``LargeFrameReader``).
func readFrames(
    maximumFrameLength: Int,
    peer: String,
    largeFrameReservation: Int = LargeFrameReader.initialReservation,
    read: (UnsafeMutableRawBufferPointer) -> Int,
    deliver: (TransportEvent) -> Void
) -> TransportError? {
    let framer = LineFramer(maximumFrameLength: maximumFrameLength)
    func deliverAll(_ results: [Result<JSONRPCMessage, InvalidMessageError>]) {
        for result in results {
            switch result {
            case .success(let message): deliver(.message(message))
            case .failure(let error): deliver(.invalidMessage(error))
            }
        }
    }
    func decode(_ frame: UnsafeRawBufferPointer) {
        if isBlank(frame) { return }
        // The frame is the framer's memory, not read again once decoded: a large message's
        // pages may go as its strings are copied out.
        deliverAll(JSONRPCMessage.decodeFrame(frame, releasingInput: true))
    }
    func readFailed(_ code: Int32) -> TransportError {
        TransportError(.ioFailed, "reading from the \(peer) failed", underlyingError: TransportErrno(code, "read"))
    }
    let tooLarge = TransportError(.messageTooLarge, "the \(peer) sent a message larger than the \(maximumFrameLength)-byte limit")
    var largeFrames = LargeFrameReader(maximumFrameLength: maximumFrameLength, reservation: largeFrameReservation)
    while true {
        do {
            while let frame = try framer.nextFrame() {
                largeFrames.frameEnded()
                decode(frame)
            }
        } catch {
            return tooLarge
        }
        if largeFrames.shouldTake(pendingByteCount: framer.pendingByteCount) {
            switch largeFrames.read(from: framer, through: read) {
            case .decoded(let results):
                deliverAll(results)
                // Whole messages may have come in after it: they go out before the next read.
                continue
            case .handedBack:
                break
            case .endOfFile(let results):
                deliverAll(results)
                return nil
            case .readFailed(let code):
                return readFailed(code)
            case .tooLarge:
                return tooLarge
            }
        }
        let count = framer.fill(read)
        if count == 0 { break }
        if count < 0 { return readFailed(errno) }
    }
    // A last message without its newline still counts.
    if framer.pendingByteCount > 0 { decode(framer.remainder()) }
    return nil
}

/// Whether a frame is blank: blank lines between messages are tolerated.
private func isBlank(_ frame: UnsafeRawBufferPointer) -> Bool {
    frame.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
}

/// Reads a frame that has outgrown the framer straight into the storage of its large string
/// (see `JSONRPCMessage.decodeFrameInPlace`), so a 10 MB resource costs one buffer, written once.
///
/// The storage is reserved up front: a `String`'s storage cannot grow while it is being written.
/// Its unused pages are never touched, and go back once the frame is decoded; a frame that
/// outgrows it goes back to the framer (the usual path) and the next frame gets twice the room.
/// The room follows the last large frame (twice its size, never under the initial room), so one
/// huge message does not make every later one reserve as much.
struct LargeFrameReader {
    /// How a large frame ended.
    enum Outcome {
        /// Its messages, the newline read.
        case decoded([Result<JSONRPCMessage, InvalidMessageError>])
        /// It outgrew the reservation; the framer holds its bytes.
        case handedBack
        /// The stream ended; its messages, if it had any.
        case endOfFile([Result<JSONRPCMessage, InvalidMessageError>])
        /// `read` failed, with this `errno`.
        case readFailed(Int32)
        /// It went past the limit.
        case tooLarge
    }

    /// Frames this long without their newline yet are read in place; shorter ones are cheaper
    /// to copy out of the framer.
    static let threshold = 512 * 1024

    let maximumFrameLength: Int
    /// The room the next large frame gets.
    private(set) var reservation: Int
    /// The least room a large frame gets.
    private let minimumReservation: Int
    /// Set when the frame now in the framer went back to it, so it is not taken again.
    private var frameHandedBack = false

    /// The room the first large frame gets: a 10 MB resource fits.
    static let initialReservation = 16 << 20

    init(maximumFrameLength: Int, reservation: Int = initialReservation) {
        self.maximumFrameLength = maximumFrameLength
        self.reservation = reservation
        minimumReservation = reservation
    }

    /// Whether the frame the framer is collecting should be read in place.
    func shouldTake(pendingByteCount: Int) -> Bool {
        pendingByteCount >= Self.threshold && pendingByteCount < reservation / 2 && !frameHandedBack
    }

    /// Notes that the framer handed out a frame.
    mutating func frameEnded() {
        frameHandedBack = false
    }

    /// Reads the rest of the frame that the framer holds the start of, through `read` (a
    /// blocking `read(2)`), and decodes it. Bytes read past its newline go back to the framer.
    mutating func read(from framer: LineFramer, through read: (UnsafeMutableRawBufferPointer) -> Int) -> Outcome {
        // Room for a frame of the largest size and its "\r\n".
        let capacity = min(reservation, maximumFrameLength > Int.max - 2 ? Int.max : maximumFrameLength + 2)
        var outcome = Outcome.handedBack
        var frameLength = 0
        let results = JSONRPCMessage.decodeFrameInPlace(capacity: capacity) { storage in
            let base = storage.baseAddress!
            var filled = framer.movePending(to: storage)
            while true {
                if filled == storage.count {
                    // Full at `filled <= maximumFrameLength` (or the frame would be too large):
                    // the reservation is what is too small.
                    framer.append(UnsafeRawBufferPointer(start: base, count: filled))
                    outcome = .handedBack
                    return nil
                }
                let count = read(UnsafeMutableRawBufferPointer(rebasing: storage[filled...]))
                if count == 0 {
                    outcome = .endOfFile([])
                    frameLength = filled
                    // A last message without its newline still counts.
                    return isBlank(UnsafeRawBufferPointer(start: base, count: filled)) ? nil : filled
                }
                if count < 0 {
                    outcome = .readFailed(errno)
                    return nil
                }
                if let newline = memchr(base + filled, 0x0A, count) {
                    let newlineIndex = base.distance(to: newline)
                    let readEnd = filled + count
                    if newlineIndex + 1 < readEnd {
                        framer.append(UnsafeRawBufferPointer(start: base + newlineIndex + 1, count: readEnd - newlineIndex - 1))
                    }
                    var frameEnd = newlineIndex
                    if frameEnd > 0, base.load(fromByteOffset: frameEnd - 1, as: UInt8.self) == 0x0D { frameEnd -= 1 }
                    guard frameEnd <= maximumFrameLength else {
                        outcome = .tooLarge
                        return nil
                    }
                    outcome = .decoded([])
                    frameLength = frameEnd
                    return isBlank(UnsafeRawBufferPointer(start: base, count: frameEnd)) ? nil : frameEnd
                }
                filled += count
                guard filled <= maximumFrameLength else {
                    outcome = .tooLarge
                    return nil
                }
            }
        }
        switch outcome {
        case .handedBack:
            frameHandedBack = true
            reservation = capacity > Int.max / 2 ? Int.max : 2 * capacity
        case .decoded:
            outcome = .decoded(results ?? [])
        case .endOfFile:
            outcome = .endOfFile(results ?? [])
        case .readFailed, .tooLarge:
            break
        }
        if frameLength > 0 {
            // The next frame like this one fits, with room to spare.
            reservation = max(minimumReservation, frameLength > Int.max / 2 ? Int.max : 2 * frameLength)
        }
        return outcome
    }
}
