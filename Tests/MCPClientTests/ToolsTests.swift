import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Tools")
struct ToolsTests {
    /// A server with an `inspect` tool that returns what it received: arguments and `_meta`.
    static func inspectingServer() -> MCPServer {
        let server = MCPServer.testing()
        server.addTool(Tool(name: "inspect")) { arguments, context in
            CallToolResult(
                content: [.text("ok")],
                structuredContent: ["arguments": .object(arguments), "meta": context.meta.map(JSONValue.object) ?? .null]
            )
        }
        return server
    }

    @Test("callTool sends a JSON object as the arguments")
    func jsonObjectArguments() async throws {
        try await TestConnection.withClient(to: Self.inspectingServer()) { c in
            let arguments: JSONObject = ["a": 1, "b": "two", "c": [true, .null, 2.5], "d": ["nested": ["deep": 1]]]
            let result = try await c.client.callTool("inspect", arguments: arguments)
            #expect(result.text == "ok")
            #expect(result.isError == nil)
            #expect(result.structuredContent?["arguments"] == .object(arguments))
            #expect(c.transport.sentRequests("tools/call").first?.params?["arguments"] == .object(arguments))
        }
    }

    @Test("callTool encodes Encodable arguments (a struct, a dictionary) as the arguments object")
    func encodableArguments() async throws {
        struct Query: Encodable, Sendable {
            var text: String
            var limit: Int
            var tags: [String]
            var cutoff: Double?
        }
        try await TestConnection.withClient(to: Self.inspectingServer()) { c in
            let result = try await c.client.callTool("inspect", arguments: Query(text: "swift", limit: 3, tags: ["a", "b"], cutoff: nil))
            #expect(result.structuredContent?["arguments"] == ["text": "swift", "limit": 3, "tags": ["a", "b"]])
            let dictionary: [String: Int] = ["x": 1]
            let second = try await c.client.callTool("inspect", arguments: dictionary)
            #expect(second.structuredContent?["arguments"] == ["x": 1])
        }
    }

    @Test("arguments that do not encode as an object fail before anything is sent")
    func nonObjectArguments() async throws {
        try await TestConnection.withClient(to: Self.inspectingServer()) { c in
            let error = try await #require(throws: ClientError.self) { try await c.client.callTool("inspect", arguments: [1, 2, 3]) }
            #expect(error.code == .invalidRequest)
            #expect(c.transport.sentRequests("tools/call").isEmpty)
        }
    }

    @Test("meta travels in the request's _meta and the tool handler sees it")
    func metaReachesHandler() async throws {
        try await TestConnection.withClient(to: Self.inspectingServer()) { c in
            let result = try await c.client.callTool("inspect", arguments: ["x": 1], meta: ["trace": "abc-123", "com.example/flag": true])
            #expect(result.structuredContent?["meta"] == ["trace": "abc-123", "com.example/flag": true])
            let sent = try #require(c.transport.sentRequests("tools/call").first)
            #expect(sent.params?["_meta"]?["trace"] == "abc-123")
        }
    }

    @Test("a tool that reports failure is returned as a result; throwingIfError turns it into ToolError")
    func isErrorResult() async throws {
        let server = MCPServer.testing()
        server.addTool(Tool(name: "broken")) { _, _ in
            CallToolResult(content: [.text("disk full")], isError: true)
        }
        server.addTool(Tool(name: "throws")) { _, _ in
            struct Oops: Error, CustomStringConvertible { var description: String { "oops inside" } }
            throw Oops()
        }
        try await TestConnection.withClient(to: server) { c in
            let result = try await c.client.callTool("broken")
            #expect(result.isError == true)
            #expect(result.text == "disk full")
            let error = try #require(throws: ToolError.self) { try result.throwingIfError(toolName: "broken") }
            #expect(error.toolName == "broken")
            #expect(error.message == "disk full")
            #expect(error.result == result)
            #expect(error.description.contains("broken"))

            // A handler that throws is a failed tool too, not a protocol error.
            let thrown = try await c.client.callTool("throws")
            #expect(thrown.isError == true)
            #expect(thrown.text.contains("oops inside"))

            let fine = CallToolResult(content: [.text("ok")], isError: false)
            #expect(try fine.throwingIfError(toolName: "x") == fine)
        }
    }

    @Test("an unknown tool is the server's invalid-params error")
    func unknownTool() async throws {
        try await TestConnection.withClient(to: .testing()) { c in
            let error = try await #require(throws: MCPError.self) { try await c.client.callTool("nope") }
            #expect(error.code == .invalidParams)
            #expect(error.message.contains("nope"))
        }
    }

    struct Sum: Codable, Sendable, Equatable {
        var sum: Double
    }

    struct Operands: Codable, Sendable {
        var a: Double
        var b: Double
    }

    static func typedServer() -> MCPServer {
        let server = MCPServer.testing()
        server.addTool(Tool(name: "add"), input: Operands.self) { input, _ in Sum(sum: input.a + input.b) }
        server.addTool(Tool(name: "listing")) { _, _ in
            CallToolResult(structuredContent: ["items": [["id": 1], ["id": "two"]]])
        }
        server.addTool(Tool(name: "legacy")) { _, _ in
            CallToolResult(content: [.text(#"{"sum": 42}"#)])
        }
        server.addTool(Tool(name: "refuses")) { _, _ in
            CallToolResult(content: [.text("no numbers today")], isError: true)
        }
        return server
    }

    @Test("callTool(_:arguments:as:) decodes the structured content")
    func typedCall() async throws {
        try await TestConnection.withClient(to: Self.typedServer()) { c in
            let sum = try await c.client.callTool("add", arguments: Operands(a: 2, b: 40.5), as: Sum.self)
            #expect(sum == Sum(sum: 42.5))
            // Without structured content, a lone JSON text block is decoded instead.
            let legacy = try await c.client.callTool("legacy", arguments: [String: Int](), as: Sum.self)
            #expect(legacy == Sum(sum: 42))
        }
    }

    @Test("callTool(_:arguments:as:) fails with a ClientError naming the path that does not match")
    func typedCallMismatch() async throws {
        struct Wrong: Decodable { var sum: String }
        struct Listing: Decodable {
            struct Item: Decodable { var id: Int }
            var items: [Item]
        }
        try await TestConnection.withClient(to: Self.typedServer()) { c in
            let error = try await #require(throws: ClientError.self) {
                try await c.client.callTool("add", arguments: Operands(a: 1, b: 2), as: Wrong.self)
            }
            #expect(error.code == .invalidResponse)
            #expect(error.message.contains("sum"))
            #expect(error.underlyingError is DecodingError)

            let nested = try await #require(throws: ClientError.self) {
                try await c.client.callTool("listing", arguments: [String: Int](), as: Listing.self)
            }
            #expect(nested.message.contains("items[1].id"))

            let failed = try await #require(throws: ToolError.self) {
                try await c.client.callTool("refuses", arguments: [String: Int](), as: Sum.self)
            }
            #expect(failed.message == "no numbers today")
        }
    }

    @Test("a typed tool's invalid arguments are the server's invalid-params error")
    func typedToolInvalidArguments() async throws {
        try await TestConnection.withClient(to: Self.typedServer()) { c in
            let error = try await #require(throws: MCPError.self) { try await c.client.callTool("add", arguments: ["a": "one", "b": 2]) }
            #expect(error.code == .invalidParams)
            #expect(error.message.contains("a"))
        }
    }
}
