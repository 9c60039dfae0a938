#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPCore
import Synchronization

/// Writes to a non-blocking pipe in order, without ever blocking a Swift concurrency thread.
///
/// The common case writes straight from the caller. When the pipe is full (the reader is slow
/// or stuck), the rest is queued and a helper thread waits for the pipe to drain, so callers
/// await without occupying a cooperative thread, and later writes queue behind in order.
final class PipeWriter: Sendable {
    private struct Chunk {
        var bytes: [UInt8]
        var offset: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var fd: Int32
        var queue: [Chunk] = []
        var drainerRunning = false
        var failure: TransportError?
        var closeRequested = false
    }

    private let state: Mutex<State>

    /// Takes ownership of `fd` and makes it non-blocking.
    init(fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        state = Mutex(State(fd: fd))
    }

    /// Writes all of `bytes`, in order after every earlier write.
    ///
    /// - Throws: ``TransportError`` if the pipe is closed (the reader exited) or was closed here.
    func write(_ bytes: [UInt8]) async throws {
        enum Outcome {
            case done
            case failed(TransportError)
            case queued(startDrainer: Bool)
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome: Outcome = state.withLock { state in
                if let failure = state.failure { return .failed(failure) }
                if state.closeRequested { return .failed(TransportError(.closed, "the transport is closed")) }
                var offset = 0
                if state.queue.isEmpty {
                    switch Self.writeSome(state.fd, bytes, from: &offset) {
                    case .complete:
                        return .done
                    case .wouldBlock:
                        break
                    case .failed(let error):
                        state.failure = error
                        return .failed(error)
                    }
                }
                state.queue.append(Chunk(bytes: bytes, offset: offset, continuation: continuation))
                if state.drainerRunning { return .queued(startDrainer: false) }
                state.drainerRunning = true
                return .queued(startDrainer: true)
            }
            switch outcome {
            case .done:
                continuation.resume()
            case .failed(let error):
                continuation.resume(throwing: error)
            case .queued(let startDrainer):
                if startDrainer {
                    do {
                        try startThread(name: "mcp-stdio-write") { self.drain() }
                    } catch {
                        fail(TransportError(.ioFailed, "could not start the writer thread", underlyingError: error))
                    }
                }
            }
        }
    }

    /// Closes the pipe (the reader sees end of file). Queued writes fail. Idempotent.
    func close() {
        let (waiters, fdToClose): ([CheckedContinuation<Void, any Error>], Int32?) = state.withLock { state in
            guard !state.closeRequested else { return ([], nil) }
            state.closeRequested = true
            let waiters = state.queue.map(\.continuation)
            state.queue = []
            // While the drainer runs it owns the descriptor and closes it when it notices.
            if state.drainerRunning { return (waiters, nil) }
            let fd = state.fd
            state.fd = -1
            return (waiters, fd)
        }
        if let fdToClose, fdToClose >= 0 { _ = systemClose(fdToClose) }
        for waiter in waiters { waiter.resume(throwing: TransportError(.closed, "the transport was closed before the message was written")) }
    }

    private func fail(_ error: TransportError) {
        let waiters = state.withLock { state in
            state.failure = state.failure ?? error
            defer { state.queue = [] }
            return state.queue.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    private enum WriteResult {
        case complete
        case wouldBlock
        case failed(TransportError)
    }

    private static func writeSome(_ fd: Int32, _ bytes: [UInt8], from offset: inout Int) -> WriteResult {
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EPIPE:
                return .failed(TransportError(.ioFailed, "the server's stdin is closed (the server exited or stopped reading)"))
            default:
                return .failed(TransportError(.ioFailed, "writing to the server failed", underlyingError: TransportErrno(errno, "write")))
            }
        }
        return .complete
    }

    /// The helper thread: waits until the pipe accepts data, writes the queue out, and exits when
    /// the queue is empty. Wakes every 100 ms only while writes are stuck, to notice `close()`.
    private func drain() {
        while true {
            let fd: Int32 = state.withLock { state in
                if state.closeRequested || state.failure != nil || state.queue.isEmpty {
                    state.drainerRunning = false
                    if state.closeRequested, state.fd >= 0 {
                        _ = systemClose(state.fd)
                        state.fd = -1
                    }
                    return -1
                }
                return state.fd
            }
            guard fd >= 0 else { return }
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            _ = poll(&descriptor, 1, 100)
            var finished: [CheckedContinuation<Void, any Error>] = []
            var failure: TransportError?
            state.withLock { state in
                while var chunk = state.queue.first, !state.closeRequested {
                    switch Self.writeSome(state.fd, chunk.bytes, from: &chunk.offset) {
                    case .complete:
                        finished.append(chunk.continuation)
                        state.queue.removeFirst()
                        continue
                    case .wouldBlock:
                        state.queue[0].offset = chunk.offset
                    case .failed(let error):
                        failure = error
                    }
                    break
                }
            }
            for continuation in finished { continuation.resume() }
            if let failure { fail(failure) }
        }
    }
}

// Unqualified `close`/`write` would resolve to the methods above.
@inline(__always) func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #elseif canImport(Musl)
    Musl.close(fd)
    #else
    Darwin.close(fd)
    #endif
}

@inline(__always) func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    Musl.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}

@inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #elseif canImport(Musl)
    Musl.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
