import MCPClient
import MCPCore
import MCPStdio
import Testing

/// Automatic era detection over stdio against servers this project did not write: PyPI `mcp`
/// 2.3.0 servers (both eras: detection must pick 2026-07-28) and a `mcp` 1.30.0 server (handshake
/// era only: detection must fall back), and the multi round-trip pattern end to end.
@Suite("Era detection over stdio against real servers")
struct EraDetectionInteropTests {
    static func configuration(cache: EraCache = EraCache()) -> Client.Configuration {
        var configuration = testConfiguration(timeout: .seconds(60))
        configuration.protocolMode = .automatic
        configuration.eraCache = cache
        return configuration
    }

    @Test("mcp-server-time and mcp-server-git are detected as stateless and work as such")
    func realServersAreStateless() async throws {
        let repository = try Files.makeTemporaryDirectory("mcp-era-git")
        defer { Files.removeTree(repository) }
        _ = try await runCommand("/usr/bin/env", ["git", "-C", repository, "init", "-q"])
        let cache = EraCache()
        let time = StdioServerParameters(command: try Paths.venvExecutable("mcp-server-time"), stderr: .discard)
        try await withStdioClient(time, configuration: Self.configuration(cache: cache)) { client, transport in
            #expect(client.isStateless)
            #expect(client.protocolVersion == .v2026_07_28)
            let result = try await client.callTool("get_current_time", arguments: ["timezone": "UTC"])
            #expect(result.isError != true)
            #expect(result.text.contains("UTC"))
            try #expect(cache.verdict(for: #require(transport.serverIdentity))?.version == .v2026_07_28)
        }
        let git = StdioServerParameters(command: try Paths.venvExecutable("mcp-server-git"), arguments: ["--repository", repository], stderr: .discard)
        try await withStdioClient(git, configuration: Self.configuration()) { client, _ in
            #expect(client.isStateless)
            try await #expect(client.listAllTools().contains { $0.name == "git_status" })
        }
    }

    @Test("a handshake-era-only server (mcp 1.30.0) makes detection fall back to initialize; the verdict is remembered")
    func legacyOnlyServerFallsBack() async throws {
        let cache = EraCache()
        let parameters = StdioServerParameters(
            command: try Paths.legacyOnlyPython(),
            arguments: [Paths.fixtures + "/python-ws/legacy_stdio_server.py"],
            stderr: .discard
        )
        try await withStdioClient(parameters, configuration: Self.configuration(cache: cache)) { client, transport in
            #expect(!client.isStateless)
            #expect(client.protocolVersion?.isModern == false)
            #expect(client.serverInfo?.name == "python-legacy-only-server")
            try await #expect(client.callTool("echo", arguments: ["text": "hi"]).text == "hi")
            try #expect(cache.verdict(for: #require(transport.serverIdentity))?.isModern == false)
        }
        // Next time the remembered verdict skips the probe.
        try await withStdioClient(parameters, configuration: Self.configuration(cache: cache)) { client, _ in
            #expect(!client.isStateless)
            try await #expect(client.callTool("echo", arguments: ["text": "again"]).text == "again")
        }
    }

    @Test("input_required: elicitation, sampling and roots answered in one round, requestState echoed")
    func multiRoundTrip() async throws {
        let handlers = ClientHandlers(
            sampling: { params, _ in
                CreateMessageResult(role: .assistant, content: .text("summary of \(params.messages.first?.content.text ?? "")"), model: "test-model")
            },
            elicitation: { _, _ in .accept(["name": "Ada"]) },
            roots: { _ in [Root(uri: "file:///work", name: "work")] }
        )
        let parameters = StdioServerParameters(command: try Paths.python(), arguments: [Paths.fixtures + "/python/modern_server.py"], stderr: .discard)
        try await withStdioClient(parameters, configuration: Self.configuration(), handlers: handlers) { client, _ in
            #expect(client.isStateless)
            #expect(client.serverInfo?.name == "python-modern-test-server")
            let result = try await client.callTool("gather", arguments: ["topic": "tea"])
            let report = try JSONValue(parsing: result.text)
            #expect(report["requestState"] == "opaque-state-tea")
            #expect(report["responses"]?["name"]?["action"] == "accept")
            #expect(report["responses"]?["name"]?["content"]?["name"] == "Ada")
            #expect(report["responses"]?["summary"]?["content"]?["text"] == "summary of Summarise tea")
            #expect(report["responses"]?["roots"]?["roots"]?[0]?["uri"] == "file:///work")
        }
    }
}
