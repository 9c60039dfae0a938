import MCPClient
import MCPCore
import MCPStdio
import Synchronization
import Testing

/// Tasks against servers this project did not write: FastMCP 4.1.2's `io.modelcontextprotocol/tasks`
/// extension (2026-07-28) and the experimental tasks of PyPI `mcp` 1.30.0 (2025-11-25), both
/// over stdio. The same client API drives both.
@Suite("Tasks against real servers")
struct TasksInteropTests {
    static let answeringName = ClientHandlers(elicitation: { _, _ in
        ElicitResult(action: .accept, content: ["name": "Ada"])
    })

    static func fastMCP() throws -> StdioServerParameters {
        StdioServerParameters(
            command: try Paths.fastMCPPython(),
            arguments: ["-B", Paths.fixtures + "/python-fastmcp/tasks_server.py"],
            stderr: .discard
        )
    }

    static func mcp130() throws -> StdioServerParameters {
        StdioServerParameters(
            command: try Paths.legacyOnlyPython(),
            arguments: ["-B", "-W", "ignore::DeprecationWarning", Paths.fixtures + "/python-ws/tasks_stdio_server.py"],
            stderr: .discard
        )
    }

    static func configuration(_ mode: ProtocolMode) -> Client.Configuration {
        var configuration = testConfiguration(timeout: .seconds(60))
        configuration.protocolMode = mode
        configuration.eraCache = nil
        return configuration
    }

    // MARK: The tasks extension (FastMCP)

    @Test("FastMCP: callTool follows a task to its structured result without the caller noticing")
    func extensionTransparentCall() async throws {
        try await withStdioClient(Self.fastMCP(), configuration: Self.configuration(.automatic)) { client, _ in
            #expect(client.isStateless)
            #expect(client.serverCapabilities?.extensions?[TasksExtension.identifier] != nil)
            let result = try await client.callTool("slow_add", arguments: ["a": 2, "b": 3, "delay": 0.2])
            #expect(result.isError != true)
            #expect(result.structuredContent == ["result": 5])
            // An ordinary tool stays ordinary.
            #expect(try await client.callTool("double", arguments: ["x": 21]).structuredContent == ["result": 42])
        }
    }

    @Test("FastMCP: startTool hands the task over; its updates end completed with the result inline")
    func extensionExplicitTask() async throws {
        try await withStdioClient(Self.fastMCP(), configuration: Self.configuration(.automatic)) { client, _ in
            let invocation = try await client.startTool("slow_add", arguments: ["a": 1, "b": 2, "delay": 0.5])
            let task = try #require(invocation.task)
            #expect(task.created?.status == .working)
            #expect(task.created?.wireStyle == .tasksExtension)
            #expect(task.created?.pollInterval == 100)
            var statuses: [TaskStatus] = []
            for try await state in task.updates() { statuses.append(state.status) }
            #expect(statuses.first == .working)
            #expect(statuses.last == .completed)
            let final = try await task.status()
            #expect(final.status == .completed)
            #expect(final.result?["structuredContent"] == ["result": 3])
            #expect(try await task.result().structuredContent == ["result": 3])
            // A handle made from the id alone (a later run of a program, say) sees the same task.
            let again = try client.task(id: task.id, toolName: "slow_add")
            #expect(try await again.result().structuredContent == ["result": 3])
            // A tool that is never a task completes at once.
            guard case .completed(let doubled) = try await client.startTool("double", arguments: ["x": 4]) else {
                Issue.record("double became a task")
                return
            }
            #expect(doubled.structuredContent == ["result": 8])
        }
    }

    @Test("FastMCP: a task that needs input is answered once through the elicitation handler and tasks/update")
    func extensionInputRequired() async throws {
        let asked = Mutex(0)
        let handlers = ClientHandlers(elicitation: { params, context in
            asked.withLock { $0 += 1 }
            #expect(context.inputKey != nil)
            guard case .form(let form) = params else { return ElicitResult(action: .decline) }
            #expect(form.message == "Your name?")
            return ElicitResult(action: .accept, content: ["name": "Ada"])
        })
        try await withStdioClient(Self.fastMCP(), configuration: Self.configuration(.automatic), handlers: handlers) { client, _ in
            let result = try await client.callTool("greet")
            #expect(result.text == "Hello, Ada!")
            #expect(asked.withLock { $0 } == 1)
        }
    }

    @Test("FastMCP: a failing task completes with an error result; a cancelled one ends in taskCancelled")
    func extensionFailureAndCancellation() async throws {
        try await withStdioClient(Self.fastMCP(), configuration: Self.configuration(.automatic)) { client, _ in
            let failed = try await client.callTool("explode")
            #expect(failed.isError == true)
            #expect(failed.text.contains("boom"))

            let task = try #require(try await client.startTool("slow_add", arguments: ["a": 1, "b": 1, "delay": 30]).task)
            #expect(try await task.cancel() == nil)
            #expect(try await waitUntil(timeout: .seconds(20), interval: .milliseconds(100)) { try await task.status().status == .cancelled })
            await #expect(throws: ClientError.self) { _ = try await task.result() }
            do {
                _ = try await task.result()
            } catch let error as ClientError {
                #expect(error.code == .taskCancelled)
            }
        }
    }

    // MARK: 2025-11-25 experimental tasks (mcp 1.30.0)

    @Test("mcp 1.30.0: a tool that requires a task is called as one, its elicitation answered through tasks/result")
    func experimentalRequiredTool() async throws {
        let asked = Mutex<[JSONObject?]>([])
        let handlers = ClientHandlers(elicitation: { params, context in
            asked.withLock { $0.append(context.meta) }
            return ElicitResult(action: .accept, content: ["name": "Ada"])
        })
        try await withStdioClient(Self.mcp130(), configuration: Self.configuration(.legacy), handlers: handlers) { client, _ in
            #expect(client.protocolVersion == .v2025_11_25)
            #expect(client.serverCapabilities?.tasks?.requests?.tools?.call != nil)
            let result = try await client.callTool("greet")
            #expect(result.text == "Hello, Ada!")
            let metas = asked.withLock { $0 }
            #expect(metas.count == 1)
            // The question came tied to its task.
            #expect(RelatedTaskMetadata(fromMeta: metas.first ?? nil) != nil)
        }
    }

    @Test("mcp 1.30.0: startTool, updates, tasks/list, failure and cancellation")
    func experimentalExplicitTask() async throws {
        try await withStdioClient(Self.mcp130(), configuration: Self.configuration(.legacy), handlers: Self.answeringName) { client, _ in
            // An optional tool is an ordinary call unless started as a task.
            #expect(try await client.callTool("slow_add", arguments: ["a": 1, "b": 2]).text == "3")
            let task = try #require(try await client.startTool("slow_add", arguments: ["a": 2, "b": 2, "delay": 0.4]).task)
            #expect(task.created?.wireStyle == .experimental)
            #expect(task.created?.pollInterval == 500)
            var states: [MCPTask] = []
            for try await state in task.updates() { states.append(state) }
            #expect(states.last?.status == .completed)
            #expect(try await task.result().text == "4")

            guard case .completed(let doubled) = try await client.startTool("double", arguments: ["x": 5]) else {
                Issue.record("a tool without task support became a task")
                return
            }
            #expect(doubled.text == "10")

            do {
                _ = try await client.callTool("fail")
                Issue.record("a failed task returned a result")
            } catch let error as MCPError {
                #expect(error.message.contains("the task broke"))
            }

            let listed = try await client.listAllTasks()
            #expect(listed.contains { $0.taskID == task.id && $0.status == .completed })

            // Last: this server cannot survive a cancelled task finishing later.
            let long = try #require(try await client.startTool("slow_add", arguments: ["a": 1, "b": 1, "delay": 30]).task)
            let cancelled = try await long.cancel()
            #expect(cancelled?.status == .cancelled)
            await #expect(throws: ClientError.self) { _ = try await long.result() }
        }
    }
}
