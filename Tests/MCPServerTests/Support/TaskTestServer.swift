import MCPCore
import MCPServer
import Synchronization
import Testing

/// Holds handlers until a test lets them go.
final class Gate: Sendable {
    private struct State {
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.open { state.waiting.append(continuation) }
                return state.open
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// A server with tasks on and tools of every task kind, for the task tests of both eras.
struct TaskTestServer: Sendable {
    let server: MCPServer
    let counters = Counters()
    /// Holds `gated` until opened.
    let gate = Gate()

    static let optional = ToolExecution(taskSupport: .optional)
    static let failure = MCPError(code: -32042, message: "the tool refused", data: ["why": "testing"])

    init(
        pageSize: Int? = nil,
        settings: MCPServer.TaskSettings = MCPServer.TaskSettings(pollInterval: .milliseconds(250)),
        tasksOn: Bool = true
    ) {
        server = MCPServer(configuration: .init(
            serverInfo: Implementation(name: "task-server", version: "1.0"),
            pageSize: pageSize,
            tasks: tasksOn ? settings : nil
        ))
        let counters = self.counters
        let gate = self.gate
        let optional = Self.optional

        server.addTool(Tool(name: "echo", inputSchema: ["type": "object"], execution: optional)) { arguments, context in
            CallToolResult(content: [.text(arguments["text"]?.stringValue ?? "echo")], meta: ["task": context.taskID.map(JSONValue.string) ?? .null])
        }
        server.addTool(Tool(name: "gated", inputSchema: ["type": "object"], execution: optional)) { _, _ in
            await gate.wait()
            return CallToolResult(content: [.text("let through")])
        }
        server.addTool(Tool(name: "tool_error", inputSchema: ["type": "object"], execution: optional)) { _, _ in
            CallToolResult(content: [.text("bad input")], isError: true)
        }
        server.addTool(Tool(name: "protocol_error", inputSchema: ["type": "object"], execution: optional)) { _, _ in
            throw Self.failure
        }
        server.addTool(Tool(name: "must", inputSchema: ["type": "object"], execution: ToolExecution(taskSupport: .required))) { _, _ in
            CallToolResult(content: [.text("done as a task")])
        }
        server.addTool(Tool(name: "never", inputSchema: ["type": "object"], execution: ToolExecution(taskSupport: .forbidden))) { _, _ in
            CallToolResult(content: [.text("never a task")])
        }
        server.addTool(Tool(name: "plain", inputSchema: ["type": "object"])) { _, _ in
            CallToolResult(content: [.text("plain")])
        }
        // Waits until cancelled.
        server.addTool(Tool(name: "slow", inputSchema: ["type": "object"], execution: optional)) { _, _ in
            counters.count("slow")
            do {
                try await Task.sleep(for: .seconds(600))
            } catch {
                _ = counters.cancelled.withLock { $0.insert("slow") }
                throw error
            }
            return CallToolResult(content: [.text("finished")])
        }
        // Asks the user's name.
        server.addTool(Tool(name: "ask", inputSchema: ["type": "object"], execution: optional)) { _, context in
            let answer = try await context.elicit(TestServer.elicitationQuestion)
            return CallToolResult(content: [.text("Hello \(answer.content?["name"]?.stringValue ?? answer.action.rawValue)")])
        }
        // Asks twice, one question after the other.
        server.addTool(Tool(name: "ask_twice", inputSchema: ["type": "object"], execution: optional)) { _, context in
            let first = try await context.elicit(TestServer.elicitationQuestion)
            let second = try await context.elicit(TestServer.elicitationQuestion)
            let names = [first, second].map { $0.content?["name"]?.stringValue ?? "?" }
            return CallToolResult(content: [.text(names.joined(separator: "+"))])
        }
        // Two questions at once.
        server.addTool(Tool(name: "ask_both", inputSchema: ["type": "object"], execution: optional)) { _, context in
            async let colour = context.createMessage(TestServer.samplingQuestion)
            async let roots = context.listRoots()
            let (reply, list) = try await (colour, roots)
            return CallToolResult(content: [.text("\(reply.content.text) \(list.count)")])
        }
        // Logs and reports progress.
        server.addTool(Tool(name: "chatty", inputSchema: ["type": "object"], execution: optional)) { _, context in
            await context.log(.warning, "watch out", logger: "chatty")
            await context.reportProgress(1, total: 1, message: "done")
            return CallToolResult(content: [.text("said things")])
        }
    }

    func wasCancelled(_ name: String) -> Bool { counters.cancelled.withLock { $0.contains(name) } }
}

/// The `_meta` key of the extension's client capabilities.
let tasksCapabilities: JSONObject = ["extensions": [TasksExtension.identifier: [:]]]

/// Checks a result or notification parameters of 2025-11-25 against the official schema.
func expectValid2025(_ value: JSONObject, _ definition: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try SpecSchema.expectValid(.object(value), definition, version: "2025-11-25", sourceLocation: sourceLocation)
}

/// Checks a whole 2025-11-25 notification message.
func expectValid2025(notification: JSONRPCNotification, _ definition: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try SpecSchema.expectValid(JSONRPCMessage.notification(notification).jsonValue, definition, version: "2025-11-25", sourceLocation: sourceLocation)
}

/// Polls `tasks/get` (with `params` around the id) until the task's status is `status`.
func poll(
    _ peer: WirePeer,
    _ taskID: String,
    until status: String,
    wrap: (JSONObject) -> JSONObject = { $0 },
    timeout: Duration = .seconds(30)
) async throws -> JSONObject {
    let deadline = ContinuousClock.now + timeout
    var last: JSONObject = [:]
    while ContinuousClock.now < deadline {
        last = try await peer.request("tasks/get", wrap(["taskId": .string(taskID)]))
        if last["status"]?.stringValue == status { return last }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("task \(taskID) did not reach \(status); last: \(JSONValue.object(last).jsonString())")
    return last
}

/// Waits for the server's request of `method`.
func awaitServerRequest(_ peer: WirePeer, _ method: String, count: Int = 1) async throws -> [JSONRPCRequest] {
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
        let found = peer.messages.compactMap { message -> JSONRPCRequest? in
            guard case .request(let request) = message, request.method == method else { return nil }
            return request
        }
        if found.count >= count { return found }
        try await Task.sleep(for: .milliseconds(5))
    }
    throw WirePeer.Timeout(what: "\(count) × \(method) from the server")
}
