import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Logging")
struct LoggingTests {
    @Test("setLoggingLevel makes the server drop lower levels; the rest reach onLogMessage in order")
    func levelFiltering() async throws {
        let messages = Recorder<LoggingMessageNotificationParams>()
        let handlers = ClientHandlers(onLogMessage: { messages.append($0) })
        let server = MCPServer.testing()
        try await TestConnection.withClient(to: server, handlers: handlers) { c in
            try await c.client.setLoggingLevel(.warning)
            #expect(c.transport.sentRequests("logging/setLevel").first?.params == ["level": "warning"])
            for level in LoggingLevel.allKnown {
                await server.log(level, .string("at \(level)"), logger: "test")
            }
            // The server sends in order: once the last arrived, everything sent before it has too.
            try await messages.wait { $0.last?.level == .emergency }
            #expect(messages.values.map(\.level) == [.warning, .error, .critical, .alert, .emergency])
            #expect(messages.values.first?.data == "at warning")
            #expect(messages.values.allSatisfy { $0.logger == "test" })
        }
    }

    @Test("without a level every message arrives; a tool's own log is filtered the same way")
    func defaultAndToolLogging() async throws {
        let messages = Recorder<LoggingMessageNotificationParams>()
        let handlers = ClientHandlers(onLogMessage: { messages.append($0) })
        let server = MCPServer.testing()
        server.addTool(Tool(name: "chatty")) { _, context in
            await context.log(.debug, ["step": 1], logger: "chatty")
            await context.log(.error, ["step": 2], logger: "chatty")
            return CallToolResult()
        }
        try await TestConnection.withClient(to: server, handlers: handlers) { c in
            _ = try await c.client.callTool("chatty")
            try await messages.wait(forCount: 2)
            #expect(messages.values.map(\.level) == [.debug, .error])

            try await c.client.setLoggingLevel(.info)
            _ = try await c.client.callTool("chatty")
            try await messages.wait(forCount: 3)
            #expect(messages.values.dropFirst(2).map(\.data) == [["step": 2]])
        }
    }
}
