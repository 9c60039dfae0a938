import MCPCore
import MCPServer
import Testing

/// The experimental tasks of 2025-11-25 on handshake sessions, at the JSON-RPC level: every
/// task result and notification checked against the official 2025-11-25 schema.
@Suite("Tasks (2025-11-25)")
struct HandshakeTasksTests {
    /// Opens a 2025-11-25 session that can answer elicitation.
    static func open(_ peer: WirePeer, version: String = "2025-11-25") async throws -> JSONObject {
        var params = initializeParams
        params["protocolVersion"] = .string(version)
        params["capabilities"] = ["elicitation": [:], "sampling": [:], "roots": [:]]
        let result = try await peer.request("initialize", params)
        try await peer.notify("notifications/initialized")
        return result
    }

    /// Calls `tool` as a task and returns the created task, checked against the schema.
    static func startTask(_ peer: WirePeer, _ tool: String, ttl: Int? = 60_000, arguments: JSONObject = [:]) async throws -> JSONObject {
        var task: JSONObject = [:]
        if let ttl { task["ttl"] = .int(ttl) }
        let result = try await peer.request("tools/call", ["name": .string(tool), "arguments": .object(arguments), "task": .object(task)])
        try expectValid2025(result, "CreateTaskResult")
        return try #require(result["task"]?.objectValue)
    }

    static func id(_ task: JSONObject) throws -> String {
        try #require(task["taskId"]?.stringValue)
    }

    @Test("2025-11-25 sessions declare tasks and list tools with execution; earlier ones do neither")
    func capabilities() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let initialized = try await Self.open(peer)
            try expectValid2025(initialized, "InitializeResult")
            #expect(initialized["capabilities"]?["tasks"] == ["list": [:], "cancel": [:], "requests": ["tools": ["call": [:]]]])
            let tools = try await peer.request("tools/list")
            try expectValid2025(tools, "ListToolsResult")
            let must = tools["tools"]?.arrayValue?.first { $0["name"] == "must" }
            #expect(must?["execution"] == ["taskSupport": "required"])
        }
        try await WirePeer.with(test.server) { peer in
            let initialized = try await Self.open(peer, version: "2025-06-18")
            #expect(initialized["capabilities"]?["tasks"] == nil)
            let tools = try await peer.request("tools/list")
            #expect(tools["tools"]?.arrayValue?.allSatisfy { $0["execution"] == nil } == true)
            // No tasks at this version: the task parameter is ignored, even a required tool runs.
            let echo = try await peer.request("tools/call", ["name": "echo", "task": ["ttl": 1000]])
            #expect(echo["content"] == [["type": "text", "text": "echo"]])
            let must = try await peer.request("tools/call", ["name": "must"])
            #expect(must["content"] == [["type": "text", "text": "done as a task"]])
            #expect(try await peer.failingRequest("tasks/list").code == .methodNotFound)
        }
    }

    @Test("a task is created at once, polled to completion, and its result fetched with the task named")
    func lifecycle() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let task = try await Self.startTask(peer, "gated")
            let id = try Self.id(task)
            #expect(task["status"] == "working")
            #expect(task["ttl"] == 60_000)
            #expect(task["pollInterval"] == 250)
            #expect(id.count == 32, "128 random bits")
            #expect(task["createdAt"]?.stringValue?.hasSuffix("Z") == true)

            let working = try await peer.request("tasks/get", ["taskId": .string(id)])
            try expectValid2025(working, "GetTaskResult")
            #expect(working["status"] == "working")
            #expect(working["result"] == nil && working["_meta"] == nil)

            // tasks/result blocks until the task ends.
            let fetch = try await peer.send("tasks/result", ["taskId": .string(id)])
            try await peer.settle()
            #expect(peer.response(to: fetch) == nil)
            test.gate.open()
            let payload = try await peer.result(of: fetch)
            try expectValid2025(payload, "CallToolResult")
            try expectValid2025(payload, "GetTaskPayloadResult")
            #expect(payload["content"] == [["type": "text", "text": "let through"]])
            #expect(payload["_meta"]?[MetaKeys.relatedTask] == ["taskId": .string(id)])

            let done = try await poll(peer, id, until: "completed")
            try expectValid2025(done, "GetTaskResult")
            #expect(done["createdAt"] == task["createdAt"])
            // Asked again, the result is the same.
            #expect(try await peer.request("tasks/result", ["taskId": .string(id)]) == payload)
        }
    }

    @Test("the handler knows its task; the requested ttl is bounded by the settings")
    func ttlAndContext() async throws {
        let test = TaskTestServer(settings: .init(pollInterval: .seconds(1), ttl: .seconds(10)))
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let long = try await Self.startTask(peer, "echo", ttl: 99_000_000)
            #expect(long["ttl"] == 10_000)
            #expect(long["pollInterval"] == 1000)
            let unspecified = try await Self.startTask(peer, "echo", ttl: nil)
            #expect(unspecified["ttl"] == 10_000)
            let short = try await Self.startTask(peer, "echo", ttl: 5000)
            #expect(short["ttl"] == 5000)
            let payload = try await peer.request("tasks/result", ["taskId": .string(try Self.id(short))])
            #expect(payload["_meta"]?["task"] == .string(try Self.id(short)))
        }
        // Unlimited in the settings: the request's ttl stands, and none means null.
        let unlimited = TaskTestServer(settings: .init(ttl: nil))
        try await WirePeer.with(unlimited.server) { peer in
            _ = try await Self.open(peer)
            #expect(try await Self.startTask(peer, "echo", ttl: nil)["ttl"] == .null)
            #expect(try await Self.startTask(peer, "echo", ttl: 123_456)["ttl"] == 123_456)
        }
    }

    @Test("a tool error fails the task (2025-11-25 counts isError as failed) and tasks/result returns the result; a protocol error fails it and tasks/result returns the error")
    func outcomes() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let toolError = try Self.id(try await Self.startTask(peer, "tool_error"))
            _ = try await poll(peer, toolError, until: "failed")
            let payload = try await peer.request("tasks/result", ["taskId": .string(toolError)])
            try expectValid2025(payload, "CallToolResult")
            #expect(payload["isError"] == true)

            let failing = try Self.id(try await Self.startTask(peer, "protocol_error"))
            let failed = try await poll(peer, failing, until: "failed")
            try expectValid2025(failed, "GetTaskResult")
            #expect(failed["statusMessage"] == "the tool refused")
            #expect(failed["error"] == nil, "2025-11-25 tasks do not carry the error inline")
            let id = try await peer.send("tasks/result", ["taskId": .string(failing)])
            let message = try await peer.awaitResponse(to: id)
            try SpecSchema.expectValid(message.jsonValue, "JSONRPCErrorResponse", version: "2025-11-25")
            let error = try await peer.error(of: id)
            #expect(error == TaskTestServer.failure)
        }
    }

    @Test("tasks/cancel cancels the handler and answers the cancelled task; ended tasks are -32602")
    func cancel() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let id = try Self.id(try await Self.startTask(peer, "slow"))
            let waiting = try await peer.send("tasks/result", ["taskId": .string(id)])
            let cancelled = try await peer.request("tasks/cancel", ["taskId": .string(id)])
            try expectValid2025(cancelled, "CancelTaskResult")
            #expect(cancelled["status"] == "cancelled")
            #expect(cancelled["taskId"] == .string(id))
            #expect(try await peer.request("tasks/get", ["taskId": .string(id)])["status"] == "cancelled")
            #expect(try await peer.error(of: waiting).code == .invalidParams)
            try await waitUntil { test.wasCancelled("slow") }

            #expect(try await peer.failingRequest("tasks/cancel", ["taskId": .string(id)]).code == .invalidParams)
            let done = try Self.id(try await Self.startTask(peer, "echo"))
            _ = try await poll(peer, done, until: "completed")
            let error = try await peer.failingRequest("tasks/cancel", ["taskId": .string(done)])
            #expect(error.code == .invalidParams)
            #expect(error.message.contains("completed"))
        }
    }

    @Test("a question inside a task is a request tagged with the task, which waits as input_required")
    func inputRequired() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let id = try Self.id(try await Self.startTask(peer, "ask"))
            let question = try #require(try await awaitServerRequest(peer, "elicitation/create").first)
            #expect(question.params?["_meta"]?[MetaKeys.relatedTask] == ["taskId": .string(id)])
            try SpecSchema.expectValid(JSONRPCMessage.request(question).jsonValue, "ElicitRequest", version: "2025-11-25")
            let waiting = try await poll(peer, id, until: "input_required")
            try expectValid2025(waiting, "GetTaskResult")
            try await peer.reply(to: question.id, ["action": "accept", "content": ["name": "Ada"]])
            _ = try await poll(peer, id, until: "completed")
            let payload = try await peer.request("tasks/result", ["taskId": .string(id)])
            #expect(payload["content"] == [["type": "text", "text": "Hello Ada"]])

            // Each change was announced to the session, in order, without the related-task tag.
            let statuses = try await peer.awaitNotifications("notifications/tasks/status", count: 3)
            for notification in statuses {
                try expectValid2025(notification: notification, "TaskStatusNotification")
                #expect(notification.params?["taskId"] == .string(id))
                #expect(notification.params?["_meta"] == nil)
            }
            #expect(statuses.compactMap { $0.params?["status"]?.stringValue } == ["input_required", "working", "completed"])
        }
    }

    @Test("progress and log messages of a task name the task")
    func notificationsNameTheTask() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let result = try await peer.request("tools/call", ["name": "chatty", "task": [:], "_meta": ["progressToken": "p1"]])
            let id = try #require(result["task"]?["taskId"])
            let progress = try #require(try await peer.awaitNotifications("notifications/progress").first)
            #expect(progress.params?["progressToken"] == "p1")
            #expect(progress.params?["_meta"]?[MetaKeys.relatedTask] == ["taskId": id])
            try expectValid2025(notification: progress, "ProgressNotification")
            let log = try #require(try await peer.awaitNotifications("notifications/message").first)
            #expect(log.params?["_meta"]?[MetaKeys.relatedTask] == ["taskId": id])
        }
    }

    @Test("tasks/list pages through this session's tasks only")
    func list() async throws {
        let test = TaskTestServer(pageSize: 2)
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try Self.id(try await Self.startTask(peer, "echo"))) }
            let first = try await peer.request("tasks/list")
            try expectValid2025(first, "ListTasksResult")
            let cursor = try #require(first["nextCursor"])
            let second = try await peer.request("tasks/list", ["cursor": cursor])
            try expectValid2025(second, "ListTasksResult")
            #expect(second["nextCursor"] == nil)
            let listed = (first["tasks"]?.arrayValue ?? []) + (second["tasks"]?.arrayValue ?? [])
            #expect(listed.compactMap { $0["taskId"]?.stringValue } == ids)
            #expect(try await peer.failingRequest("tasks/list", ["cursor": "bogus"]).code == .invalidParams)

            // Another session neither lists nor reaches them.
            try await WirePeer.with(test.server) { other in
                _ = try await Self.open(other)
                #expect(try await other.request("tasks/list")["tasks"] == [])
                #expect(try await other.failingRequest("tasks/get", ["taskId": .string(ids[0])]).code == .invalidParams)
            }
        }
    }

    @Test("a task is forgotten ttl after its creation")
    func expiry() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let done = try Self.id(try await Self.startTask(peer, "echo", ttl: 100))
            let running = try Self.id(try await Self.startTask(peer, "slow", ttl: 100))
            try await Task.sleep(for: .milliseconds(150))
            for id in [done, running] {
                let error = try await peer.failingRequest("tasks/get", ["taskId": .string(id)])
                #expect(error.code == .invalidParams)
            }
            #expect(try await peer.request("tasks/list")["tasks"] == [])
            try await waitUntil { test.wasCancelled("slow") }
        }
    }

    @Test("task support is negotiated per tool: -32601 for the wrong kind of call")
    func toolLevelNegotiation() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            #expect(try await peer.failingRequest("tools/call", ["name": "must"]).code == .methodNotFound)
            #expect(try await peer.failingRequest("tools/call", ["name": "never", "task": [:]]).code == .methodNotFound)
            #expect(try await peer.failingRequest("tools/call", ["name": "plain", "task": [:]]).code == .methodNotFound)
            // Ordinary calls of the others still work.
            #expect(try await peer.request("tools/call", ["name": "echo"])["content"] == [["type": "text", "text": "echo"]])
            #expect(try await peer.request("tools/call", ["name": "never"])["content"] == [["type": "text", "text": "never a task"]])
            _ = try await Self.startTask(peer, "must")
        }
    }

    @Test("unknown tasks are -32602; tasks/update does not exist; without tasks nothing changes")
    func errors() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            for method in ["tasks/get", "tasks/result", "tasks/cancel"] {
                #expect(try await peer.failingRequest(method, ["taskId": "nope"]).code == .invalidParams, "\(method)")
                #expect(try await peer.failingRequest(method, [:]).code == .invalidParams, "\(method) without taskId")
            }
            #expect(try await peer.failingRequest("tasks/update", ["taskId": "nope", "inputResponses": [:]]).code == .methodNotFound)
        }
        let off = TaskTestServer(tasksOn: false)
        try await WirePeer.with(off.server) { peer in
            let initialized = try await Self.open(peer)
            #expect(initialized["capabilities"]?["tasks"] == nil)
            #expect(try await peer.failingRequest("tasks/get", ["taskId": "nope"]).code == .methodNotFound)
            let result = try await peer.request("tools/call", ["name": "echo", "task": [:]])
            #expect(result["task"] == nil)
            #expect(result["content"] == [["type": "text", "text": "echo"]])
        }
    }

    @Test("at most maximumActiveTasks run at once")
    func limit() async throws {
        let test = TaskTestServer(settings: .init(pollInterval: .milliseconds(100), ttl: .seconds(60), maximumActiveTasks: 1))
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            let slow = try Self.id(try await Self.startTask(peer, "slow"))
            let error = try await peer.failingRequest("tools/call", ["name": "slow", "task": [:]])
            #expect(error.code == .internalError)
            #expect(error.message.contains("maximum"))
            _ = try await peer.request("tasks/cancel", ["taskId": .string(slow)])
            _ = try await Self.startTask(peer, "echo")
        }
    }

    @Test("closing the session cancels its tasks")
    func sessionClose() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await Self.open(peer)
            _ = try await Self.startTask(peer, "slow")
            try await waitUntil { test.counters.runs.withLock { $0["slow"] == 1 } }
        }
        try await waitUntil { test.wasCancelled("slow") }
    }
}
