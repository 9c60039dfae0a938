#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import MCPCore
import CMCPStdio
import Synchronization

/// Launches an MCP server process and speaks newline-delimited JSON-RPC with it over its stdin
/// and stdout.
///
/// - The server runs in its own process group and, on Linux, is killed if this process dies.
/// - It gets a minimal environment unless told otherwise (``StdioServerParameters``).
/// - Messages of any size are framed in linear time; a line that is not a valid message is
///   reported (``TransportEvent/invalidMessage(_:)``) and skipped.
/// - If the server exits or crashes, the inbound stream fails at once with a
///   ``TransportError`` carrying the exit status and the last lines of its stderr, so every
///   pending request ends promptly. Writing to a dead server is an error, never a `SIGPIPE`.
/// - ``close()`` closes the server's stdin, waits, then sends SIGTERM and finally SIGKILL to its
///   process group, and always reaps it: no zombie is left.
/// - Idle, it uses no CPU: reader threads block in `read(2)` or `poll(2)` without a timeout.
/// - Tasks that prefer ``eventLoop`` (the stdout reading thread) send and take responses on that
///   thread, two context switches per sequential round trip instead of four.
public final class StdioTransport: DirectDeliveryTransport, QueueingTransport {
    /// How the server is started.
    public let parameters: StdioServerParameters
    private let process: ServerProcess

    /// Creates a transport that will launch the server described by `parameters` on ``connect()``.
    public init(_ parameters: StdioServerParameters) {
        self.parameters = parameters
        self.process = ServerProcess(parameters: parameters)
    }

    /// Creates a transport that will launch `command` with `arguments`.
    public convenience init(command: String, arguments: [String] = [], environment: [String: String] = [:]) {
        self.init(StdioServerParameters(command: command, arguments: arguments, environment: environment))
    }

    deinit {
        // Dropped without close(): do not leave the server running.
        process.killImmediately()
    }

    /// The thread that reads the server's stdout, as a task executor: tasks that prefer it make
    /// their requests and take their responses on that thread, with no hop to the global pool
    /// (see ``StdioEventLoop``).
    public var eventLoop: StdioEventLoop { process.eventLoop }

    /// The ``eventLoop``.
    public var preferredTaskExecutor: (any TaskExecutor)? { process.eventLoop }

    /// The server's process id, once started.
    public var processID: Int32? { process.processID }

    /// The command line and working directory: the same server configuration is the same server.
    public var serverIdentity: String? {
        (["stdio:", parameters.workingDirectory ?? "", parameters.command] + parameters.arguments).joined(separator: "\u{1F}")
    }

    /// How the server ended, once it has.
    public var exitStatus: ExitStatus? { process.exitStatus }

    /// The last lines the server wrote to stderr (at most
    /// ``StdioServerParameters/stderrTailLineCount``).
    public var recentStderr: [String] { process.stderrTail }

    /// The server's stderr, line by line, when ``StdioServerParameters/stderr`` is
    /// ``StderrHandling/stream``; an empty stream otherwise. It ends when the server closes stderr.
    public var stderrLines: AsyncStream<String> { process.stderrLines }

    public func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try await process.start()
    }

    /// Delivers what the server writes straight from the reading thread (see
    /// ``DirectDeliveryTransport``).
    public func connect(delivering consumer: TransportConsumer) async throws {
        process.deliverDirectly(to: consumer)
        _ = try await process.start()
    }

    public func send(_ message: JSONRPCMessage) async throws {
        try await process.write(Self.frame(message))
    }

    /// Queues the message on the pipe without waiting for it to be written (see
    /// ``QueueingTransport``).
    package func enqueue(_ message: JSONRPCMessage, coalescing: Bool, completion: @escaping @Sendable ((any Error)?) -> Void) {
        process.enqueue(Self.frame(message), coalescing: coalescing, completion: completion)
    }

    /// The message as one line.
    private static func frame(_ message: JSONRPCMessage) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        message.writeJSON(to: &bytes)
        bytes.append(0x0A)
        return bytes
    }

    public func close() async {
        await process.shutDown()
    }
}

/// The running server: its process, pipes and reader threads, shared by the transport and the
/// threads that serve it.
final class ServerProcess: Sendable {
    private enum Phase {
        case idle
        case starting
        case running(pid: pid_t)
        case exited(pid: pid_t, ExitStatus)
        case failedToStart
    }

    private struct State {
        var phase: Phase = .idle
        var stdoutClosed = false
        var stderrClosed = false
        /// Reader threads that have started (0...2).
        var readersStarted = 0
        /// Whether processes of the server's group were still alive when it was reaped.
        var groupOutlivedServer = false
        var closeRequested = false
        var inboundFinished = false
        var stderrTail: [String] = []
        var exitWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
        var writer: PipeWriter?
    }

    let parameters: StdioServerParameters
    /// The stdout reading thread, as an executor.
    let eventLoop = StdioEventLoop()
    private let state = Mutex(State())
    private let inbound: AsyncThrowingStream<TransportEvent, any Error>
    private let inboundContinuation: AsyncThrowingStream<TransportEvent, any Error>.Continuation
    /// Set before start when the session takes events on the reading thread instead of the stream.
    private let directConsumer = Mutex<TransportConsumer?>(nil)
    let stderrLines: AsyncStream<String>
    private let stderrContinuation: AsyncStream<String>.Continuation

    init(parameters: StdioServerParameters) {
        self.parameters = parameters
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
        (stderrLines, stderrContinuation) = AsyncStream.makeStream(of: String.self)
        mcp_ignore_sigpipe()
    }

    var processID: Int32? {
        state.withLock { state in
            switch state.phase {
            case .running(let pid), .exited(let pid, _): return pid
            default: return nil
            }
        }
    }

    var exitStatus: ExitStatus? {
        state.withLock { state in
            if case .exited(_, let status) = state.phase { return status }
            return nil
        }
    }

    var stderrTail: [String] { state.withLock { $0.stderrTail } }

    // MARK: Starting

    func start() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try state.withLock { state in
            guard case .idle = state.phase else {
                throw TransportError(.connectionFailed, "a stdio transport connects once")
            }
            state.phase = .starting
        }
        let environment = parameters.resolvedEnvironment()
        guard let executable = Self.resolveExecutable(parameters.command, environment: environment) else {
            state.withLock { $0.phase = .failedToStart }
            throw TransportError(.connectionFailed, "command not found: \(parameters.command) (searched PATH of the server's environment)")
        }
        // Opened before the server starts, so that a path that cannot be written is an error
        // now rather than stderr silently going nowhere.
        let stderrFile: Int32?
        do {
            stderrFile = try openStderrFile()
        } catch {
            state.withLock { $0.phase = .failedToStart }
            throw TransportError(.connectionFailed, "could not open the file for the server's stderr: \(error)", underlyingError: error)
        }
        let stdin: (read: Int32, write: Int32)
        let stdout: (read: Int32, write: Int32)
        let stderr: (read: Int32, write: Int32)
        do {
            stdin = try Self.makePipe()
            do {
                stdout = try Self.makePipe()
                do {
                    stderr = try Self.makePipe()
                } catch {
                    Self.closeAll(stdout.read, stdout.write)
                    throw error
                }
            } catch {
                Self.closeAll(stdin.read, stdin.write)
                throw error
            }
        } catch {
            if let stderrFile { Self.closeAll(stderrFile) }
            state.withLock { $0.phase = .failedToStart }
            throw error
        }

        let pid: pid_t
        do {
            pid = try await spawnAndWatch(
                executable: executable,
                environment: environment,
                childEnds: (stdin.read, stdout.write, stderr.write),
                readEnds: (stdout.read, stderr.read),
                stderrFile: stderrFile
            )
        } catch {
            Self.closeAll(stdin.write)
            state.withLock { $0.phase = .failedToStart }
            throw TransportError(.connectionFailed, "could not start \(parameters.command): \(error)", underlyingError: error)
        }

        let writer = PipeWriter(fd: stdin.write, eventLoop: eventLoop)
        state.withLock { state in
            // The process may already have exited (its watcher raced us).
            if case .starting = state.phase { state.phase = .running(pid: pid) }
            state.writer = writer
        }
        return inbound
    }

    /// Forks the server from a thread that then waits for it to exit, so that the kernel's
    /// "kill the child when its parent thread dies" ties the server's life to this watcher's, not
    /// to a Swift concurrency worker thread that may come and go.
    ///
    /// The reader threads are started from that thread as soon as the server runs, not after the
    /// caller resumes: a server that writes an error and exits at once must still have its last
    /// words read, however busy the concurrency pool is. Closes `childEnds`; on failure also
    /// `readEnds` and `stderrFile`.
    private func spawnAndWatch(
        executable: String,
        environment: [String: String],
        childEnds: (stdin: Int32, stdout: Int32, stderr: Int32),
        readEnds: (stdout: Int32, stderr: Int32),
        stderrFile: Int32?
    ) async throws -> pid_t {
        let arguments = [executable] + parameters.arguments
        let environmentStrings = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let workingDirectory = parameters.workingDirectory
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<pid_t, any Error>) in
            do {
                try startThread(name: "mcp-stdio-proc") {
                    var pid: pid_t = 0
                    var error: Int32 = 0
                    let result = Self.withCStringArray(arguments) { argv in
                        Self.withCStringArray(environmentStrings) { envp in
                            executable.withCString { path in
                                Self.withOptionalCString(workingDirectory) { cwd in
                                    var options = mcp_spawn_options(
                                        path: path,
                                        argv: argv,
                                        envp: envp,
                                        cwd: cwd,
                                        stdin_fd: childEnds.stdin,
                                        stdout_fd: childEnds.stdout,
                                        stderr_fd: childEnds.stderr,
                                        new_process_group: 1,
                                        die_with_parent: 1
                                    )
                                    return mcp_spawn(&options, &pid, &error)
                                }
                            }
                        }
                    }
                    Self.closeAll(childEnds.stdin, childEnds.stdout, childEnds.stderr)
                    guard result == 0 else {
                        Self.closeAll(readEnds.stdout, readEnds.stderr)
                        if let stderrFile { Self.closeAll(stderrFile) }
                        continuation.resume(throwing: TransportErrno(error, "spawn \(executable)"))
                        return
                    }
                    if let failure = self.startReaders(readEnds: readEnds, stderrFile: stderrFile) {
                        kill(-pid, SIGKILL)
                        continuation.resume(throwing: failure)
                    } else {
                        continuation.resume(returning: pid)
                    }
                    self.waitForExit(pid)
                }
            } catch {
                Self.closeAll(childEnds.stdin, childEnds.stdout, childEnds.stderr, readEnds.stdout, readEnds.stderr)
                if let stderrFile { Self.closeAll(stderrFile) }
                continuation.resume(throwing: error)
            }
        }
    }

    /// Starts the stdout and stderr reader threads; returns the error if one could not start
    /// (its descriptors are then closed and it counts as started and at end of file).
    private func startReaders(readEnds: (stdout: Int32, stderr: Int32), stderrFile: Int32?) -> (any Error)? {
        var failure: (any Error)?
        do {
            try startThread(name: "mcp-stdio-out") { self.readStdout(fd: readEnds.stdout) }
        } catch {
            Self.closeAll(readEnds.stdout)
            state.withLock { state in
                state.stdoutClosed = true
                state.readersStarted += 1
            }
            failure = error
        }
        do {
            try startThread(name: "mcp-stdio-err") { self.readStderr(fd: readEnds.stderr, file: stderrFile) }
        } catch {
            Self.closeAll(readEnds.stderr)
            if let stderrFile { Self.closeAll(stderrFile) }
            stderrContinuation.finish()
            state.withLock { state in
                state.stderrClosed = true
                state.readersStarted += 1
            }
            failure = failure ?? error
        }
        return failure
    }

    // MARK: Exit

    /// On the watcher thread: reaps the server and, unless we are closing it, fails the inbound
    /// stream with its exit status once the last of its output has been read.
    private func waitForExit(_ pid: pid_t) {
        var status: Int32 = 0
        var error: Int32 = 0
        let exit: ExitStatus = mcp_wait(pid, &status, &error) == pid ? ExitStatus(waitStatus: status) : .exited(-1)
        // Checked at once: while any process of the group lives, its id cannot be reused.
        let groupOutlivedServer = kill(-pid, 0) == 0
        let waiters = state.withLock { state in
            state.phase = .exited(pid: pid, exit)
            state.groupOutlivedServer = groupOutlivedServer
            defer { state.exitWaiters = [:] }
            return Array(state.exitWaiters.values)
        }
        for waiter in waiters { waiter.resume() }
        // Give the readers a moment to deliver what the server wrote before it died: until they
        // reach end of file, or 50 ms after both have started (bounded: a grandchild may hold
        // the pipes open).
        var waitedWhileReading = 0
        for _ in 0..<800 {
            let (closed, reading) = state.withLock { ($0.stdoutClosed && $0.stderrClosed, $0.readersStarted >= 2) }
            if closed { break }
            if reading {
                waitedWhileReading += 1
                if waitedWhileReading > 20 { break }
            }
            usleep(2_500)
        }
        let tail = state.withLock { $0.stderrTail }
        var message = "the server \(exit)"
        if !tail.isEmpty { message += "; its last stderr lines:\n" + tail.joined(separator: "\n") }
        finishInbound(throwing: TransportError(.processExited, message))
    }

    /// Waits until the server has exited or `timeout` passes; `true` if it exited.
    private func waitUntilExited(timeout: Duration) async -> Bool {
        let id: Int? = state.withLock { state in
            if case .exited = state.phase { return nil }
            if case .running = state.phase {
                defer { state.nextWaiter += 1 }
                return state.nextWaiter
            }
            return nil
        }
        guard let id else { return exitStatus != nil || processID == nil }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let resumeNow = self.state.withLock { state -> Bool in
                            if case .exited = state.phase { return true }
                            if Task.isCancelled { return true }
                            state.exitWaiters[id] = continuation
                            return false
                        }
                        if resumeNow { continuation.resume() }
                    }
                    return self.exitStatus != nil
                } onCancel: {
                    let waiter = self.state.withLock { $0.exitWaiters.removeValue(forKey: id) }
                    waiter?.resume()
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let exited = await group.next() ?? false
            group.cancelAll()
            return exited || self.exitStatus != nil
        }
    }

    // MARK: Closing

    /// Closes stdin, waits, SIGTERMs the process group, waits, SIGKILLs it, and waits for the
    /// watcher to reap it. Processes the server leaves in its group (it exited, but its children
    /// did not) get the same SIGTERM, then SIGKILL.
    func shutDown() async {
        let (writer, pid, exitedPID, first) = state.withLock { state -> (PipeWriter?, pid_t?, pid_t?, Bool) in
            let first = !state.closeRequested
            state.closeRequested = true
            switch state.phase {
            case .running(let pid): return (state.writer, pid, nil, first)
            case .exited(let pid, _) where state.groupOutlivedServer: return (state.writer, nil, pid, first)
            default: return (state.writer, nil, nil, first)
            }
        }
        writer?.close()
        if first {
            finishInbound(throwing: nil)
        }
        if let exitedPID, first {
            await endProcessGroup(exitedPID)
        }
        guard let pid else { return }
        if await waitUntilExited(timeout: parameters.stdinCloseGracePeriod) {
            await endProcessGroup(pid)
            return
        }
        kill(-pid, SIGTERM)
        if await waitUntilExited(timeout: parameters.terminateGracePeriod) {
            await endProcessGroup(pid)
            return
        }
        kill(-pid, SIGKILL)
        _ = await waitUntilExited(timeout: .seconds(10))
    }

    /// Once the server has exited: SIGTERMs what is left of its process group, waits up to the
    /// terminate grace period for it to go, then SIGKILLs it.
    private func endProcessGroup(_ group: pid_t) async {
        guard kill(-group, 0) == 0 else { return }
        kill(-group, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + parameters.terminateGracePeriod
        while clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
            if kill(-group, 0) != 0 { return }
        }
        kill(-group, SIGKILL)
    }

    /// SIGKILLs the server's process group now (the watcher thread still reaps it).
    func killImmediately() {
        let (pid, writer) = state.withLock { state -> (pid_t?, PipeWriter?) in
            state.closeRequested = true
            switch state.phase {
            case .running(let pid): return (pid, state.writer)
            case .exited(let pid, _) where state.groupOutlivedServer: return (pid, state.writer)
            default: return (nil, state.writer)
            }
        }
        writer?.close()
        if let pid { kill(-pid, SIGKILL) }
        finishInbound(throwing: nil)
    }

    /// Sends what is read to `consumer` instead of the stream. Called before ``start()``.
    func deliverDirectly(to consumer: TransportConsumer) {
        directConsumer.withLock { $0 = consumer }
    }

    private func finishInbound(throwing error: (any Error)?) {
        let (first, closing) = state.withLock { state -> (Bool, Bool) in
            defer { state.inboundFinished = true }
            return (!state.inboundFinished, state.closeRequested)
        }
        guard first else { return }
        // Our own close ends the stream cleanly; anything else is a failure.
        if let consumer = directConsumer.withLock({ $0 }) {
            consumer.finish(closing ? nil : error)
        }
        inboundContinuation.finish(throwing: closing ? nil : error)
    }

    // MARK: Writing

    func write(_ bytes: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            enqueue(bytes) { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    /// Queues `bytes` on the server's stdin; `completion` gets `nil` once they are written, else
    /// the error (naming how the server exited, if it has).
    func enqueue(_ bytes: [UInt8], coalescing: Bool = false, completion: @escaping @Sendable ((any Error)?) -> Void) {
        guard let writer = state.withLock({ $0.writer }) else {
            completion(TransportError(.closed, "the stdio transport is not connected"))
            return
        }
        writer.enqueue(bytes, coalescing: coalescing) { [self] error in
            if let error = error as? TransportError, let exit = exitStatus {
                completion(TransportError(error.code, "\(error.message); the server \(exit)", underlyingError: error.underlyingError))
            } else {
                completion(error)
            }
        }
    }

    // MARK: Reading

    private func readStdout(fd: Int32) {
        state.withLock { $0.readersStarted += 1 }
        let consumer = directConsumer.withLock { $0 }
        let deliver = { (event: TransportEvent) in
            if let consumer {
                consumer.receive(event)
            } else {
                self.inboundContinuation.yield(event)
            }
        }
        let failure: TransportError?
        if let read = try? eventLoop.start(readingFrom: fd) {
            failure = readFrames(maximumFrameLength: parameters.maximumMessageSize, peer: "server", read: read, deliver: deliver)
            // Tasks preferring the loop run on the global executor from here on; what it had
            // accepted runs now, before this thread waits for the exit status below.
            eventLoop.retire()
        } else {
            // No wake-up pipe (out of descriptors): read plainly; the loop's jobs go to the
            // global executor, as before it starts.
            failure = readFrames(from: fd, maximumFrameLength: parameters.maximumMessageSize, peer: "server", deliver: deliver)
        }
        _ = systemClose(fd)
        state.withLock { $0.stdoutClosed = true }
        if let failure {
            finishInbound(throwing: failure)
            return
        }
        // End of file: normally the server is exiting and the watcher reports how. If it stays
        // alive with its stdout closed, it can no longer answer: say so. A process that has
        // exited but whose watcher has not run yet (a loaded machine) is given the time it takes.
        for attempt in 1...2_000 {
            let exitedOrClosing = state.withLock { state -> Bool in
                if state.closeRequested { return true }
                if case .exited = state.phase { return true }
                return false
            }
            if exitedOrClosing { return }
            // 100 ms for the watcher; past that, only as long as the process is really gone
            // (at most 5 s in all).
            if attempt >= 40, !Self.hasExited(processID) { break }
            usleep(2_500)
        }
        finishInbound(throwing: TransportError(.ioFailed, "the server closed its stdout but is still running"))
    }

    /// Whether the child `pid` has exited, without reaping it (the watcher does that).
    static func hasExited(_ pid: Int32?) -> Bool {
        guard let pid else { return true }
        var info = siginfo_t()
        // WNOWAIT: look, leave the zombie for the watcher's waitpid.
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return true }
        #if os(Linux)
        return info._sifields._sigchld.si_pid != 0
        #else
        return info.si_pid != 0
        #endif
    }

    private func readStderr(fd: Int32, file: Int32?) {
        state.withLock { $0.readersStarted += 1 }
        let framer = LineFramer(initialCapacity: 8 * 1024, maximumFrameLength: Int.max)
        let tailLimit = parameters.stderrTailLineCount
        while true {
            var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
            let count = framer.fill(minimum: 8 * 1024) { space in
                while true {
                    let count = systemRead(fd, space.baseAddress!, space.count)
                    if count < 0 && errno == EINTR { continue }
                    if count > 0 { chunk = UnsafeRawBufferPointer(start: space.baseAddress!, count: count) }
                    return count
                }
            }
            if count <= 0 { break }
            switch parameters.stderr {
            case .passThrough: Self.writeFully(2, chunk)
            case .file: if let file { Self.writeFully(file, chunk) }
            default: break
            }
            var lines: [String] = []
            while let line = try? framer.nextFrame() {
                lines.append(String(decoding: line, as: UTF8.self))
            }
            // A flood of output without newlines must not grow without bound.
            if framer.pendingByteCount > 64 * 1024 {
                lines.append(String(decoding: framer.remainder(), as: UTF8.self))
                framer.discardPending()
            }
            guard !lines.isEmpty else { continue }
            record(lines, tailLimit: tailLimit)
        }
        if framer.pendingByteCount > 0 {
            record([String(decoding: framer.remainder(), as: UTF8.self)], tailLimit: tailLimit)
        }
        _ = systemClose(fd)
        if let file { _ = systemClose(file) }
        stderrContinuation.finish()
        state.withLock { $0.stderrClosed = true }
    }

    private func record(_ lines: [String], tailLimit: Int) {
        state.withLock { state in
            state.stderrTail.append(contentsOf: lines.suffix(tailLimit))
            if state.stderrTail.count > tailLimit { state.stderrTail.removeFirst(state.stderrTail.count - tailLimit) }
        }
        switch parameters.stderr {
        case .lines(let handler): for line in lines { handler(line) }
        case .stream: for line in lines { stderrContinuation.yield(line) }
        default: break
        }
    }

    // MARK: Helpers

    private func openStderrFile() throws -> Int32? {
        guard case .file(let path) = parameters.stderr else { return nil }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TransportErrno(errno, "open \(path)") }
        return fd
    }

    private static func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard mcp_pipe_cloexec(&fds) == 0 else { throw TransportErrno(errno, "pipe") }
        return (fds[0], fds[1])
    }

    static func closeAll(_ fds: Int32...) {
        for fd in fds where fd >= 0 { _ = systemClose(fd) }
    }

    /// The executable `command` names: a path if it contains a slash, else the first executable
    /// file of that name in the server environment's `PATH` (this process's `PATH` if unset).
    static func resolveExecutable(_ command: String, environment: [String: String]) -> String? {
        if command.contains("/") { return command }
        let path = environment["PATH"] ?? ProcessEnvironment.current["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(command)"
            var info = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                return candidate
            }
        }
        return nil
    }

    private static func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    private static func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
        guard let string else { return body(nil) }
        return string.withCString { body($0) }
    }
}
