import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Prompts")
struct PromptsTests {
    static func server(received: Recorder<[String: String]>) -> MCPServer {
        let server = MCPServer.testing()
        server.addPrompt(
            Prompt(
                name: "review",
                title: "Code review",
                description: "Reviews code",
                arguments: [
                    PromptArgument(name: "code", description: "The code", required: true),
                    PromptArgument(name: "style", required: false),
                ]
            )
        ) { arguments, _ in
            received.append(arguments)
            return GetPromptResult(
                description: "Review in \(arguments["style"] ?? "any") style",
                messages: [
                    PromptMessage(role: .user, content: .text("Please review:\n\(arguments["code"] ?? "")")),
                    PromptMessage(role: .assistant, content: .text("Sure.")),
                ]
            )
        }
        return server
    }

    @Test("getPrompt sends the arguments and returns the filled-in messages")
    func getPrompt() async throws {
        let received = Recorder<[String: String]>()
        try await TestConnection.withClient(to: Self.server(received: received)) { c in
            let result = try await c.client.getPrompt("review", arguments: ["code": "let x = 1", "style": "terse"])
            #expect(received.values == [["code": "let x = 1", "style": "terse"]])
            #expect(result.description == "Review in terse style")
            #expect(result.messages.map(\.role) == [.user, .assistant])
            #expect(result.messages.first?.content.text == "Please review:\nlet x = 1")

            _ = try await c.client.getPrompt("review")
            #expect(received.values.last == [:])
            #expect(c.transport.sentRequests("prompts/get").last?.params?["arguments"] == nil)
        }
    }

    @Test("the prompt list carries titles and argument definitions")
    func listPrompts() async throws {
        try await TestConnection.withClient(to: Self.server(received: Recorder())) { c in
            let prompts = try await c.client.listAllPrompts()
            let prompt = try #require(prompts.first)
            #expect(prompts.count == 1)
            #expect(prompt.displayName == "Code review")
            #expect(prompt.arguments?.map(\.name) == ["code", "style"])
            #expect(prompt.arguments?.map(\.required) == [true, false])
        }
    }

    @Test("an unknown prompt is the server's invalid-params error")
    func unknownPrompt() async throws {
        try await TestConnection.withClient(to: Self.server(received: Recorder())) { c in
            let error = try await #require(throws: MCPError.self) { try await c.client.getPrompt("nope") }
            #expect(error.code == .invalidParams)
        }
    }
}
