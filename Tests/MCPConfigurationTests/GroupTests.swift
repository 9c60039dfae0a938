import Foundation
import MCPClient
import MCPConfiguration
import MCPCore
import MCPDemo
import MCPHTTP
import MCPServer
import MCPStdio
import Synchronization
import Testing
import MCPTestSupport

/// Paths to what the tests run.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: String {
        get throws {
            let path = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON"] ?? packageRoot.appendingPathComponent(".test-env/venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: path) else { throw FixtureError("the test venv is missing: run scripts/provision-python") }
            return path
        }
    }

    /// The Python of the venv with the `mcp` 1.x series (handshake era only).
    static var legacyOnlyPython: String {
        get throws {
            let path = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON_WS"] ?? packageRoot.appendingPathComponent(".test-env/venv-ws/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: path) else { throw FixtureError("the 1.x test venv is missing: run scripts/provision-python") }
            return path
        }
    }

    /// Starts Tests/Fixtures/python/http_server.py on a free port; returns the process and its MCP URL.
    static func startHTTPServer() async throws -> (Process, String) {
        let port = Int.random(in: 20_000..<60_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python)
        process.arguments = [file("python/http_server.py"), "--port", String(port)]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // The server prints READY on stderr once it listens; read on a thread of its own.
        let handle = errors.fileHandleForReading
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            OwnThread.detach {
                var seen = Data()
                while !String(decoding: seen, as: UTF8.self).contains("READY") {
                    let chunk = handle.availableData
                    guard !chunk.isEmpty else {
                        continuation.resume(throwing: FixtureError("the HTTP server did not start: \(String(decoding: seen, as: UTF8.self))"))
                        return
                    }
                    seen.append(chunk)
                }
                continuation.resume()
            }
        }
        return (process, "http://127.0.0.1:\(port)/mcp")
    }

    static func venvTool(_ name: String) throws -> String {
        URL(fileURLWithPath: try python).deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func file(_ path: String) -> String { packageRoot.appendingPathComponent("Tests/Fixtures/\(path)").path }

    /// A temporary git repository with one commit.
    static func gitRepository() async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "hello\n".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        for arguments in [["init", "-q"], ["add", "README.md"], ["-c", "user.name=Test", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first commit"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", directory.path] + arguments
            try process.run()
            await OwnThread.run { process.waitUntilExit() }
            guard process.terminationStatus == 0 else { throw FixtureError("git \(arguments) failed") }
        }
        return directory.path
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite("ClientSessionGroup with several real servers", .serialized)
struct GroupTests {
    func inProcess(_ server: MCPServer) async throws -> Client {
        let client = Client()
        try await client.connect(to: server)
        return client
    }

    @Test("real servers at once: aggregation with namespaced collisions, routing, isolated failures, reconnection")
    func manyServers() async throws {
        let repository = try await Fixtures.gitRepository()
        let group = ClientSessionGroup(configuration: .init(reconnection: .init(initialDelay: .milliseconds(50), maximumAttempts: 5)))
        try group.add(try await inProcess(DemoServer.make()), name: "demo")
        let python = try Fixtures.python
        let servers: [(name: String, transport: ClientSessionGroup.TransportFactory)] = [
            ("time", { StdioTransport(StdioServerParameters(command: try Fixtures.venvTool("mcp-server-time"), stderr: .discard)) }),
            ("git", { StdioTransport(StdioServerParameters(command: try Fixtures.venvTool("mcp-server-git"), arguments: ["--repository", repository], stderr: .discard)) }),
            ("legacy", { StdioTransport(StdioServerParameters(command: python, arguments: [Fixtures.file("python/legacy_server.py")], stderr: .discard)) }),
            ("never", { StdioTransport(StdioServerParameters(command: "/nonexistent/mcp-server")) }),
        ]
        let health = await group.connect(servers)
        #expect(health.map(\.name) == ["time", "git", "legacy", "never"])
        #expect(health.map(\.state) == [ServerHealth.State.connected, .connected, .connected, .failed])
        // Both eras at once: PyPI mcp 2.3.0 servers are detected as stateless, a mcp 1.30.0 one is
        // not, and a Streamable HTTP member joins them.
        #expect(health[0].protocolVersion == .v2026_07_28)
        let oldServer = await group.connect(name: "old", reconnects: false) {
            StdioTransport(StdioServerParameters(command: try Fixtures.legacyOnlyPython, arguments: [Fixtures.file("python-ws/legacy_stdio_server.py")], stderr: .discard))
        }
        #expect(oldServer.state == .connected)
        #expect(oldServer.protocolVersion?.isModern == false)
        let (httpProcess, httpURL) = try await Fixtures.startHTTPServer()
        defer { httpProcess.terminate() }
        let remote = await group.connect(name: "remote", reconnects: false) { try HTTPTransport(url: httpURL) }
        #expect(remote.state == .connected, "\(String(describing: remote.lastError))")
        #expect(String(describing: health[3].lastError ?? FixtureError("none")).contains("No such file or directory"))
        let crash = await group.connect(name: "crash", reconnects: true) {
            StdioTransport(StdioServerParameters(command: python, arguments: [Fixtures.file("faults/exit_mid_request.py")], stderr: .discard))
        }
        #expect(crash.state == .connected)

        let tools = try await group.tools()
        let names = Set(tools.map(\.name))
        // The demo's and the HTTP server's `add` collide, so both are namespaced.
        #expect(names.isSuperset(of: ["get_current_time", "git_status", "demo_add", "remote_add", "countdown", "die"]))
        // Both the demo server and the legacy test server have `echo`: namespaced, valid tool names.
        if tools.filter({ $0.component.name == "echo" }).count > 1 {
            #expect(names.contains("demo_echo"))
            #expect(!names.contains("echo"))
        }

        let time = try await group.callTool("get_current_time", arguments: ["timezone": "UTC"])
        #expect(time.text.contains("UTC"))
        let status = try await group.callTool("git_status", arguments: ["repo_path": .string(repository)])
        #expect(status.text.contains("working tree clean") || status.text.contains("nothing to commit"))
        let sum = try await group.callTool("demo_add", arguments: ["a": 1, "b": 2])
        #expect(sum.structuredContent?["sum"] == 3)
        // Routed to the handshake-era member and to the HTTP one (their echo tools collide with
        // the others', so they are namespaced).
        let echoes = tools.filter { $0.component.name == "echo" }.map(\.name)
        #expect(echoes.contains("old_echo") && echoes.contains("remote_echo"), "\(echoes)")
        #expect(try await group.callTool("old_echo", arguments: ["text": "from 1.30"]).text == "from 1.30")
        #expect(try await group.callTool("remote_echo", arguments: ["text": "over HTTP"]).text == "over HTTP")

        // A server that dies mid-session: its call fails with the reason, the rest carry on.
        do {
            _ = try await group.callTool("die", arguments: ["code": 7])
            Issue.record("expected the call to fail")
        } catch let error as ClientError {
            #expect(error.code == .connectionClosed)
            #expect(error.description.contains("status 7"))
        }
        #expect(try await group.callTool("get_current_time", arguments: ["timezone": "UTC"]).isError != true)
        // It was started again (reconnects: true).
        let deadline = ContinuousClock.now + .seconds(10)
        while group.health(of: "crash")?.reconnections != 1 || group.health(of: "crash")?.state != .connected {
            guard ContinuousClock.now < deadline else { Issue.record("the crashed server was not reconnected: \(String(describing: group.health(of: "crash")))"); break }
            try await Task.sleep(for: .milliseconds(20))
        }

        let checked = await group.checkHealth()
        for member in checked where member.state == .connected {
            #expect(member.pingLatency != nil, "\(member.name)")
        }
        await group.close()
        #expect(group.health().isEmpty)
    }

    @Test("every page of every server is aggregated")
    func pagination() async throws {
        let paged = MCPServer(name: "paged", version: "1", pageSize: 2)
        for index in 0..<5 {
            paged.addTool(Tool(name: "tool\(index)")) { _, _ in CallToolResult(content: [.text("\(index)")]) }
        }
        let group = ClientSessionGroup()
        try group.add(try await inProcess(paged), name: "paged")
        #expect(try await group.tools().map(\.name) == ["tool0", "tool1", "tool2", "tool3", "tool4"])
        #expect(try await group.callTool("tool4").text == "4")
        await group.close()
    }

    @Test("tasks through the group: callTool follows them, startTool hands them over, on the owning server")
    func tasks() async throws {
        var configuration = MCPServer.Configuration(serverInfo: Implementation(name: "tasks", version: "1"))
        configuration.tasks = MCPServer.TaskSettings(pollInterval: .milliseconds(20))
        let worker = MCPServer(configuration: configuration)
        worker.addTool(Tool(name: "crunch", execution: ToolExecution(taskSupport: .optional))) { arguments, _ in
            CallToolResult(content: [.text("crunched \(arguments["n"]?.intValue ?? 0)")])
        }
        let plain = MCPServer(name: "plain", version: "1")
        plain.addTool(Tool(name: "crunch")) { _, _ in CallToolResult(content: [.text("plain")]) }
        let group = ClientSessionGroup()
        try group.add(try await inProcess(worker), name: "worker")
        try group.add(try await inProcess(plain), name: "plain")
        // Both servers have a `crunch`: the collision is namespaced.
        let names = try await group.tools().map(\.name)
        let workerCrunch = try #require(names.first { $0.contains("worker") && $0.contains("crunch") })
        #expect(try await group.callTool(workerCrunch, arguments: ["n": 3]).text == "crunched 3")
        let task = try #require(try await group.startTool(workerCrunch, arguments: ["n": 4]).task)
        #expect(try await task.result().text == "crunched 4")
        let plainCrunch = try #require(names.first { $0.contains("plain") && $0.contains("crunch") })
        guard case .completed(let result) = try await group.startTool(plainCrunch) else {
            Issue.record("a server without tasks made one")
            await group.close()
            return
        }
        #expect(result.text == "plain")
        await group.close()
    }

    @Test("strict naming reports collisions; custom naming names everything; alwaysPrefix prefixes")
    func naming() async throws {
        func server(_ name: String) -> MCPServer {
            let server = MCPServer(name: name, version: "1")
            server.addTool(Tool(name: "shared")) { _, _ in CallToolResult(content: [.text(name)]) }
            return server
        }
        let strict = ClientSessionGroup(configuration: .init(naming: .strict))
        try strict.add(try await inProcess(server("a")), name: "a")
        try strict.add(try await inProcess(server("b")), name: "b")
        do {
            _ = try await strict.tools()
            Issue.record("expected a collision")
        } catch ClientSessionGroup.GroupError.nameCollision(let kind, let name, let servers) {
            #expect(kind == .tool && name == "shared" && servers == ["a", "b"])
        }
        await strict.close()

        let custom = ClientSessionGroup(configuration: .init(naming: .custom { kind, name, server in "\(server.info?.name ?? "?").\(name)" }))
        try custom.add(try await inProcess(server("alpha")), name: "x")
        #expect(try await custom.tools().map(\.name) == ["alpha.shared"])
        #expect(try await custom.callTool("alpha.shared").text == "alpha")
        await custom.close()

        let prefixed = ClientSessionGroup(configuration: .init(naming: .alwaysPrefix(separator: "__")))
        try prefixed.add(try await inProcess(server("one")), name: "my server!")
        #expect(try await prefixed.tools().map(\.name) == ["my_server___shared"], "tool-name rules: only A-Z a-z 0-9 _ - .")
        await prefixed.close()
    }

    @Test("list_changed keeps the aggregate current; resources, prompts and completion are routed")
    func listChangedAndRouting() async throws {
        let dynamic = MCPServer(name: "dynamic", version: "1")
        let group = ClientSessionGroup()
        try group.add(try await inProcess(dynamic), name: "dynamic")
        try group.add(try await inProcess(DemoServer.make()), name: "demo")
        #expect(try await group.tools().contains { $0.name == "late" } == false)
        dynamic.addTool(Tool(name: "late")) { _, _ in CallToolResult(content: [.text("here")]) }
        let deadline = ContinuousClock.now + .seconds(5)
        while try await !group.tools().contains(where: { $0.name == "late" }) {
            guard ContinuousClock.now < deadline else { Issue.record("the new tool never appeared"); break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await group.callTool("late").text == "here")
        #expect(try await group.readResource("demo://greeting/Group").contents.first?.text == "Hello, Group!")
        #expect(try await group.readResource("demo://readme").contents.first?.text?.contains("Swift MCP demo") == true)
        await #expect(throws: ClientSessionGroup.GroupError.self) { try await group.readResource("nowhere://x") }
        #expect(try await group.getPrompt("summarize", arguments: ["text": "t"]).messages.count == 1)
        let completion = try await group.complete(argument: "style", value: "d", in: .prompt(PromptReference(name: "summarize")))
        #expect(completion.completion.values == ["detailed"])
        await #expect(throws: ClientSessionGroup.GroupError.self) { try await group.callTool("missing") }
        await group.close()
    }

    @Test("a configuration file builds the group")
    func fromConfiguration() async throws {
        let file = try ConfigurationFile(json: ["mcpServers": [
            "time": ["command": .string(try Fixtures.venvTool("mcp-server-time"))],
            "broken": ["command": "/nonexistent/server"],
        ]])
        let group = ClientSessionGroup()
        let health = await group.connect(file)
        #expect(health.map(\.state) == [ServerHealth.State.connected, .failed])
        #expect(try await group.tools().count == 2)
        await group.close()
    }
}
