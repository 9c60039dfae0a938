import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Completion")
struct CompletionTests {
    static func server(received: Recorder<CompleteRequestParams>) -> MCPServer {
        let server = MCPServer.testing()
        server.setCompletionHandler { params, _ in
            received.append(params)
            let candidates = ["alpha", "beta", "betamax", "gamma"]
            let matches = candidates.filter { $0.hasPrefix(params.argument.value) }
            return CompleteResult(completion: .init(values: matches, total: matches.count, hasMore: false))
        }
        return server
    }

    @Test("completing a prompt argument, with the other arguments as context")
    func promptReference() async throws {
        let received = Recorder<CompleteRequestParams>()
        try await TestConnection.withClient(to: Self.server(received: received)) { c in
            let result = try await c.client.complete(
                argument: "style",
                value: "bet",
                in: .prompt(named: "review"),
                context: ["language": "swift", "tone": "kind"]
            )
            #expect(result.completion.values == ["beta", "betamax"])
            #expect(result.completion.total == 2)
            #expect(result.completion.hasMore == false)
            let params = try #require(received.values.first)
            #expect(params.ref == .prompt(PromptReference(name: "review")))
            #expect(params.argument.name == "style")
            #expect(params.argument.value == "bet")
            #expect(params.context?.arguments == ["language": "swift", "tone": "kind"])
            let wire = try #require(c.transport.sentRequests("completion/complete").first?.params)
            #expect(wire["ref"] == ["type": "ref/prompt", "name": "review"])
        }
    }

    @Test("completing a resource template variable, without context")
    func resourceTemplateReference() async throws {
        let received = Recorder<CompleteRequestParams>()
        try await TestConnection.withClient(to: Self.server(received: received)) { c in
            let result = try await c.client.complete(argument: "dir", value: "g", in: .resourceTemplate("files://{dir}/{name}"))
            #expect(result.completion.values == ["gamma"])
            let params = try #require(received.values.first)
            #expect(params.ref == .resource(ResourceTemplateReference(uri: "files://{dir}/{name}")))
            #expect(params.context == nil)
            let wire = try #require(c.transport.sentRequests("completion/complete").first?.params)
            #expect(wire["ref"] == ["type": "ref/resource", "uri": "files://{dir}/{name}"])
            #expect(wire["context"] == nil)
        }
    }

    @Test("a server without completions answers method-not-found and does not declare the capability")
    func noCompletions() async throws {
        try await TestConnection.withClient(to: .testing()) { c in
            #expect(c.client.serverCapabilities?.completions == nil)
            let error = try await #require(throws: MCPError.self) {
                try await c.client.complete(argument: "x", value: "", in: .prompt(named: "p"))
            }
            #expect(error.code == .methodNotFound)
        }
    }
}
