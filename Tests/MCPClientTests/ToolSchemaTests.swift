import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Tool schemas")
struct ToolSchemaTests {
    static let weatherSchema: JSONObject = [
        "type": "object",
        "properties": [
            "temperature": ["type": "number"],
            "conditions": ["type": "string", "enum": ["sunny", "rain"]],
            "hourly": ["type": "array", "items": ["type": "object", "properties": ["t": ["type": "number"]], "required": ["t"]]],
        ],
        "required": ["temperature", "conditions"],
        "additionalProperties": false,
    ]

    /// A `weather` tool with an output schema, returning whatever structured content the
    /// arguments say (`reply`), or none, or an error result.
    static func server() -> MCPServer {
        let server = MCPServer.testing()
        server.addTool(Tool(
            name: "weather",
            inputSchema: ["type": "object", "properties": ["city": ["type": "string", "minLength": 1]], "required": ["city"]],
            outputSchema: weatherSchema
        )) { arguments, _ in
            if arguments["fail"] == true { return CallToolResult(content: [.text("no weather today")], isError: true) }
            return CallToolResult(content: [.text("weather")], structuredContent: arguments["reply"])
        }
        server.addTool(Tool(name: "free")) { arguments, _ in
            CallToolResult(content: [.text("free")], structuredContent: arguments["reply"])
        }
        server.addTool(Tool(name: "broken", outputSchema: ["type": 42])) { _, _ in
            CallToolResult(content: [.text("x")], structuredContent: ["anything": true])
        }
        return server
    }

    @Test("a result matching the output schema is returned; the tools were listed once, on first use")
    func validResult() async throws {
        try await TestConnection.withClient(to: Self.server()) { c in
            let reply: JSONValue = ["temperature": 21.5, "conditions": "sunny", "hourly": [["t": 20], ["t": 22]]]
            let result = try await c.client.callTool("weather", arguments: ["city": "Oslo", "reply": reply])
            #expect(result.structuredContent == reply)
            _ = try await c.client.callTool("weather", arguments: ["city": "Oslo", "reply": reply])
            #expect(c.transport.sentRequests("tools/list").count == 1)
        }
    }

    @Test("a result breaking the output schema throws, naming the path and the keyword")
    func invalidResult() async throws {
        try await TestConnection.withClient(to: Self.server()) { c in
            let reply: JSONValue = ["temperature": 21.5, "conditions": "sunny", "hourly": [["t": 20], ["t": "warm"]]]
            let violation = await #expect(throws: ToolSchemaViolation.self) {
                try await c.client.callTool("weather", arguments: ["city": "Oslo", "reply": reply])
            }
            #expect(violation?.side == .result)
            #expect(violation?.errors.first?.instanceLocation == "/hourly/1/t")
            #expect(violation?.errors.first?.keyword == "type")
            #expect(violation?.result?.structuredContent == reply)
            #expect(violation?.description.contains("/hourly/1/t") == true)

            let extra = await #expect(throws: ToolSchemaViolation.self) {
                try await c.client.callTool("weather", arguments: ["city": "Oslo", "reply": ["temperature": 1, "conditions": "rain", "wind": 3]])
            }
            #expect(extra?.errors.contains { $0.keyword == "additionalProperties" } == true)
            let missing = await #expect(throws: ToolSchemaViolation.self) {
                try await c.client.callTool("weather", arguments: ["city": "Oslo", "reply": ["temperature": 1]])
            }
            #expect(missing?.errors.contains { $0.keyword == "required" } == true)
        }
    }

    @Test("a declared output schema with no structured content is a violation; an error result is not checked")
    func missingAndErrorResults() async throws {
        try await TestConnection.withClient(to: Self.server()) { c in
            let violation = await #expect(throws: ToolSchemaViolation.self) {
                try await c.client.callTool("weather", arguments: ["city": "Oslo"])
            }
            #expect(violation?.errors.isEmpty == true)
            #expect(violation?.description.contains("no structured content") == true)
            let failed = try await c.client.callTool("weather", arguments: ["city": "Oslo", "fail": true])
            #expect(failed.isError == true)
            // No schema: anything goes; a schema that does not compile is not held against the call.
            #expect(try await c.client.callTool("free", arguments: ["reply": 5]).structuredContent == 5)
            #expect(try await c.client.callTool("broken").structuredContent?["anything"] == true)
        }
    }

    @Test("a list change replaces the schemas: the next call is checked against the new one")
    func listChangedRefreshes() async throws {
        let server = Self.server()
        // The client forgets its schemas before the user's handler hears of the change.
        let changes = Recorder<ListKind>()
        let handlers = ClientHandlers(onListChanged: { kind in changes.append(kind) })
        try await TestConnection.withClient(to: server, handlers: handlers) { c in
            _ = try await c.client.callTool("free", arguments: ["reply": 5])
            #expect(c.transport.sentRequests("tools/list").count == 1)
            // The server now declares an output schema for "free": the catalog must notice.
            server.addTool(Tool(name: "free", outputSchema: ["type": "object"])) { arguments, _ in
                CallToolResult(content: [.text("free")], structuredContent: arguments["reply"])
            }
            try await waitUntil { changes.values.contains(.tools) }
            await #expect(throws: ToolSchemaViolation.self) { try await c.client.callTool("free", arguments: ["reply": 5]) }
            #expect(c.transport.sentRequests("tools/list").count == 2)
        }
    }

    @Test("with argument checking on, bad arguments throw before anything is sent")
    func argumentValidation() async throws {
        var configuration = TestConnection.configuration
        configuration.validatesToolArguments = true
        try await TestConnection.withClient(to: Self.server(), configuration: configuration) { c in
            let violation = await #expect(throws: ToolSchemaViolation.self) {
                try await c.client.callTool("weather", arguments: ["city": ""])
            }
            #expect(violation?.side == .arguments)
            #expect(violation?.errors.first?.instanceLocation == "/city")
            #expect(violation?.errors.first?.keyword == "minLength")
            await #expect(throws: ToolSchemaViolation.self) { try await c.client.callTool("weather") }
            #expect(c.transport.sentRequests("tools/call").isEmpty)
        }
    }

    @Test("with output checking off, nothing is listed and nothing is checked")
    func checkingOff() async throws {
        var configuration = TestConnection.configuration
        configuration.validatesToolOutput = false
        try await TestConnection.withClient(to: Self.server(), configuration: configuration) { c in
            let result = try await c.client.callTool("weather", arguments: ["city": "Oslo", "reply": ["temperature": "hot"]])
            #expect(result.structuredContent?["temperature"] == "hot")
            #expect(c.transport.sentRequests("tools/list").isEmpty)
        }
    }

    @Test("typed calls: Encodable arguments in, a Decodable result out, checked on the way")
    func typedCall() async throws {
        struct Query: Encodable, Sendable {
            var city: String
            var reply: Weather
        }
        struct Weather: Codable, Sendable, Equatable {
            var temperature: Double
            var conditions: String
        }
        try await TestConnection.withClient(to: Self.server()) { c in
            let weather = Weather(temperature: 3.5, conditions: "rain")
            let answer = try await c.client.callTool("weather", arguments: Query(city: "Bergen", reply: weather), as: Weather.self)
            #expect(answer == weather)
            await #expect(throws: ToolSchemaViolation.self) {
                _ = try await c.client.callTool("weather", arguments: Query(city: "Bergen", reply: Weather(temperature: 1, conditions: "snow")), as: Weather.self)
            }
        }
    }
}
