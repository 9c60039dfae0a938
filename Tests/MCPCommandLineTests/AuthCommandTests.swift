import Foundation
import MCPCore
import Synchronization
import Testing
import MCPTestSupport

/// `mcp auth login|logout|status` and on-demand authorization, run through the built `mcp`
/// against OAuth-protected servers on 127.0.0.1 (the conformance mock and the PyPI `mcp` SDK's
/// authorization server); the browser is Tests/Fixtures/auth/headless_browser.py.
@Suite("mcp auth", .serialized)
struct AuthCommandTests {
    /// A fixture server started for one test; `url` is its MCP endpoint.
    final class AuthServer: Sendable {
        let url: String
        let logURL: String?
        private let process: Mutex<Process?>

        init(script: String, arguments: [String], urlKey: String, mcpPath: String, hasLog: Bool) async throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try CommandRunner.python)
            process.arguments = [CommandRunner.fixture(script)] + arguments
            let stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let line = await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                OwnThread.detach {
                    var collected = Data()
                    let handle = stderr.fileHandleForReading
                    while true {
                        let chunk = handle.availableData
                        if chunk.isEmpty { break }
                        collected.append(chunk)
                        let text = String(decoding: collected, as: UTF8.self)
                        if let range = text.range(of: "READY "), let end = text[range.upperBound...].firstIndex(of: "\n") {
                            OwnThread.detach { while !handle.availableData.isEmpty {} }
                            continuation.resume(returning: String(text[range.upperBound..<end]))
                            return
                        }
                    }
                    continuation.resume(returning: nil)
                }
            }
            self.process = Mutex(process)
            guard let line, let json = try? JSONValue(parsing: line), case .string(let base)? = json[urlKey] else {
                throw RunnerError("\(script) did not start")
            }
            url = base + mcpPath
            logURL = hasLog ? base + "/_log" : nil
        }

        /// The conformance mock (Tests/Fixtures/auth/mock_oauth.py).
        static func mock(_ config: String = "{}") async throws -> AuthServer {
            try await AuthServer(script: "auth/mock_oauth.py", arguments: ["--config", config], urlKey: "rs", mcpPath: "/mcp", hasLog: true)
        }

        /// The PyPI `mcp` SDK's authorization server (Tests/Fixtures/auth/python_oauth_server.py).
        static func pythonSDK() async throws -> AuthServer {
            try await AuthServer(script: "auth/python_oauth_server.py", arguments: [], urlKey: "url", mcpPath: "/mcp", hasLog: false)
        }

        /// How many requests of `kind` the mock recorded.
        func count(_ kind: String) async throws -> Int {
            guard let logURL else { return 0 }
            let fetch = try await CommandRunner.runPython(["-c", "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())", logURL])
            guard case .array(let entries)? = try? JSONValue(parsing: fetch) else { throw RunnerError("bad log: \(fetch)") }
            return entries.filter { $0["kind"] == .string(kind) }.count
        }

        func stop() {
            guard let running = process.withLock({ current -> Process? in
                defer { current = nil }
                return current
            }) else { return }
            if running.isRunning { kill(running.processIdentifier, SIGKILL) }
            running.waitUntilExit()
        }

        deinit { stop() }
    }

    static func temporaryStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mcp-cli-auth-\(UUID().uuidString)").path
    }

    static func browser() throws -> [String] {
        ["--browser", "\(try CommandRunner.python) \(CommandRunner.fixture("auth/headless_browser.py"))"]
    }

    @Test("login through the browser, status, later commands reuse the tokens, logout, then exit 3 saying how to log in")
    func loginStatusReuseLogout() async throws {
        let server = try await AuthServer.mock(#"{"challenge_scope": "mcp:basic"}"#)
        defer { server.stop() }
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store) }

        let login = try await CommandRunner.run(["auth", "login", "--url", server.url, "--token-store", store, "--json"] + Self.browser())
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.json?["scopes"] == .array([.string("mcp:basic")]))
        #expect(!login.stdout.contains("token-as"))  // never a token

        let status = try await CommandRunner.run(["auth", "status", "--url", server.url, "--token-store", store, "--json"])
        #expect(status.status == 0)
        #expect(status.json?[0]?["hasAccessToken"] == .bool(true))
        #expect(status.json?[0]?["refreshable"] == .bool(true))
        #expect(status.json?[0]?["registration"] == .string("dynamic"))
        #expect(!status.stdout.contains("refresh-") && !status.stdout.contains("secret-"))

        // Not a terminal, no browser needed: the stored token is used.
        let tools = try await CommandRunner.run(["tools", "list", "--url", server.url, "--token-store", store])
        #expect(tools.status == 0, "\(tools.stderr)")
        #expect(tools.stdout.contains("test-tool"))
        #expect(try await server.count("authorize") == 1)

        let logout = try await CommandRunner.run(["auth", "logout", "--url", server.url, "--token-store", store])
        #expect(logout.status == 0)
        let after = try await CommandRunner.run(["tools", "list", "--url", server.url, "--token-store", store])
        #expect(after.status == 3)
        #expect(after.stderr.contains("mcp auth login --url \(server.url)"))
        #expect(try await server.count("authorize") == 1)
    }

    @Test("not on a terminal (even with --no-browser), a server needing authorization fails at once with 3")
    func nonInteractiveFailsAtOnce() async throws {
        let server = try await AuthServer.mock()
        defer { server.stop() }
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let started = ContinuousClock.now
        let result = try await CommandRunner.run(["tools", "list", "--url", server.url, "--token-store", store, "--no-browser"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("mcp auth login"))
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(try await server.count("register") == 0)
        #expect(try await server.count("authorize") == 0)
    }

    @Test("on a terminal, a command authorizes on demand through the browser and stores the tokens")
    func onDemandOnTerminal() async throws {
        let server = try await AuthServer.mock()
        defer { server.stop() }
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let result = try await CommandRunner.runInTerminal(["tools", "list", "--url", server.url, "--token-store", store] + Self.browser(), script: [])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("test-tool"))
        #expect(try await server.count("authorize") == 1)
        let status = try await CommandRunner.run(["auth", "status", "--url", server.url, "--token-store", store, "--json"])
        #expect(status.json?[0]?["hasAccessToken"] == .bool(true))
    }

    @Test("with no registration available, a terminal user is asked for a client ID (the last registration option)")
    func asksForClientID() async throws {
        let server = try await AuthServer.mock(#"{"registration": false}"#)
        defer { server.stop() }
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let result = try await CommandRunner.runInTerminal(
            ["tools", "list", "--url", server.url, "--token-store", store] + Self.browser(), script: [("Enter a client ID", "hand-registered-client")]
        )
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("test-tool"))
        let status = try await CommandRunner.run(["auth", "status", "--url", server.url, "--token-store", store, "--json"])
        #expect(status.json?[0]?["clientID"] == .string("hand-registered-client"))
        #expect(status.json?[0]?["registration"] == .string("userProvided"))
        #expect(try await server.count("register") == 0)
    }

    @Test("login with --no-browser prints the URL; the redirect still completes it")
    func noBrowserPrintsURL() async throws {
        let server = try await AuthServer.mock()
        defer { server.stop() }
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        // The "user" opens what mcp prints: a script reading mcp's stderr for the URL.
        let result = try await CommandRunner.runPython([
            CommandRunner.fixture("auth/open_printed_url.py"), try CommandRunner.executable,
            "auth", "login", "--url", server.url, "--token-store", store, "--no-browser", "--callback-port", "0",
        ])
        #expect(result.contains("open this URL in a browser"))
        #expect(result.contains("EXIT 0"))
        #expect(try await server.count("token") == 1)
    }

    @Test("login and a tool call against the Python SDK's authorization server")
    func pythonSDKServer() async throws {
        let server = try await AuthServer.pythonSDK()
        defer { server.stop() }
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let login = try await CommandRunner.run(["auth", "login", "--url", server.url, "--token-store", store] + Self.browser())
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("Authorized with"))
        let call = try await CommandRunner.run(["tools", "call", "whoami", "--url", server.url, "--token-store", store])
        #expect(call.status == 0, "\(call.stderr)")
        #expect(call.stdout.contains("authorized"))
    }
}

extension CommandRunner {
    /// Runs the test venv's Python with `arguments` and returns its stdout.
    static func runPython(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = await OwnThread.run {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        return String(decoding: data, as: UTF8.self)
    }
}
