import MCPClient
import MCPCore
import MCPDemo
import MCPServer
import Testing

@Suite("Demo server")
struct DemoTests {
    @Test("the demo server works through Client: tools, resources, prompts and completion")
    func demo() async throws {
        let logs = Recorder<LoggingMessageNotificationParams>()
        try await TestConnection.withClient(to: DemoServer.make(pageSize: 2), handlers: ClientHandlers(onLogMessage: { logs.append($0) })) { c in
            #expect(c.client.serverInfo?.name == "swift-mcp-demo")
            #expect(c.client.instructions?.contains("echo") == true)

            let tools = try await c.client.listAllTools()
            #expect(Set(["echo", "add", "countdown", "fail"]).isSubset(of: Set(tools.map(\.name))))
            #expect(c.transport.sentRequests("tools/list").count >= 2)
            #expect(tools.first { $0.name == "add" }?.outputSchema != nil)

            #expect(try await c.client.callTool("echo", arguments: ["text": "hello, MCP"]).text == "hello, MCP")

            let sum = try await c.client.callTool("add", arguments: DemoServer.AddInput(a: 19.5, b: 22.5), as: DemoServer.AddOutput.self)
            #expect(sum.sum == 42)

            var steps: [ProgressUpdate] = []
            var final: CallToolResult?
            for try await update in try c.client.callToolWithProgress("countdown", arguments: ["n": 3, "delayMilliseconds": 1]) {
                switch update {
                case .progress(let progress): steps.append(progress)
                case .result(let result): final = result
                }
            }
            #expect(steps.map(\.progress) == [1, 2, 3])
            #expect(steps.map(\.total) == [3, 3, 3])
            #expect(steps.last?.message == "0 to go")
            #expect(final?.text == "Liftoff after 3 steps")
            try await logs.wait { $0.contains { $0.data == "countdown from 3 finished" } }

            let failed = try await c.client.callTool("fail")
            #expect(failed.isError == true)
            let toolError = try #require(throws: ToolError.self) { try failed.throwingIfError(toolName: "fail") }
            #expect(toolError.message == "This tool always fails.")

            let readme = try await c.client.readResource("demo://readme")
            #expect(readme.contents.first?.mimeType == "text/markdown")
            #expect(readme.text.hasPrefix("# Swift MCP demo"))
            #expect(try await c.client.listAllResources().map(\.uri).contains("demo://readme"))

            #expect(try await c.client.listAllResourceTemplates().map(\.uriTemplate).contains("demo://greeting/{name}"))
            #expect(try await c.client.readResource("demo://greeting/Ada").text == "Hello, Ada!")

            let prompt = try await c.client.getPrompt("summarize", arguments: ["text": "A long story."])
            #expect(prompt.messages.first?.role == .user)
            #expect(prompt.messages.first?.content.text == "Summarize in one sentence:\n\nA long story.")
            #expect(try await c.client.listAllPrompts().map(\.name).contains("summarize"))

            let completion = try await c.client.complete(argument: "style", value: "b", in: .prompt(named: "summarize"))
            #expect(completion.completion.values == ["brief", "bullet points"])
            #expect(completion.completion.hasMore == false)
        }
    }
}
