#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CMCPStdio
import Synchronization

/// The thread that reads a stdio server's output, usable as a task executor.
///
/// Every ``StdioTransport`` reads the server's stdout on a thread of its own. Tasks that prefer
/// that thread as their executor run on it too:
///
/// ```swift
/// try await withTaskExecutorPreference(transport.eventLoop) {
///     for city in cities {
///         _ = try await client.callTool("weather", arguments: ["city": .string(city)])
///     }
/// }
/// ```
///
/// A request then leaves and its response resumes the caller on the same thread, with no hand-off
/// to Swift's global concurrent pool: a sequential round trip costs two context switches (ours
/// and the server's) instead of four, and many requests resumed by one read are written back in
/// one `write`. It is the same trade as a SwiftNIO event loop: code that blocks or computes for a
/// long time on this thread delays reading the server's messages, so keep such work off it.
///
/// Before the transport starts and after the server's stdout ends, jobs sent here run on the
/// global concurrent executor instead, so a task that prefers this executor never waits on a
/// thread that is gone. The executor must outlive the tasks that prefer it, as any executor
/// must: `withTaskExecutorPreference` and `Task(executorPreference:)` keep it alive for their
/// duration.
public final class StdioEventLoop: TaskExecutor, Sendable {
    private enum Phase {
        /// Not reading yet: jobs go to the global executor.
        case idle
        /// The reading thread runs; `thread` identifies it.
        case running(thread: UInt)
        /// Reading ended; the thread runs what it had accepted, then exits.
        case retired
    }

    private struct State {
        var phase = Phase.idle
        var jobs: [UnownedJob] = []
        /// Emptied storage of an earlier batch, reused for the next.
        var spareJobs: [UnownedJob] = []
        /// Work to do once the jobs queued so far have run (see ``runWhenIdle(_:)``).
        var idleWork: [@Sendable () -> Void] = []
        /// The thread is (about to be) blocked in `poll`; an enqueuer wakes it.
        var sleeping = false
        /// The self-pipe that wakes the thread from `poll`; opened when reading starts, closed in
        /// `deinit` (never earlier, so a late waker never writes to a reused descriptor).
        var wakePipe: (read: Int32, write: Int32) = (-1, -1)
    }

    private let state = Mutex(State())

    /// A loop that is not reading yet; ``StdioTransport`` starts it.
    init() {}

    deinit {
        let pipe = state.withLock { $0.wakePipe }
        if pipe.read >= 0 { _ = systemClose(pipe.read) }
        if pipe.write >= 0 { _ = systemClose(pipe.write) }
    }

    // MARK: TaskExecutor

    /// Runs `job` on the reading thread, or on the global concurrent executor when the thread is
    /// not running.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unownedJob = UnownedJob(job)
        let (accepted, wakeDescriptor) = state.withLock { state -> (Bool, Int32) in
            guard case .running = state.phase else { return (false, -1) }
            state.jobs.append(unownedJob)
            guard state.sleeping else { return (true, -1) }
            state.sleeping = false
            return (true, state.wakePipe.write)
        }
        if !accepted {
            globalConcurrentExecutor.enqueue(ExecutorJob(unownedJob))
            return
        }
        if wakeDescriptor >= 0 { Self.signal(wakeDescriptor) }
    }

    // MARK: Running (on the reading thread)

    /// Whether the calling thread is this loop's reading thread.
    var isCurrentThread: Bool {
        let current = Self.currentThreadID
        return state.withLock { state in
            if case .running(let thread) = state.phase { return thread == current }
            return false
        }
    }

    /// Runs `work` on the reading thread once the jobs queued so far have run, before it next
    /// reads or waits. Returns `false`, without running `work`, when not called on the reading
    /// thread while it runs.
    ///
    /// Writers use this to coalesce: requests that the same read resumed all leave in one write.
    func runWhenIdle(_ work: @escaping @Sendable () -> Void) -> Bool {
        let current = Self.currentThreadID
        return state.withLock { state in
            guard case .running(let thread) = state.phase, thread == current else { return false }
            state.idleWork.append(work)
            return true
        }
    }

    /// Starts serving jobs on the calling thread and returns a read function for `fd` that runs
    /// jobs while it waits. Throws if the wake-up pipe cannot be made.
    ///
    /// The returned function reads like a blocking `read(2)` (bytes read, `0` at end of file,
    /// `-1` with `errno` on failure), but while no bytes are ready it runs the jobs sent to this
    /// executor and waits in `poll` for either.
    func start(readingFrom fd: Int32) throws -> (UnsafeMutableRawBufferPointer) -> Int {
        let pipe = try StdioEventLoop.makeWakePipe()
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        let thread = Self.currentThreadID
        state.withLock { state in
            state.wakePipe = pipe
            state.phase = .running(thread: thread)
        }
        return { [self] space in read(fd, into: space, wakeDescriptor: pipe.read) }
    }

    /// Stops accepting jobs (later ones go to the global executor) and runs the ones already
    /// accepted. Called on the reading thread when reading has ended.
    func retire() {
        state.withLock { $0.phase = .retired }
        // Jobs that re-queue themselves now go to the global executor: this ends.
        while runPendingWork() {}
    }

    private func read(_ fd: Int32, into space: UnsafeMutableRawBufferPointer, wakeDescriptor: Int32) -> Int {
        while true {
            // One batch, then a look at the pipe: a task that keeps re-queuing itself (a
            // `Task.yield()` loop) cannot keep the server's messages from being read.
            runPendingWork()
            let count = systemRead(fd, space.baseAddress!, space.count)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: waitForInputOrJobs(fd, wakeDescriptor: wakeDescriptor)
            default: return count
            }
        }
    }

    /// Runs the jobs queued so far, then the idle work registered so far; `true` if there was
    /// anything to run.
    @discardableResult
    private func runPendingWork() -> Bool {
        // The queue's storage goes back and forth with a spare, so a batch allocates nothing.
        var jobs = state.withLock { state -> [UnownedJob] in
            guard !state.jobs.isEmpty else { return [] }
            let taken = state.jobs
            state.jobs = state.spareJobs
            state.spareJobs = []
            return taken
        }
        let ranJobs = !jobs.isEmpty
        if ranJobs {
            let executor = asUnownedTaskExecutor()
            for job in jobs { job.runSynchronously(on: executor) }
            jobs.removeAll(keepingCapacity: true)
            state.withLock { $0.spareJobs = jobs }
        }
        let idleWork = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.idleWork.isEmpty else { return [] }
            defer { state.idleWork = [] }
            return state.idleWork
        }
        for work in idleWork { work() }
        return ranJobs || !idleWork.isEmpty
    }

    /// Blocks until `fd` is readable or a job arrives (unless one already has).
    private func waitForInputOrJobs(_ fd: Int32, wakeDescriptor: Int32) {
        let mayWait = state.withLock { state -> Bool in
            guard state.jobs.isEmpty, state.idleWork.isEmpty else { return false }
            state.sleeping = true
            return true
        }
        guard mayWait else { return }
        let wokenByEnqueuer = withUnsafeTemporaryAllocation(of: pollfd.self, capacity: 2) { descriptors in
            descriptors[0] = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            descriptors[1] = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(descriptors.baseAddress!, 2, -1)
            return descriptors[1].revents != 0
        }
        state.withLock { $0.sleeping = false }
        if wokenByEnqueuer { Self.drain(wakeDescriptor) }
    }

    // MARK: Helpers

    private static var currentThreadID: UInt {
        #if canImport(Darwin) || canImport(Musl)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }

    private static func makeWakePipe() throws -> (read: Int32, write: Int32) {
        let pipe = try ServerProcess.makePipe()
        for fd in [pipe.read, pipe.write] {
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        }
        return pipe
    }

    private static func signal(_ fd: Int32) {
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up; nothing else can fail on a pipe we keep open.
        while systemWrite(fd, &byte, 1) < 0, errno == EINTR {}
    }

    private static func drain(_ fd: Int32) {
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &buffer, { systemRead(fd, $0.baseAddress!, $0.count) }) > 0 {}
    }
}
