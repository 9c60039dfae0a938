import Foundation
import Synchronization
import Testing
import MCPTestSupport

/// The mock MCP server and authorization servers of Tests/Fixtures/auth/mock_oauth.py, started
/// on 127.0.0.1 for one test with a scenario configuration, and stopped when it ends.
final class MockOAuthServer: Sendable {
    let resourceServerURL: String
    let authorizationServerURLs: [String]
    private let process: Mutex<Process?>

    var mcpURL: String { resourceServerURL + "/mcp" }
    var issuer: String { authorizationServerURLs[0] }

    init(_ configuration: [String: Any] = [:]) async throws {
        let data = try JSONSerialization.data(withJSONObject: configuration)
        let (launched, line) = try await FixtureProcess.launch(
            script: "Tests/Fixtures/auth/mock_oauth.py", arguments: ["--config", String(decoding: data, as: UTF8.self)], readyMarker: "READY "
        )
        process = Mutex(launched)
        let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        resourceServerURL = try #require(json?["rs"] as? String)
        authorizationServerURLs = try #require(json?["as"] as? [String])
    }

    /// Everything the client did, in order.
    func log() async throws -> [[String: Any]] {
        let (data, _) = try await FixtureHTTP.get(resourceServerURL + "/_log")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    /// Revokes every access token issued so far (refresh tokens stay valid).
    func revokeAccessTokens() async throws {
        _ = try await FixtureHTTP.get(resourceServerURL + "/_expire")
    }

    /// The entries of one kind.
    func log(_ kind: String) async throws -> [[String: Any]] {
        try await log().filter { $0["kind"] as? String == kind }
    }

    /// The query of each authorization request.
    func authorizationQueries() async throws -> [[String: String]] {
        try await log("authorize").compactMap { $0["query"] as? [String: String] }
    }

    /// The form of each token request.
    func tokenForms() async throws -> [[String: String]] {
        try await log("token").compactMap { $0["form"] as? [String: String] }
    }

    func stop() {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return }
        FixtureProcess.kill(running)
    }

    deinit { stop() }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Starting Python fixtures from the test venv.
enum FixtureProcess {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var python: String {
        get throws {
            if let path = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON"] { return path }
            let candidate = packageRoot.appendingPathComponent(".test-env/venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: candidate) else {
                throw TestSetupError("the test venv is missing: run scripts/provision-python (looked at \(candidate))")
            }
            return candidate
        }
    }

    /// Starts `script` and waits for a stderr line starting with `readyMarker`; returns the rest of it.
    static func launch(script: String, arguments: [String], readyMarker: String) async throws -> (Process, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python)
        process.arguments = [packageRoot.appendingPathComponent(script).path] + arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let line = await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
            OwnThread.detach {
                var collected = Data()
                let handle = stderr.fileHandleForReading
                let deadline = Date().addingTimeInterval(90)
                while Date() < deadline {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    collected.append(chunk)
                    let text = String(decoding: collected, as: UTF8.self)
                    if let range = text.range(of: readyMarker), let end = text[range.upperBound...].firstIndex(of: "\n") {
                        OwnThread.detach { while !handle.availableData.isEmpty {} }
                        continuation.resume(returning: String(text[range.upperBound..<end]))
                        return
                    }
                }
                FileHandle.standardError.write(collected)
                continuation.resume(returning: nil)
            }
        }
        guard let line else {
            kill(process)
            throw TestSetupError("\(script) did not start")
        }
        return (process, line)
    }

    static func kill(_ process: Process) {
        let pid = process.processIdentifier
        if process.isRunning { Foundation.kill(pid, SIGKILL) }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
