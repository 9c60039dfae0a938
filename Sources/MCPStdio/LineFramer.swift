import CMCPStdio
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into newline-delimited frames, in linear time whatever the frame sizes.
///
/// Bytes are read straight into the framer's buffer; each newline is found once with `memchr`,
/// scanning only bytes not scanned before, and a frame is handed out as a view of the buffer (no
/// copy). The buffer doubles when a frame outgrows it (with `realloc`, which moves large buffers
/// by remapping pages rather than copying them, so a big frame never needs two buffers at once)
/// and is compacted only when the unread tail is small, so a 64 MB frame costs a few
/// reallocations, not a quadratic rescan. After a large frame the buffer shrinks back, so one big
/// message does not pin its memory for the rest of the session.
///
/// Used from one thread at a time.
final class LineFramer {
    /// A frame was longer than the limit.
    struct FrameTooLarge: Error {
        let limit: Int
    }

    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// Unconsumed bytes are `storage[start..<end]`.
    private var start = 0
    private var end = 0
    /// No newline in `storage[start..<scanned]`.
    private var scanned = 0
    let maximumFrameLength: Int

    private let initialCapacity: Int

    init(initialCapacity: Int = 64 * 1024, maximumFrameLength: Int) {
        self.initialCapacity = max(initialCapacity, 16)
        capacity = self.initialCapacity
        storage = Self.reallocate(nil, capacity)
        self.maximumFrameLength = maximumFrameLength
    }

    deinit {
        free(storage)
    }

    private static func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer {
        guard let result = realloc(pointer, size) else {
            fatalError("out of memory: could not allocate \(size) bytes for a message")
        }
        return result
    }

    /// Bytes waiting for their newline.
    var pendingByteCount: Int { end - start }

    /// Lets `read` fill free space at the end of the buffer (at least `minimum` bytes, growing or
    /// compacting as needed) and records how many bytes it wrote. Returns what `read` returned.
    func fill(minimum: Int = 64 * 1024, _ read: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        if shrinkAfterLargeFrame { shrinkIfMostlyEmpty() }
        if capacity - end < minimum {
            makeRoom(minimum)
        }
        let count = read(UnsafeMutableRawBufferPointer(start: storage + end, count: capacity - end))
        if count > 0 { end += count }
        return count
    }

    /// Appends bytes (for tests and for callers that already hold the data).
    func append(_ bytes: UnsafeRawBufferPointer) {
        _ = fill(minimum: bytes.count) { space in
            space.copyMemory(from: bytes)
            return bytes.count
        }
    }

    /// The next complete frame without its newline (and without a trailing carriage return), or
    /// `nil` if none is complete. The view is valid until the next call on the framer.
    ///
    /// - Throws: ``FrameTooLarge`` once the incomplete frame exceeds the limit.
    func nextFrame() throws -> UnsafeRawBufferPointer? {
        if scanned < start { scanned = start }
        guard let newline = memchr(storage + scanned, 0x0A, end - scanned) else {
            scanned = end
            if end - start > maximumFrameLength { throw FrameTooLarge(limit: maximumFrameLength) }
            return nil
        }
        let newlineIndex = storage.distance(to: newline)
        var frameEnd = newlineIndex
        if frameEnd > start, storage.load(fromByteOffset: frameEnd - 1, as: UInt8.self) == 0x0D { frameEnd -= 1 }
        let frame = UnsafeRawBufferPointer(start: storage + start, count: frameEnd - start)
        start = newlineIndex + 1
        scanned = start
        // The frame is still in the buffer: shrinking waits for the next call (see fill).
        shrinkAfterLargeFrame = capacity > 4 * initialCapacity
        if frame.count > maximumFrameLength { throw FrameTooLarge(limit: maximumFrameLength) }
        return frame
    }

    /// Moves the bytes waiting for a newline to the start of `destination` (which has room for
    /// them) and returns how many there were. The framer is then empty, and gives its grown
    /// buffer back at once.
    func movePending(to destination: UnsafeMutableRawBufferPointer) -> Int {
        let pending = end - start
        precondition(destination.count >= pending, "no room for the pending bytes")
        destination.baseAddress!.copyMemory(from: storage + start, byteCount: pending)
        discardPending()
        if capacity > 4 * initialCapacity { shrinkIfMostlyEmpty() }
        return pending
    }

    /// Drops the bytes waiting for a newline.
    func discardPending() {
        start = end
        scanned = end
    }

    /// Whatever remains after the last newline (the stream ended without one).
    func remainder() -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + start, count: end - start)
    }

    private var shrinkAfterLargeFrame = false

    /// Gives a buffer that grew for a large frame back once little of it is in use.
    private func shrinkIfMostlyEmpty() {
        shrinkAfterLargeFrame = false
        let pending = end - start
        guard pending <= initialCapacity / 2 else { return }
        if pending > 0 { memmove(storage, storage + start, pending) }
        storage = Self.reallocate(storage, initialCapacity)
        capacity = initialCapacity
        scanned -= start
        start = 0
        end = pending
    }

    /// A buffer this large holds a large message.
    private static let largeMessageCapacity = 1 << 20

    private func makeRoom(_ minimum: Int) {
        let pending = end - start
        // Compact when that alone frees enough room and moves little; otherwise grow.
        if start > 0 && capacity - pending >= minimum && pending <= capacity / 2 {
            if pending > 0 { memmove(storage, storage + start, pending) }
            scanned -= start
            start = 0
            end = pending
            return
        }
        var newCapacity = capacity
        while newCapacity - pending < minimum { newCapacity *= 2 }
        // A large message is coming: first give back what malloc holds free (the small blocks
        // of many earlier messages, scattered over its arenas), so the large one does not stack
        // on it. Once per large message, a few microseconds against its milliseconds.
        if newCapacity >= Self.largeMessageCapacity, capacity < Self.largeMessageCapacity { mcp_release_free_heap() }
        if start > 0 {
            if pending > 0 { memmove(storage, storage + start, pending) }
            scanned -= start
            start = 0
            end = pending
        }
        storage = Self.reallocate(storage, newCapacity)
        capacity = newCapacity
    }
}

