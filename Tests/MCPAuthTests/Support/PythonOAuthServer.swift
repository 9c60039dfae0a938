import Foundation
import Synchronization

/// Tests/Fixtures/auth/python_oauth_server.py: an MCP server behind the PyPI `mcp` SDK's own
/// OAuth authorization server, on 127.0.0.1, for one test.
final class PythonOAuthServer: Sendable {
    let baseURL: String
    private let process: Mutex<Process?>

    var mcpURL: String { baseURL + "/mcp" }

    init(tokenSeconds: Int = 3600) async throws {
        let (launched, line) = try await FixtureProcess.launch(
            script: "Tests/Fixtures/auth/python_oauth_server.py", arguments: ["--token-seconds", String(tokenSeconds)], readyMarker: "READY "
        )
        process = Mutex(launched)
        let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        guard let url = json?["url"] as? String else { throw TestSetupError("python_oauth_server.py said \(line)") }
        baseURL = url
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
