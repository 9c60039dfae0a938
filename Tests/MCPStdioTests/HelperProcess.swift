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

/// Runs part of a test in a separate process: this test bundle, re-executed with a filter that
/// selects the one test, and an environment variable naming the role the test plays there.
///
/// Some properties can only be observed from outside a process: that a server dies when the
/// process that started it is SIGKILLed, what reaches the process's own stderr, how much CPU the
/// whole process uses while idle, its peak memory. The helper does the work and appends
/// `key=value` lines to a report file; the test in this process reads them and asserts.
///
/// The helper is itself launched with ``StdioTransport`` (its stdout, the test runner's output,
/// arrives as invalid messages and is ignored), so it dies with this process.
struct HelperProcess {
    static let roleVariable = "MCP_STDIO_TEST_HELPER_ROLE"
    static let reportVariable = "MCP_STDIO_TEST_HELPER_REPORT"

    /// The role this process plays, if it is a helper.
    static var role: String? {
        getenv(roleVariable).map { String(cString: $0) }
    }

    /// Whether this process is the helper for `role`. Fails the test if this process is a helper
    /// for another role (the filter selected the wrong test).
    static func isHelper(for role: String) -> Bool {
        guard let current = Self.role else { return false }
        if current != role {
            Issue.record("this helper process plays \(current), but the test expecting \(role) ran")
        }
        return true
    }

    /// In the helper: appends `key=value` to the report (`value` must be a single line).
    static func report(_ key: String, _ value: String) throws {
        guard let path = getenv(reportVariable).map({ String(cString: $0) }) else {
            throw TestFailure("\(reportVariable) is not set in the helper")
        }
        try Files.write("\(key)=\(value)\n", to: path, append: true)
    }

    let transport: StdioTransport
    let reportPath: String
    private let directory: String
    private let drain: Task<Void, Never>

    /// Starts the helper for `role`, running the test whose identifier matches `test` (a regular
    /// expression for Swift Testing's `--filter`, such as `"HelperProcessTests/idleSession"`).
    static func launch(
        role: String,
        test: String,
        environment: [String: String] = [:],
        stderr: StderrHandling = .discard
    ) async throws -> HelperProcess {
        let directory = try Files.makeTemporaryDirectory("mcp-stdio-helper")
        let reportPath = directory + "/report"
        try Files.write("", to: reportPath)
        var variables = environment
        variables[roleVariable] = role
        variables[reportVariable] = reportPath
        let transport = StdioTransport(StdioServerParameters(
            command: try Paths.currentExecutable(),
            arguments: ["--testing-library", "swift-testing", "--filter", test],
            environment: variables,
            inheritsEnvironment: true,
            stderr: stderr,
            stdinCloseGracePeriod: .seconds(5),
            terminateGracePeriod: .seconds(1)
        ))
        let events = try await transport.connect()
        let drain = Task {
            do {
                for try await _ in events {}
            } catch {
                // The helper ended; its exit status is read from the transport.
            }
        }
        return HelperProcess(transport: transport, reportPath: reportPath, directory: directory, drain: drain)
    }

    /// Launches the helper, runs `body` with it, and stops it however `body` ends.
    static func run<Result: Sendable>(
        role: String,
        test: String,
        environment: [String: String] = [:],
        stderr: StderrHandling = .discard,
        _ body: (HelperProcess) async throws -> Result
    ) async throws -> Result {
        let helper = try await launch(role: role, test: test, environment: environment, stderr: stderr)
        let result: Result
        do {
            result = try await body(helper)
        } catch {
            await helper.finish()
            throw error
        }
        await helper.finish()
        return result
    }

    /// The report so far, as key-value pairs (later keys win).
    var report: [String: String] {
        var result: [String: String] = [:]
        for line in (Files.readText(reportPath) ?? "").split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return result
    }

    /// Waits until the helper has reported `key`, failing if it exits or `timeout` passes first.
    func value(for key: String, timeout: Duration = .seconds(90)) async throws -> String {
        var value: String?
        var exited = false
        _ = await waitUntil(timeout: timeout, interval: .milliseconds(10)) {
            value = report[key]
            if value != nil { return true }
            // Read once more after the exit: the report may have been written just before it.
            if exited { return true }
            exited = transport.exitStatus != nil
            return false
        }
        if let value { return value }
        let status = transport.exitStatus.map { "; it \($0)" } ?? ""
        throw TestFailure(
            "the helper reported no \(key) within \(timeout)\(status); report so far: \(report); its stderr: \(transport.recentStderr.suffix(10))"
        )
    }

    /// Waits for the helper to exit by itself and returns how it ended.
    func waitForExit(timeout: Duration = .seconds(90)) async throws -> MCPStdio.ExitStatus {
        guard await waitUntil(timeout: timeout, interval: .milliseconds(10), { transport.exitStatus != nil }),
            let status = transport.exitStatus
        else {
            throw TestFailure("the helper did not exit within \(timeout); report so far: \(report)")
        }
        return status
    }

    /// Stops the helper (if still running) and removes its files.
    func finish() async {
        await transport.close()
        drain.cancel()
        Files.removeTree(directory)
    }
}
