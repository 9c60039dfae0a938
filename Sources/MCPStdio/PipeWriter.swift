#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPCore
import Synchronization

/// Writes to a non-blocking pipe in order, without ever blocking a Swift concurrency thread and
/// without holding a lock across a system call.
///
/// Writers queue their bytes; the first writer to find nobody writing becomes the flusher and
/// writes everything queued, its own and what others added meanwhile, in one `write` where it can
/// (many concurrent requests cost few system calls), resuming each writer as its bytes leave.
/// When the pipe is full (the reader is slow or stuck), a helper thread waits for it to drain, so
/// callers await without occupying a cooperative thread, and later writes queue behind in order.
final class PipeWriter: Sendable {
    private struct Chunk {
        var bytes: [UInt8]
        var offset: Int
        /// Called once, outside the lock: `nil` when the bytes are written, else the error.
        var completion: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var fd: Int32
        var queue: [Chunk] = []
        /// A writer is writing the chunks it took from the queue.
        var flushing = false
        /// The helper thread owns the writing until the queue is empty.
        var drainerRunning = false
        var failure: TransportError?
        var closeRequested = false

        /// Whoever writes (a flusher or the drainer) owns the descriptor until it stops.
        var isWriting: Bool { flushing || drainerRunning }
    }

    private let state: Mutex<State>
    /// Where a coalesced flush runs when the writer is on its reading thread.
    private let eventLoop: StdioEventLoop?

    /// Takes ownership of `fd` and makes it non-blocking.
    init(fd: Int32, eventLoop: StdioEventLoop? = nil) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        state = Mutex(State(fd: fd))
        self.eventLoop = eventLoop
    }

    /// Writes all of `bytes`, in order after every earlier write.
    ///
    /// - Throws: ``TransportError`` if the pipe is closed (the reader exited) or was closed here.
    func write(_ bytes: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enqueue(bytes) { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    /// Queues `bytes` behind every earlier write and returns without waiting for them to leave:
    /// if nobody is writing, they are written now, on this thread (the pipe is non-blocking).
    /// `completion` gets `nil` once they are all written, or the ``TransportError`` that stopped
    /// them; it may run before this returns.
    ///
    /// With `coalescing`, a writer that finds nobody writing does not write now but leaves the
    /// flush to a task of its own, which runs after the work already waiting on the concurrency
    /// pool: when many requests are in flight, the callers their responses just resumed queue
    /// their next requests meanwhile, and all of them leave in one `write` (on a shared CPU an
    /// immediate `write` wakes the server, which preempts us to answer that one request alone).
    /// The flush task needs a pool thread, as the callers' resumptions do: a pool blocked by
    /// handlers stalls those responses either way. A writer on the transport's event loop leaves
    /// the flush to the loop instead, which runs it once its queued jobs have run (see
    /// ``StdioEventLoop/runWhenIdle(_:)``). Sequential requests (nothing else in flight) are
    /// written at once, as before.
    func enqueue(_ bytes: [UInt8], coalescing: Bool = false, completion: @escaping @Sendable ((any Error)?) -> Void) {
        enum Outcome {
            case failed(TransportError)
            case queued
            case flush
        }
        let outcome: Outcome = state.withLock { state in
            if let failure = state.failure { return .failed(failure) }
            if state.closeRequested { return .failed(TransportError(.closed, "the transport is closed")) }
            state.queue.append(Chunk(bytes: bytes, offset: 0, completion: completion))
            if state.isWriting { return .queued }
            state.flushing = true
            return .flush
        }
        switch outcome {
        case .failed(let error): completion(error)
        case .queued: break
        case .flush:
            if coalescing {
                // On the event loop, the flush waits for the jobs already queued there instead.
                if eventLoop?.runWhenIdle({ self.flush() }) != true {
                    Task.detached { self.flush() }
                }
            } else {
                flush()
            }
        }
    }

    /// Closes the pipe (the reader sees end of file). Queued writes fail. Idempotent.
    func close() {
        let (waiters, fdToClose): ([@Sendable ((any Error)?) -> Void], Int32?) = state.withLock { state in
            guard !state.closeRequested else { return ([], nil) }
            state.closeRequested = true
            let waiters = state.queue.map(\.completion)
            state.queue = []
            // While someone writes it owns the descriptor and closes it when it notices.
            if state.isWriting { return (waiters, nil) }
            let fd = state.fd
            state.fd = -1
            return (waiters, fd)
        }
        if let fdToClose, fdToClose >= 0 { _ = systemClose(fdToClose) }
        for waiter in waiters { waiter(TransportError(.closed, "the transport was closed before the message was written")) }
    }

    // MARK: Writing

    /// Writes queued chunks until the queue is empty, the pipe is full (then the drainer takes
    /// over) or writing fails.
    private func flush() {
        while true {
            guard let (batch, fd) = takeBatch(stoppingFlag: \.flushing) else { return }
            switch write(batch, to: fd) {
            case .complete:
                continue
            case .wouldBlock(let remaining):
                // The drainer takes over the writing role (and the descriptor) from here.
                state.withLock { state in
                    state.queue.insert(contentsOf: remaining, at: 0)
                    state.flushing = false
                    state.drainerRunning = true
                }
                do {
                    try startThread(name: "mcp-stdio-write") { self.drain() }
                } catch {
                    fail(TransportError(.ioFailed, "could not start the writer thread", underlyingError: error))
                    _ = takeBatch(stoppingFlag: \.drainerRunning)
                }
                return
            case .failed(let error, let unwritten):
                for chunk in unwritten { chunk.completion(error) }
                fail(error)
                // Gives up the writing role, closing the descriptor if a close waited for it.
                _ = takeBatch(stoppingFlag: \.flushing)
                return
            }
        }
    }

    /// Everything queued and the descriptor to write it to; `nil` (with the writing role given
    /// up, and a requested close carried out) when there is nothing to write.
    private func takeBatch(stoppingFlag flag: WritableKeyPath<State, Bool>) -> ([Chunk], Int32)? {
        let (batch, fd, toClose): ([Chunk], Int32, Int32?) = state.withLock { state in
            if state.closeRequested || state.failure != nil || state.queue.isEmpty {
                state[keyPath: flag] = false
                var toClose: Int32?
                if state.closeRequested, state.fd >= 0, !state.isWriting {
                    toClose = state.fd
                    state.fd = -1
                }
                return ([], -1, toClose)
            }
            defer { state.queue = [] }
            return (state.queue, state.fd, nil)
        }
        if let toClose { _ = systemClose(toClose) }
        return batch.isEmpty ? nil : (batch, fd)
    }

    private enum BatchResult {
        case complete
        case wouldBlock(remaining: [Chunk])
        case failed(TransportError, unwritten: [Chunk])
    }

    /// Writes a batch (one system call for all of it when possible) and resumes the writers whose
    /// bytes all left; returns what is left when the pipe is full.
    private func write(_ batch: [Chunk], to fd: Int32) -> BatchResult {
        var combined: [UInt8]
        if batch.count == 1 {
            combined = batch[0].offset == 0 ? batch[0].bytes : Array(batch[0].bytes[batch[0].offset...])
        } else {
            combined = []
            combined.reserveCapacity(batch.reduce(0) { $0 + $1.bytes.count - $1.offset })
            for chunk in batch { combined.append(contentsOf: chunk.bytes[chunk.offset...]) }
        }
        var offset = 0
        let result = Self.writeSome(fd, combined, from: &offset)
        // Resume the writers whose bytes are all out; adjust the first one that is not.
        var remaining: [Chunk] = []
        var written = offset
        for var chunk in batch {
            let length = chunk.bytes.count - chunk.offset
            if remaining.isEmpty, written >= length {
                written -= length
                chunk.completion(nil)
            } else {
                if remaining.isEmpty {
                    chunk.offset += written
                    written = 0
                }
                remaining.append(chunk)
            }
        }
        switch result {
        case .complete: return .complete
        case .wouldBlock: return .wouldBlock(remaining: remaining)
        case .failed(let error): return .failed(error, unwritten: remaining)
        }
    }

    private func fail(_ error: TransportError) {
        let waiters = state.withLock { state in
            state.failure = state.failure ?? error
            defer { state.queue = [] }
            return state.queue.map(\.completion)
        }
        for waiter in waiters { waiter(error) }
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
            guard let (batch, fd) = takeBatch(stoppingFlag: \.drainerRunning) else { return }
            switch write(batch, to: fd) {
            case .complete:
                continue
            case .wouldBlock(let remaining):
                state.withLock { $0.queue.insert(contentsOf: remaining, at: 0) }
            case .failed(let error, let unwritten):
                for chunk in unwritten { chunk.completion(error) }
                fail(error)
            }
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
