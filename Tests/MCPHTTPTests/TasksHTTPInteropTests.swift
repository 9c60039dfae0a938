import MCPClient
import MCPCore
import MCPHTTP
import Testing

/// Tasks over Streamable HTTP against FastMCP 4.1.2's `io.modelcontextprotocol/tasks` extension:
/// the server checks that each `tasks/*` request names its task in `Mcp-Name`.
@Suite("Tasks over Streamable HTTP against FastMCP")
struct TasksHTTPInteropTests {
    @Test("a task is followed over HTTP, and a second client picks it up by its id")
    func followAndReattach() async throws {
        let server = try await PythonHTTPServer(script: "fastmcp_tasks_http.py")
        defer { server.stop() }
        let client = Client(handlers: ClientHandlers(elicitation: { _, _ in .accept(["name": "Ada"]) }))
        try await client.connect(try StreamableHTTPTransport(url: server.mcpURL))
        #expect(client.isStateless)
        #expect(try await client.callTool("slow_add", arguments: ["a": 2, "b": 2, "delay": 0.2]).structuredContent == ["result": 4])
        #expect(try await client.callTool("greet").text == "Hello, Ada!")
        let task = try #require(try await client.startTool("slow_add", arguments: ["a": 5, "b": 6, "delay": 0.5]).task)
        await client.close()

        // Another connection (another program, say) comes back to the task by its id.
        let later = Client()
        try await later.connect(try StreamableHTTPTransport(url: server.mcpURL))
        #expect(try await later.task(id: task.id, toolName: "slow_add").result().structuredContent == ["result": 11])
        await later.close()
    }
}
