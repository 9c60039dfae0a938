#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPClient
import MCPCore
@testable import MCPStdio
import Synchronization
import Testing

/// A test failure with a readable explanation (thrown where a test cannot go on).
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Locations

/// Where the fixtures, the test Python and the `mcp` executable are.
enum Paths {
    /// The package root, derived from this file's path (`<root>/Tests/MCPStdioTests/TestSupport.swift`).
    static let packageRoot: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    static var fixtures: String { packageRoot + "/Tests/Fixtures" }

    /// A fault server script in `Tests/Fixtures/faults`.
    static func fault(_ name: String) throws -> String {
        let path = fixtures + "/faults/" + name
        guard access(path, R_OK) == 0 else { throw TestFailure("the fault fixture \(path) is missing") }
        return path
    }

    /// The Python MCP server written with PyPI `mcp` 2.3.0.
    static func legacyServer() throws -> String {
        let path = fixtures + "/python/legacy_server.py"
        guard access(path, R_OK) == 0 else { throw TestFailure("the fixture \(path) is missing") }
        return path
    }

    /// The venv Python: `MCP_TEST_PYTHON`, else `<root>/.test-env/venv/bin/python`.
    static func python() throws -> String {
        let configured = getenv("MCP_TEST_PYTHON").map { String(cString: $0) }
        let candidate = (configured?.isEmpty == false ? configured : nil) ?? packageRoot + "/.test-env/venv/bin/python"
        guard access(candidate, X_OK) == 0 else {
            throw TestFailure("the test Python \(candidate) is missing: run scripts/provision-python (or set MCP_TEST_PYTHON)")
        }
        return candidate
    }

    /// The Python of the venv with the `mcp` 1.x series (handshake era only): `MCP_TEST_PYTHON_WS`,
    /// else `<root>/.test-env/venv-ws/bin/python`.
    static func legacyOnlyPython() throws -> String {
        let configured = getenv("MCP_TEST_PYTHON_WS").map { String(cString: $0) }
        let candidate = (configured?.isEmpty == false ? configured : nil) ?? packageRoot + "/.test-env/venv-ws/bin/python"
        guard access(candidate, X_OK) == 0 else {
            throw TestFailure("the 1.x test Python \(candidate) is missing: run scripts/provision-python (or set MCP_TEST_PYTHON_WS)")
        }
        return candidate
    }

    /// The Python of the venv with FastMCP 4.1.2 and its tasks extension: `MCP_TEST_PYTHON_FASTMCP`,
    /// else `<root>/.test-env/venv-fastmcp/bin/python`.
    static func fastMCPPython() throws -> String {
        let configured = getenv("MCP_TEST_PYTHON_FASTMCP").map { String(cString: $0) }
        let candidate = (configured?.isEmpty == false ? configured : nil) ?? packageRoot + "/.test-env/venv-fastmcp/bin/python"
        guard access(candidate, X_OK) == 0 else {
            throw TestFailure("the FastMCP test Python \(candidate) is missing: run scripts/provision-python (or set MCP_TEST_PYTHON_FASTMCP)")
        }
        return candidate
    }

    /// An executable installed in the venv next to its Python (`mcp-server-time`, …).
    static func venvExecutable(_ name: String) throws -> String {
        let python = try python()
        let directory = String(python[..<(python.lastIndex(of: "/") ?? python.startIndex)])
        let path = directory + "/" + name
        guard access(path, X_OK) == 0 else {
            throw TestFailure("\(path) is missing from the test venv: run scripts/provision-python")
        }
        return path
    }

    /// This test process's executable (the test bundle).
    static func currentExecutable() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { throw TestFailure("cannot read /proc/self/exe (errno \(errno))") }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The `mcp` executable built next to the test bundle.
    static func mcpExecutable() throws -> String {
        let bundle = try currentExecutable()
        let directory = String(bundle[..<(bundle.lastIndex(of: "/") ?? bundle.startIndex)])
        let path = directory + "/mcp"
        guard access(path, X_OK) == 0 else {
            throw TestFailure("the mcp executable is missing at \(path): build it with `swift build --build-tests`")
        }
        return path
    }
}

// MARK: - Waiting

/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held.
@discardableResult
func waitUntil(
    timeout: Duration = .seconds(30),
    interval: Duration = .milliseconds(5),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try await condition() { return true }
        if clock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}

/// Runs `operation`, failing with `TestFailure` if it has not finished after `timeout`.
func withDeadline<Result: Sendable>(
    _ timeout: Duration,
    _ what: String,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() ?? nil else {
            throw TestFailure("\(what) did not finish within \(timeout)")
        }
        return result
    }
}

/// A value shared between a test and the callbacks it installs.
final class Box<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value { storage.withLock { $0 } }
    func set(_ value: Value) { storage.withLock { $0 = value } }
    func mutate<R>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Times `body` on the continuous clock.
func measure<R>(_ body: () async throws -> R) async rethrows -> (R, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, clock.now - start)
}

// MARK: - Files

enum Files {
    /// A new empty directory under the system temporary directory.
    static func makeTemporaryDirectory(_ prefix: String = "mcp-stdio-tests") throws -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let result = mkdtemp(&template) else { throw TestFailure("mkdtemp failed (errno \(errno))") }
        return realPath(String(cString: result))
    }

    /// `path` with symbolic links resolved (or unchanged if it cannot be).
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Removes a directory tree (best effort; does not follow symbolic links).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR, let directory = opendir(path) {
            var children: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { children.append(name) }
            }
            closedir(directory)
            for child in children { removeTree(path + "/" + child) }
            _ = rmdir(path)
        } else {
            _ = unlink(path)
        }
    }

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    static func readText(_ path: String) -> String? {
        read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func write(_ text: String, to path: String, append: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0o644)
        guard fd >= 0 else { throw TestFailure("cannot open \(path) (errno \(errno))") }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TestFailure("cannot write \(path) (errno \(errno))")
            }
            offset += written
        }
        bytes.removeAll()
    }
}

// MARK: - Processes

/// What `/proc/<pid>/stat` says about a process.
struct ProcessSnapshot: Equatable {
    var state: Character
    var parent: Int32
    var processGroup: Int32
    var startTime: UInt64

    /// The process, or `nil` if there is no process with that id.
    static func of(_ pid: Int32) -> ProcessSnapshot? {
        guard let text = Files.readText("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command: state(3) ppid(4) pgrp(5) … starttime(22), so index 0 is field 3.
        guard fields.count > 19, let state = fields[0].first, let parent = Int32(fields[1]), let group = Int32(fields[2]),
            let start = UInt64(fields[19])
        else { return nil }
        return ProcessSnapshot(state: state, parent: parent, processGroup: group, startTime: start)
    }
}

/// A process seen alive once, identified by pid and start time (so a reused pid is not confused
/// with it).
struct ObservedProcess: CustomStringConvertible {
    let pid: Int32
    let startTime: UInt64

    init(pid: Int32) throws {
        guard let snapshot = ProcessSnapshot.of(pid) else { throw TestFailure("process \(pid) does not exist") }
        self.pid = pid
        self.startTime = snapshot.startTime
    }

    /// The process's current state, if it is still this process.
    var snapshot: ProcessSnapshot? {
        guard let snapshot = ProcessSnapshot.of(pid), snapshot.startTime == startTime else { return nil }
        return snapshot
    }

    /// Running (not a zombie, not gone).
    var isAlive: Bool {
        guard let snapshot else { return false }
        return snapshot.state != "Z" && snapshot.state != "X"
    }

    /// Gone from the process table: it exited and was reaped.
    var isGone: Bool { snapshot == nil }

    var description: String {
        guard let snapshot else { return "process \(pid) (gone)" }
        return "process \(pid) (state \(snapshot.state), parent \(snapshot.parent), group \(snapshot.processGroup))"
    }
}

/// Whether `pid` is an unreaped child of this process: `waitpid` must say it is no child of ours
/// (ECHILD). Call only once the transport is done with the process.
func isUnreapedChild(_ pid: Int32) -> Bool {
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    return !(result == -1 && errno == ECHILD)
}

/// This process's resident set size and its peak, in kilobytes (from /proc/self/status).
/// The memory this process has in use, in kB: its resident set, or under AddressSanitizer the heap
/// bytes still allocated. (ASan keeps freed memory in a quarantine of up to 256 MB, to catch uses
/// after free, so the resident set there grows with everything freed, bounded reader or not.)
func memoryInUseKilobytes() -> Int {
    if TestSanitizer.isAddress, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__sanitizer_get_current_allocated_bytes") {
        let allocatedBytes = unsafeBitCast(symbol, to: (@convention(c) () -> Int).self)
        return allocatedBytes() / 1024
    }
    return memoryUsageKilobytes().resident
}

func memoryUsageKilobytes() -> (resident: Int, peak: Int) {
    guard let text = Files.readText("/proc/self/status") else { return (0, 0) }
    var resident = 0
    var peak = 0
    for line in text.split(separator: "\n") {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2, let value = Int(parts[1]) else { continue }
        if parts[0] == "VmRSS:" { resident = value }
        if parts[0] == "VmHWM:" { peak = value }
    }
    return (resident, peak)
}

#if canImport(Glibc)
private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// CPU time the calling thread has used.
func threadCPUTime() -> Duration {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return .seconds(Int64(now.tv_sec)) + .nanoseconds(Int64(now.tv_nsec))
}

/// CPU time (user + system) this process has used.
func processCPUTime() -> Duration {
    var usage = rusage()
    getrusage(RUSAGE_SELF_WHO, &usage)
    let micros = (Int64(usage.ru_utime.tv_sec) + Int64(usage.ru_stime.tv_sec)) * 1_000_000
        + Int64(usage.ru_utime.tv_usec) + Int64(usage.ru_stime.tv_usec)
    return .microseconds(micros)
}

// MARK: - Clients

extension StdioServerParameters {
    /// Parameters for a Python script run with the test venv's Python, with short grace periods
    /// so a failing close does not stall the suite.
    static func python(
        _ script: String,
        _ arguments: [String] = [],
        environment: [String: String] = [:],
        stderr: StderrHandling = .discard,
        maximumMessageSize: Int = 256 << 20,
        stdinCloseGracePeriod: Duration = .seconds(2),
        terminateGracePeriod: Duration = .seconds(2)
    ) throws -> StdioServerParameters {
        StdioServerParameters(
            command: try Paths.python(),
            arguments: ["-B", "-u", script] + arguments,
            environment: environment,
            stderr: stderr,
            maximumMessageSize: maximumMessageSize,
            stdinCloseGracePeriod: stdinCloseGracePeriod,
            terminateGracePeriod: terminateGracePeriod
        )
    }
}

/// A client configuration with a request timeout suited to tests.
func testConfiguration(timeout: Duration = .seconds(120)) -> Client.Configuration {
    var configuration = Client.Configuration()
    configuration.clientInfo = Implementation(name: "mcp-stdio-tests", version: "1.0")
    // These suites test the transport and the handshake era; detection has its own tests.
    configuration.protocolMode = .legacy
    configuration.requestTimeout = timeout
    return configuration
}

/// Connects a client to the server `parameters` describe, runs `body`, and closes the client
/// (stopping the server) however `body` ends.
func withStdioClient<Result: Sendable>(
    _ parameters: StdioServerParameters,
    configuration: Client.Configuration = testConfiguration(),
    handlers: ClientHandlers = .init(),
    _ body: (Client, StdioTransport) async throws -> Result
) async throws -> Result {
    let transport = StdioTransport(parameters)
    return try await withClient(connectingTo: transport, configuration: configuration, handlers: handlers) { client in
        try await body(client, transport)
    }
}

/// Unwraps the transport error at the bottom of a client error.
func transportError(in error: any Error) -> TransportError? {
    if let error = error as? TransportError { return error }
    if let error = error as? ClientError, let underlying = error.underlyingError { return transportError(in: underlying) }
    return nil
}

/// Collects `IncomingMessage`s the client reports.
final class IncomingLog: Sendable {
    private let messages = Mutex<[IncomingMessage]>([])

    var handler: @Sendable (IncomingMessage) async -> Void {
        { message in self.messages.withLock { $0.append(message) } }
    }

    var all: [IncomingMessage] { messages.withLock { $0 } }

    var invalidMessages: [InvalidMessageError] {
        all.compactMap { message in
            if case .invalidMessage(let error) = message { return error }
            return nil
        }
    }

    var notifications: [ServerNotification] {
        all.compactMap { message in
            if case .notification(let notification) = message { return notification }
            return nil
        }
    }
}

// MARK: - Commands

/// Runs `command` to completion (through `StdioTransport`: its stdout is not a protocol here
/// and is ignored) and returns how it ended and its stderr lines.
func runCommand(
    _ command: String,
    _ arguments: [String],
    environment: [String: String] = [:],
    workingDirectory: String? = nil
) async throws -> (status: MCPStdio.ExitStatus, stderr: [String]) {
    var parameters = StdioServerParameters(command: command, arguments: arguments, environment: environment, stderr: .discard)
    parameters.workingDirectory = workingDirectory
    parameters.stderrTailLineCount = 200
    let transport = StdioTransport(parameters)
    let events = try await transport.connect()
    do {
        for try await _ in events {}
    } catch {
        // The command exited: that is how the stream ends.
    }
    guard await waitUntil(timeout: .seconds(30), { transport.exitStatus != nil }), let status = transport.exitStatus else {
        await transport.close()
        throw TestFailure("\(command) \(arguments) did not finish")
    }
    let stderr = transport.recentStderr
    await transport.close()
    return (status, stderr)
}
