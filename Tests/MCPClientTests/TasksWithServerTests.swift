import MCPClient
import MCPCore
import MCPServer
import Synchronization
import Testing

/// The client's task API against the in-process server, in both eras: the
/// `io.modelcontextprotocol/tasks` extension (2026-07-28) and the experimental tasks of
/// 2025-11-25. One code path on the client side serves both.
@Suite("Tasks with MCPServer")
struct TasksWithServerTests {
    /// A server whose tools run as tasks: `add` (optional, slow), `greet` (required, asks for a
    /// name), `fail` (optional, throws a JSON-RPC error), `refuse` (optional, an isError result).
    static func server(gate: Gate? = nil) -> MCPServer {
        var configuration = MCPServer.Configuration(serverInfo: Implementation(name: "tasks", version: "1"))
        configuration.tasks = MCPServer.TaskSettings(pollInterval: .milliseconds(20))
        let server = MCPServer(configuration: configuration)
        let optional = ToolExecution(taskSupport: .optional)
        server.addTool(Tool(name: "add", execution: optional)) { arguments, context in
            context.setTaskStatusMessage("adding")
            await gate?.wait()
            let sum = (arguments["a"]?.intValue ?? 0) + (arguments["b"]?.intValue ?? 0)
            return CallToolResult(content: [.text("\(sum)")])
        }
        server.addTool(Tool(name: "greet", execution: ToolExecution(taskSupport: .required))) { _, context in
            let answer = try await context.elicit(.form(ElicitRequestFormParams(
                message: "Your name?",
                requestedSchema: ElicitationSchema(properties: [.init(name: "name", schema: .string(StringSchema()))], required: ["name"])
            )))
            return CallToolResult(content: [.text("Hello, \(answer.content?["name"]?.stringValue ?? "nobody")!")])
        }
        server.addTool(Tool(name: "fail", execution: optional)) { _, _ in
            throw MCPError.invalidParams("no such thing")
        }
        server.addTool(Tool(name: "refuse", execution: optional)) { _, _ in
            CallToolResult(content: [.text("refused")], isError: true)
        }
        return server
    }

    static let answeringName = ClientHandlers(elicitation: { _, _ in .accept(["name": "Ada"]) })

    static func configuration(_ mode: ProtocolMode) -> Client.Configuration {
        var configuration = TestConnection.configuration
        configuration.protocolMode = mode
        configuration.eraCache = nil
        return configuration
    }

    /// Holds a tool's handler until the test opens it.
    final class Gate: Sendable {
        private let opened = Mutex<(Bool, [CheckedContinuation<Void, Never>])>((false, []))
        func wait() async {
            await withCheckedContinuation { continuation in
                let now = opened.withLock { state -> Bool in
                    if state.0 { return true }
                    state.1.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        }
        func open() {
            let waiters = opened.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.0 = true
                defer { state.1 = [] }
                return state.1
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    static let eras: [ProtocolMode] = [.pinned(.v2026_07_28), .pinned(.v2025_11_25)]

    @Test("callTool follows tasks transparently, questions answered through the handlers", arguments: eras)
    func transparent(mode: ProtocolMode) async throws {
        try await TestConnection.withClient(to: Self.server(), configuration: Self.configuration(mode), handlers: Self.answeringName) { c in
            // Optional tools: the stateless server decides (it makes a task); a handshake-era
            // client calls them plainly.
            #expect(try await c.client.callTool("add", arguments: ["a": 2, "b": 3]).text == "5")
            // Required: a task either way, with a question on the way.
            #expect(try await c.client.callTool("greet").text == "Hello, Ada!")
            await #expect(throws: MCPError.self) { _ = try await c.client.callTool("fail") }
            let refused = try await c.client.callTool("refuse")
            #expect(refused.isError == true)
            #expect(refused.text == "refused")
        }
    }

    @Test("startTool, updates, status and the result of a task, in either era", arguments: eras)
    func explicit(mode: ProtocolMode) async throws {
        let gate = Gate()
        try await TestConnection.withClient(to: Self.server(gate: gate), configuration: Self.configuration(mode)) { c in
            let task = try #require(try await c.client.startTool("add", arguments: ["a": 20, "b": 22]).task)
            #expect(task.created?.status == .working)
            #expect(try await task.status().status == .working)
            let states = Recorder<MCPTask>()
            let watcher = Task { for try await state in task.updates() { states.append(state) } }
            // The handler's own word on what it is doing reaches the client.
            try await states.wait { $0.contains { $0.statusMessage == "adding" } }
            gate.open()
            try await watcher.value
            #expect(states.values.first?.status == .working)
            #expect(states.values.last?.status == .completed)
            #expect(try await task.result().text == "42")
            // The same task through a handle made from its id.
            #expect(try await c.client.task(id: task.id).result().text == "42")
            // A tool result with isError (a failed task in 2025-11-25, a completed one in the
            // extension) comes back as that result.
            let refusal = try await c.client.startTool("refuse").result()
            #expect(refusal.isError == true)
            #expect(refusal.text == "refused")
        }
    }

    @Test("a cancelled task ends the wait for its result with taskCancelled", arguments: eras)
    func cancellation(mode: ProtocolMode) async throws {
        let gate = Gate()
        try await TestConnection.withClient(to: Self.server(gate: gate), configuration: Self.configuration(mode)) { c in
            let task = try #require(try await c.client.startTool("add", arguments: ["a": 1, "b": 1]).task)
            let waiting = Task { try await task.result() }
            try await task.cancel()
            do {
                _ = try await waiting.value
                Issue.record("a cancelled task produced a result")
            } catch let error as ClientError {
                #expect(error.code == .taskCancelled)
            }
            #expect(try await task.status().status == .cancelled)
            gate.open()
        }
    }

    @Test("stateless: a subscription naming a task reports its states as they change")
    func subscriptionReportsTaskStates() async throws {
        let gate = Gate()
        try await TestConnection.withClient(to: Self.server(gate: gate), configuration: Self.configuration(.pinned(.v2026_07_28))) { c in
            let task = try #require(try await c.client.startTool("add", arguments: ["a": 1, "b": 2]).task)
            let subscription = try await c.client.subscribe(SubscriptionFilter(taskIDs: [task.id]))
            #expect(subscription.acknowledged.taskIDs == [task.id])
            gate.open()
            var final: MCPTask?
            for try await event in subscription {
                guard case .taskStatus(let state) = event, state.status.isTerminal else { continue }
                final = state
                break
            }
            await subscription.cancel()
            #expect(final?.status == .completed)
            #expect(final?.result?["content"]?[0]?["text"] == "3")
        }
    }

    @Test("2025-11-25: the server's tasks are listed")
    func listing() async throws {
        try await TestConnection.withClient(to: Self.server(), configuration: Self.configuration(.pinned(.v2025_11_25)), handlers: Self.answeringName) { c in
            _ = try await c.client.callTool("greet")
            let tasks = try await c.client.listAllTasks()
            #expect(tasks.count == 1)
            #expect(tasks.first?.status == .completed)
        }
        _ = try await TestConnection.withClient(to: Self.server(), configuration: Self.configuration(.pinned(.v2026_07_28))) { c in
            // The extension has no listing.
            await #expect(throws: ClientError.self) { _ = try await c.client.listAllTasks() }
        }
    }
}
