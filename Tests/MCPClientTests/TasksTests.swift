import MCPClient
import MCPCore
import Synchronization
import Testing

/// How the client drives tasks, message by message, against scripted servers: the
/// `io.modelcontextprotocol/tasks` extension (2026-07-28) and the experimental tasks of
/// 2025-11-25.
@Suite("Tasks")
struct TasksTests {
    static func extensionTask(_ id: String = "t-1", status: TaskStatus = .working, pollIntervalMs: Int = 10, extra: JSONObject = [:]) -> JSONValue {
        var task: JSONObject = [
            "taskId": .string(id), "status": .string(status.rawValue),
            "createdAt": "2026-11-23T10:00:00Z", "lastUpdatedAt": "2026-11-23T10:00:00Z",
            "ttlMs": 60000, "pollIntervalMs": .int(pollIntervalMs),
        ]
        for (key, value) in extra { task[key] = value }
        return .object(task)
    }

    static func created(_ id: String = "t-1", pollIntervalMs: Int = 10) -> JSONValue {
        var task = extensionTask(id, pollIntervalMs: pollIntervalMs).objectValue ?? [:]
        task["resultType"] = "task"
        return .object(task)
    }

    static func polled(_ id: String = "t-1", status: TaskStatus, extra: JSONObject = [:]) -> JSONValue {
        var task = extensionTask(id, status: status, extra: extra).objectValue ?? [:]
        task["resultType"] = "complete"
        return .object(task)
    }

    static let nameQuestion: JSONValue = [
        "method": "elicitation/create",
        "params": ["mode": "form", "message": "Your name?", "requestedSchema": ["type": "object", "properties": ["name": ["type": "string"]]]],
    ]

    // MARK: The tasks extension

    @Test("callTool declares the extension, polls tasks/get with the task id, answers input once with tasks/update, and returns the inline result")
    func extensionRoundTrip() async throws {
        let asked = Mutex(0)
        let handlers = ClientHandlers(elicitation: { _, context in
            asked.withLock { $0 += 1 }
            #expect(context.inputKey == "name-1")
            return .accept(["name": "Ada"])
        })
        try await TestConnection.withStatelessClient(handlers: handlers) { c in
            async let call = c.client.callTool("greet", arguments: [:])
            let request = try await c.peer.nextRequest("tools/call")
            #expect(request.params?["_meta"]?[MetaKeys.clientCapabilities]?["extensions"]?[TasksExtension.identifier] == [:])
            try await c.peer.reply(to: request.id, Self.created())

            let first = try await c.peer.nextRequest("tasks/get")
            #expect(first.params?["taskId"] == "t-1")
            #expect(first.params?["_meta"]?[MetaKeys.protocolVersion] == "2026-07-28")
            try await c.peer.reply(to: first.id, Self.polled(status: .working))

            // The same question twice in a row (the answer not yet applied) is answered once.
            let second = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: second.id, Self.polled(status: .inputRequired, extra: ["inputRequests": ["name-1": Self.nameQuestion]]))
            let update = try await c.peer.nextRequest("tasks/update")
            #expect(update.params?["taskId"] == "t-1")
            #expect(update.params?["inputResponses"] == ["name-1": ["action": "accept", "content": ["name": "Ada"]]])
            try await c.peer.reply(to: update.id, ["resultType": "complete"])
            let third = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: third.id, Self.polled(status: .inputRequired, extra: ["inputRequests": ["name-1": Self.nameQuestion]]))

            let fourth = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: fourth.id, Self.polled(status: .completed, extra: [
                "result": ["content": [["type": "text", "text": "Hello, Ada!"]], "isError": false, "resultType": "complete"],
            ]))
            let result = try await call
            #expect(result.text == "Hello, Ada!")
            #expect(asked.withLock { $0 } == 1)
        }
    }

    @Test("a failed task throws its JSON-RPC error; a cancelled one throws taskCancelled")
    func extensionFailureAndCancellation() async throws {
        try await TestConnection.withStatelessClient { c in
            async let failing = c.client.callTool("broken")
            let call = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: call.id, Self.created("t-2"))
            let poll = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: poll.id, Self.polled("t-2", status: .failed, extra: ["error": ["code": -32603, "message": "rate limited"]]))
            do {
                _ = try await failing
                Issue.record("a failed task returned a result")
            } catch let error as MCPError {
                #expect(error.code == .internalError)
                #expect(error.message == "rate limited")
            }

            async let cancelled = c.client.callTool("slow")
            let second = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: second.id, Self.created("t-3"))
            let secondPoll = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: secondPoll.id, Self.polled("t-3", status: .cancelled))
            do {
                _ = try await cancelled
                Issue.record("a cancelled task returned a result")
            } catch let error as ClientError {
                #expect(error.code == .taskCancelled)
            }
        }
    }

    @Test("a server's notifications/tasks wakes the follower before its next poll is due")
    func extensionNotificationWakesFollower() async throws {
        try await TestConnection.withStatelessClient { c in
            let clock = ContinuousClock()
            let started = clock.now
            async let call = c.client.callTool("slow")
            let request = try await c.peer.nextRequest("tools/call")
            // The server asks for a poll a minute from now …
            try await c.peer.reply(to: request.id, Self.created("t-4", pollIntervalMs: 60000))
            // … but reports the end unasked.
            var finished = Self.extensionTask("t-4", status: .completed).objectValue ?? [:]
            finished["result"] = ["content": [["type": "text", "text": "done"]]]
            try await c.peer.notify("notifications/tasks", finished)
            #expect(try await call.text == "done")
            #expect(clock.now - started < TestSanitizer.scaled(.seconds(10)))
        }
    }

    @Test("cancelling the caller of callTool sends tasks/cancel for the task")
    func callerCancellationCancelsTask() async throws {
        try await TestConnection.withStatelessClient { c in
            let call = Task { try await c.client.callTool("slow") }
            let request = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: request.id, Self.created("t-5", pollIntervalMs: 20))
            // Following has begun once the first poll arrives; then the caller gives up.
            let poll = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: poll.id, Self.polled("t-5", status: .working))
            call.cancel()
            await #expect(throws: CancellationError.self) { _ = try await call.value }
            var cancel: JSONRPCRequest?
            while cancel == nil {
                // Polls in flight when the caller gave up are cancelled too; answer or skip them.
                switch try await c.peer.next() {
                case .request(let next) where next.method == "tasks/cancel": cancel = next
                case .request(let next): try await c.peer.reply(to: next.id, Self.polled("t-5", status: .working))
                default: continue
                }
            }
            #expect(cancel?.params?["taskId"] == "t-5")
            try await c.peer.reply(to: try #require(cancel).id, ["resultType": "complete"])
        }
    }

    @Test("a task whose question this client cannot answer (no handler) fails the call and is cancelled at the server")
    func unanswerableQuestionCancelsTask() async throws {
        try await TestConnection.withStatelessClient { c in
            let call = Task { try await c.client.callTool("greet") }
            let request = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: request.id, Self.created("t-9"))
            let poll = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: poll.id, Self.polled("t-9", status: .inputRequired, extra: ["inputRequests": ["name-1": Self.nameQuestion]]))
            let error = await #expect(throws: ClientError.self) { _ = try await call.value }
            #expect(error?.code == .capabilityNotSupported)
            let cancel = try await c.peer.nextRequest("tasks/cancel")
            #expect(cancel.params?["taskId"] == "t-9")
            try await c.peer.reply(to: cancel.id, ["resultType": "complete"])
        }
    }

    @Test("a task past TaskOptions.maximumDuration ends the call with timedOut and is cancelled; a poll that times out does not cancel it")
    func maximumDuration() async throws {
        var options = TaskOptions()
        options.maximumDuration = TestSanitizer.scaled(.milliseconds(2500))
        try await TestConnection.withStatelessClient(requestTimeout: TestSanitizer.scaled(.seconds(1)), tasks: options) { c in
            async let call = c.client.callTool("slow")
            let request = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: request.id, Self.created("t-8", pollIntervalMs: 10))
            // The first poll goes unanswered: only that request times out.
            _ = try await c.peer.nextRequest("tasks/get")
            var cancels = 0
            var error: ClientError?
            // Keep answering "working" until the call gives up.
            while error == nil {
                // The unanswered poll's notifications/cancelled goes by too.
                guard case .request(let next) = try await c.peer.next(timeout: TestSanitizer.scaled(.seconds(5))) else { continue }
                if next.method == "tasks/cancel" {
                    cancels += 1
                    #expect(next.params?["taskId"] == "t-8")
                    try await c.peer.reply(to: next.id, ["resultType": "complete"])
                    do { _ = try await call } catch let thrown as ClientError { error = thrown }
                } else {
                    try await c.peer.reply(to: next.id, Self.polled("t-8", status: .working))
                }
            }
            #expect(error?.code == .timedOut)
            #expect(cancels == 1)
        }
    }

    @Test("startTool returns the task; updates() reports each new state; cancel() sends tasks/cancel and returns the ack")
    func extensionExplicitHandle() async throws {
        try await TestConnection.withStatelessClient { c in
            async let started = c.client.startTool("slow", arguments: ["n": 1])
            let request = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: request.id, Self.created("t-6"))
            let task = try #require(try await started.task)
            #expect(task.id == "t-6")
            #expect(task.created?.ttl == 60000)

            let seen = Recorder<String>()
            let watcher = Task {
                for try await state in task.updates() { seen.append("\(state.status) \(state.statusMessage ?? "")") }
            }
            let first = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: first.id, Self.polled("t-6", status: .working, extra: ["statusMessage": "half way"]))
            let second = try await c.peer.nextRequest("tasks/get")
            try await c.peer.reply(to: second.id, Self.polled("t-6", status: .completed, extra: ["result": ["content": []]]))
            try await watcher.value
            #expect(seen.values == ["working ", "working half way", "completed "])

            async let acknowledged = task.cancel()
            let cancel = try await c.peer.nextRequest("tasks/cancel")
            try await c.peer.reply(to: cancel.id, ["resultType": "complete"])
            #expect(try await acknowledged == nil)
        }
    }

    @Test("a task answering a method that cannot be one is an invalid response")
    func unexpectedTaskIsInvalid() async throws {
        try await TestConnection.withStatelessClient { c in
            async let prompt = c.client.send(GetPromptRequestParams(name: "p"))
            let request = try await c.peer.nextRequest("prompts/get")
            try await c.peer.reply(to: request.id, Self.created("t-7"))
            do {
                _ = try await prompt
                Issue.record("a task answered prompts/get")
            } catch let error as ClientError {
                #expect(error.code == .invalidResponse)
            }
        }
    }

    // MARK: 2025-11-25

    @Test("2025-11-25: a tasks/result that times out while the task waits for input sends the follower back to polling")
    func experimentalResultTimeoutFallsBackToPolling() async throws {
        var capabilities = ScriptedPeer.fullServerCapabilities
        capabilities.tasks = .init(list: [:], cancel: [:], requests: .init(tools: .init(call: [:])))
        var configuration = TestConnection.peerConfiguration
        configuration.requestTimeout = .milliseconds(500)
        configuration.validatesToolOutput = false
        try await TestConnection.withClient(toPeerAnswering: .v2025_11_25, serverCapabilities: capabilities, configuration: configuration) { c in
            async let call = c.client.callTool("render")
            let list = try await c.peer.nextRequest("tools/list")
            try await c.peer.reply(to: list.id, ["tools": [["name": "render", "inputSchema": ["type": "object"], "execution": ["taskSupport": "required"]]]])
            let request = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: request.id, ["task": ["taskId": "r-2", "status": "input_required", "createdAt": "a", "lastUpdatedAt": "a", "ttl": nil, "pollInterval": 10]])
            // The first tasks/result goes unanswered until the client gives up on it.
            let abandoned = try await c.peer.nextRequest("tasks/result")
            // The client cancels that request (not the task: no tasks/cancel), then polls.
            let cancelled = try await c.peer.nextNotification(timeout: .seconds(10))
            #expect(cancelled.method == "notifications/cancelled")
            #expect(cancelled.params?["requestId"] == abandoned.id.jsonValue)
            let poll = try await c.peer.nextRequest("tasks/get", timeout: .seconds(10))
            try await c.peer.reply(to: poll.id, ["taskId": "r-2", "status": "completed", "createdAt": "a", "lastUpdatedAt": "b", "ttl": nil])
            let fetch = try await c.peer.nextRequest("tasks/result")
            try await c.peer.reply(to: fetch.id, ["content": [["type": "text", "text": "rendered late"]]])
            #expect(try await call.text == "rendered late")
        }
    }

    @Test("2025-11-25: a required tool is called as a task, polled, and its result fetched with tasks/result")
    func experimentalRequiredTool() async throws {
        var capabilities = ScriptedPeer.fullServerCapabilities
        capabilities.tasks = .init(list: [:], cancel: [:], requests: .init(tools: .init(call: [:])))
        try await TestConnection.withClient(toPeerAnswering: .v2025_11_25, serverCapabilities: capabilities) { c in
            async let call = c.client.callTool("render", arguments: ["scene": "city"])
            let list = try await c.peer.nextRequest("tools/list")
            try await c.peer.reply(to: list.id, ["tools": [
                ["name": "render", "inputSchema": ["type": "object"], "execution": ["taskSupport": "required"]],
            ]])
            let request = try await c.peer.nextRequest("tools/call")
            #expect(request.params?["task"] == [:])
            try await c.peer.reply(to: request.id, ["task": [
                "taskId": "r-1", "status": "working", "createdAt": "a", "lastUpdatedAt": "a", "ttl": nil, "pollInterval": 10,
            ]])
            let poll = try await c.peer.nextRequest("tasks/get")
            #expect(poll.params?["taskId"] == "r-1")
            try await c.peer.reply(to: poll.id, ["taskId": "r-1", "status": "completed", "createdAt": "a", "lastUpdatedAt": "b", "ttl": nil])
            let fetch = try await c.peer.nextRequest("tasks/result")
            #expect(fetch.params?["taskId"] == "r-1")
            try await c.peer.reply(to: fetch.id, [
                "content": [["type": "text", "text": "rendered"]],
                "_meta": ["io.modelcontextprotocol/related-task": ["taskId": "r-1"]],
            ])
            #expect(try await call.text == "rendered")
        }
    }
}
