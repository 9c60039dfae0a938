import MCPConfiguration
import MCPCore
import MCPStdio
import Testing

@Suite("mcpServers configuration files")
struct ConfigurationFileTests {
    @Test("every kind of entry, in order, with ${VAR} and ${VAR:-default} expanded")
    func parsesEntries() throws {
        let json: JSONValue = ["mcpServers": [
            "time": ["command": "uvx", "args": ["mcp-server-time", "--local-timezone=${TZ}"], "env": ["KEY": "${SECRET}"], "cwd": "/tmp"],
            "remote": ["type": "http", "url": "https://example.com/mcp", "headers": ["Authorization": "Bearer ${TOKEN:-none}"]],
            "stream": ["type": "streamable-http", "url": "https://example.com/mcp"],
            "legacy": ["type": "sse", "url": "https://example.com/sse"],
            "socket": ["type": "ws", "url": "wss://example.com/ws"],
            "inferred": ["url": "https://example.com/events/sse"],
        ]]
        let file = try ConfigurationFile(json: json, environment: ["TZ": "Europe/Paris", "SECRET": "s3cr3t"])
        #expect(file.servers.map(\.name) == ["time", "remote", "stream", "legacy", "socket", "inferred"])
        guard case .stdio(let parameters) = file.servers[0].target else { Issue.record("expected stdio"); return }
        #expect(parameters.command == "uvx")
        #expect(parameters.arguments == ["mcp-server-time", "--local-timezone=Europe/Paris"])
        #expect(parameters.environment == ["KEY": "s3cr3t"])
        #expect(parameters.workingDirectory == "/tmp")
        guard case .http(let url, let headers) = file.servers[1].target else { Issue.record("expected http"); return }
        #expect(url == "https://example.com/mcp")
        #expect(headers == ["Authorization": "Bearer none"])
        if case .streamableHTTP = file.servers[2].target {} else { Issue.record("expected streamable-http") }
        if case .sse = file.servers[3].target {} else { Issue.record("expected sse") }
        if case .webSocket = file.servers[4].target {} else { Issue.record("expected ws") }
        if case .sse = file.servers[5].target {} else { Issue.record("a URL ending in /sse is HTTP+SSE") }
        #expect(try file.server(named: "legacy").name == "legacy")
        #expect(throws: ConfigurationError.self) { try file.server(named: "nope") }
    }

    @Test("bad configurations are clear errors", arguments: [
        (#"{"servers": 1}"#, "mcpServers"),
        (#"{"mcpServers": {"a": 1}}"#, "must be an object"),
        (#"{"mcpServers": {"a": {}}}"#, "needs a \"command\" or a \"url\""),
        (#"{"mcpServers": {"a": {"url": "http://x", "type": "carrier-pigeon"}}}"#, "unknown type"),
        (#"{"mcpServers": {"a": {"command": "x", "args": [1]}}}"#, "\"args\" must be strings"),
        (#"{"mcpServers": {"a": {"command": "${MISSING}"}}}"#, "MISSING is not set"),
        (#"{"mcpServers": {"a": {"command": "${OPEN"}}}"#, "unterminated"),
    ])
    func errors(text: String, message: String) throws {
        do {
            _ = try ConfigurationFile(json: try JSONValue(parsing: text), environment: [:])
            Issue.record("expected an error for \(text)")
        } catch let error as ConfigurationError {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("targets inferred from what a user types")
    func inference() {
        if case .webSocket = ServerTarget.infer("wss://h/ws") {} else { Issue.record("ws") }
        if case .http = ServerTarget.infer("https://h/mcp") {} else { Issue.record("http") }
        if case .sse = ServerTarget.infer("http://h/sse?x=1") {} else { Issue.record("sse") }
        guard case .stdio(let parameters) = ServerTarget.infer("python server.py --flag") else { Issue.record("stdio"); return }
        #expect(parameters.command == "python")
        #expect(parameters.arguments == ["server.py", "--flag"])
    }
}
