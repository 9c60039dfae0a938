import MCPClient
import MCPCore
@testable import MCPHTTP
import Testing

/// The 2026-07-28 protocol over Streamable HTTP against the PyPI `mcp` 2.3.0 server (dual-era):
/// detection, stateless requests with their metadata headers (which that server checks), and
/// the fallback to the handshake era.
@Suite("Stateless HTTP (2026-07-28) against the Python SDK server", .serialized)
struct StatelessHTTPTests {
    @Test("automatic mode detects the stateless protocol; requests carry valid metadata headers, x-mcp-header parameters included")
    func detectsAndCalls() async throws {
        let server = try await PythonHTTPServer()
        defer { server.stop() }
        let transport = try HTTPTransport(url: server.mcpURL)
        var configuration = Client.Configuration()
        configuration.eraCache = EraCache()
        let client = Client(configuration: configuration)
        try await client.connect(transport)
        #expect(client.isStateless)
        #expect(client.protocolVersion == .v2026_07_28)
        #expect(client.serverInfo?.name == "python-http-test-server")
        #expect(client.serverCapabilities?.tools != nil)
        #expect(transport.kind == .streamableHTTP)

        let tools = try await client.listAllTools()
        #expect(tools.contains { $0.name == "regional" })
        // The server rejects a call whose Mcp-Name or Mcp-Param-* headers are missing or wrong.
        #expect(try await client.callTool("echo", arguments: ["text": "héllo wörld"]).text == "héllo wörld")
        #expect(try await client.callTool("regional", arguments: ["region": "eu-north-1", "shard": 7, "query": "q"]).text == "eu-north-1/7: q")
        #expect(try await client.callTool("regional", arguments: ["region": " spaced, ünïcode ", "query": "q"]).text == " spaced, ünïcode /0: q")
        try await client.ping()
        await client.close()
        #expect(configuration.eraCache?.verdict(for: try #require(transport.serverIdentity))?.version == .v2026_07_28)
    }

    @Test("a header mismatch (-32020) makes the transport list the tools again and retry once")
    func headerMismatchRefreshes() async throws {
        let server = try await PythonHTTPServer()
        defer { server.stop() }
        let transport = try StreamableHTTPTransport(url: server.mcpURL)
        var configuration = Client.Configuration(protocolMode: .pinned(.v2026_07_28))
        // No listing before the first call: the transport does not know the header yet.
        configuration.validatesToolOutput = false
        let client = Client(configuration: configuration)
        try await client.connect(transport)
        #expect(try await client.callTool("regional", arguments: ["region": "us-west1"]).text == "us-west1/0: ")
        await client.close()
    }

    @Test("the handshake era is still detected: the legacy HTTP+SSE server gets initialize over SSE")
    func fallsBackToLegacy() async throws {
        let server = try await PythonHTTPServer(["--transport", "sse"])
        defer { server.stop() }
        let transport = try HTTPTransport(url: server.sseURL)
        var configuration = Client.Configuration()
        configuration.eraCache = EraCache()
        let client = Client(configuration: configuration)
        try await client.connect(transport)
        #expect(!client.isStateless)
        #expect(client.protocolVersion?.isModern == false)
        #expect(transport.kind == .serverSentEvents)
        #expect(try await client.callTool("echo", arguments: ["text": "x"]).text == "x")
        await client.close()
    }

    @Test("header values: plain ASCII as is, anything else in the base64 sentinel form")
    func headerValueEncoding() {
        #expect(RequestMetadataHeaders.encode("us-west1") == "us-west1")
        #expect(RequestMetadataHeaders.encode("a b\tc") == "a b\tc")
        #expect(RequestMetadataHeaders.encode("Hello, 世界") == "=?base64?SGVsbG8sIOS4lueVjA==?=")
        #expect(RequestMetadataHeaders.encode(" padded ") == "=?base64?IHBhZGRlZCA=?=")
        #expect(RequestMetadataHeaders.encode("line1\nline2") == "=?base64?bGluZTEKbGluZTI=?=")
        #expect(RequestMetadataHeaders.encode("=?base64?literal?=") == "=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=")
    }

    @Test("metadata headers of a stateless request; none for a handshake-era one")
    func metadataHeaders() throws {
        let meta: JSONValue = ["io.modelcontextprotocol/protocolVersion": "2026-07-28"]
        let parameters = try ToolHeaderParameter.parameters(of: [
            "type": "object",
            "properties": [
                "region": ["type": "string", "x-mcp-header": "Region"],
                "options": ["type": "object", "properties": ["dry": ["type": "boolean", "x-mcp-header": "Dry"]]],
                "count": ["type": "integer", "x-mcp-header": "Count"],
            ],
        ]).get()
        let call = JSONRPCRequest(id: 1, method: "tools/call", params: [
            "name": "run", "arguments": ["region": "eu", "options": ["dry": true], "count": nil], "_meta": meta,
        ])
        let headers = try #require(RequestMetadataHeaders.headers(for: call, toolParameters: ["run": parameters]))
        #expect(headers.first(name: "MCP-Protocol-Version") == "2026-07-28")
        #expect(headers.first(name: "Mcp-Method") == "tools/call")
        #expect(headers.first(name: "Mcp-Name") == "run")
        #expect(headers.first(name: "Mcp-Param-Region") == "eu")
        #expect(headers.first(name: "Mcp-Param-Dry") == "true")
        #expect(!headers.contains(name: "Mcp-Param-Count"), "a null value has no header")
        let read = JSONRPCRequest(id: 2, method: "resources/read", params: ["uri": "file:///ü.txt", "_meta": meta])
        #expect(RequestMetadataHeaders.headers(for: read, toolParameters: [:])?.first(name: "Mcp-Name") == "=?base64?ZmlsZTovLy/DvC50eHQ=?=")
        #expect(RequestMetadataHeaders.headers(for: JSONRPCRequest(id: 3, method: "tools/list", params: [:]), toolParameters: [:]) == nil)
        // The tasks extension routes a task's requests by its id.
        for method in ["tasks/get", "tasks/update", "tasks/cancel"] {
            let request = JSONRPCRequest(id: 4, method: method, params: ["taskId": "786512e2", "_meta": meta])
            let headers = try #require(RequestMetadataHeaders.headers(for: request, toolParameters: [:]))
            #expect(headers.first(name: "Mcp-Name") == "786512e2")
            #expect(headers.first(name: "Mcp-Method") == method)
        }
    }

    @Test("invalid x-mcp-header designations are found", arguments: [
        ["type": "object", "properties": ["a": ["type": "number", "x-mcp-header": "A"]]],
        ["type": "object", "properties": ["a": ["type": "string", "x-mcp-header": ""]]],
        ["type": "object", "properties": ["a": ["type": "string", "x-mcp-header": "Bad Name"]]],
        ["type": "object", "properties": ["a": ["type": "string", "x-mcp-header": "A"], "b": ["type": "string", "x-mcp-header": "a"]]],
        ["type": "object", "properties": ["a": ["type": "array", "items": ["type": "string", "x-mcp-header": "A"]]]],
        ["type": "object", "anyOf": [["properties": ["a": ["type": "string", "x-mcp-header": "A"]]]]],
        ["type": "object", "$defs": ["x": ["type": "string", "x-mcp-header": "A"]]],
        ["type": "object", "x-mcp-header": "Root"],
        ["type": "object", "properties": ["a": ["x-mcp-header": "A"]]],
    ] as [JSONValue])
    func invalidDesignations(schema: JSONValue) {
        guard case .failure = ToolHeaderParameter.parameters(of: schema) else {
            Issue.record("accepted \(schema.jsonString())")
            return
        }
    }

    @Test("a stateless tools/list answer loses the tools whose designations are invalid")
    func invalidToolsAreExcluded() throws {
        let transport = try StreamableHTTPTransport(url: "http://127.0.0.1:9/mcp")
        transport.state.withLock { _ = $0.pendingToolLists.insert(5) }
        let answer = JSONRPCResponse(id: 5, result: ["tools": [
            ["name": "good", "inputSchema": ["type": "object", "properties": ["r": ["type": "string", "x-mcp-header": "R"]]]],
            ["name": "bad", "inputSchema": ["type": "object", "properties": ["r": ["type": "number", "x-mcp-header": "R"]]]],
        ]])
        guard case .message(.response(let filtered)) = transport.inspect(.message(.response(answer))) else {
            Issue.record("not a response")
            return
        }
        #expect(filtered.result["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["good"])
        #expect(transport.state.withLock { $0.toolHeaderParameters["good"] } == [ToolHeaderParameter(headerName: "R", path: ["r"])])
    }
}
