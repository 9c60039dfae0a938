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
func readFrames(
    maximumFrameLength: Int,
    peer: String,
    read: (UnsafeMutableRawBufferPointer) -> Int,
    deliver: (TransportEvent) -> Void
) -> TransportError? {
    let framer = LineFramer(maximumFrameLength: maximumFrameLength)
    func decode(_ frame: UnsafeRawBufferPointer) {
        // Blank lines between messages are tolerated.
        if frame.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        // The frame is the framer's memory, not read again once decoded: a large message's
        // pages may go as its strings are copied out.
        for result in JSONRPCMessage.decodeFrame(frame, releasingInput: true) {
            switch result {
            case .success(let message): deliver(.message(message))
            case .failure(let error): deliver(.invalidMessage(error))
            }
        }
    }
    while true {
        let count = framer.fill(read)
        if count == 0 { break }
        if count < 0 {
            return TransportError(.ioFailed, "reading from the \(peer) failed", underlyingError: TransportErrno(errno, "read"))
        }
        do {
            while let frame = try framer.nextFrame() { decode(frame) }
        } catch {
            return TransportError(
                .messageTooLarge,
                "the \(peer) sent a message larger than the \(maximumFrameLength)-byte limit"
            )
        }
    }
    // A last message without its newline still counts.
    if framer.pendingByteCount > 0 { decode(framer.remainder()) }
    return nil
}
