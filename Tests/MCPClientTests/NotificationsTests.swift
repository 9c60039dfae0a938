import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Notifications")
struct NotificationsTests {
    @Test("log, progress and resource notifications reach their typed callbacks")
    func typedCallbacks() async throws {
        let logs = Recorder<LoggingMessageNotificationParams>()
        let progress = Recorder<ProgressNotificationParams>()
        let updated = Recorder<ResourceUpdatedNotificationParams>()
        let handlers = ClientHandlers(
            onLogMessage: { logs.append($0) },
            onProgress: { progress.append($0) },
            onResourceUpdated: { updated.append($0) }
        )
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            try await c.peer.notify(LoggingMessageNotificationParams(level: .notice, logger: "db", data: ["rows": 3]))
            try await c.peer.notify(ProgressNotificationParams(progressToken: "tok", progress: 5, total: 10, message: "half"))
            try await c.peer.notify(ResourceUpdatedNotificationParams(uri: "test://a"))
            try await updated.wait(forCount: 1)
            #expect(logs.values == [LoggingMessageNotificationParams(level: .notice, logger: "db", data: ["rows": 3])])
            #expect(progress.values == [ProgressNotificationParams(progressToken: "tok", progress: 5, total: 10, message: "half")])
            #expect(updated.values.map(\.uri) == ["test://a"])
        }
    }

    @Test("changing a connected server's tools, resources and prompts reaches onListChanged")
    func listChanged() async throws {
        let kinds = Recorder<ListKind>()
        let server = MCPServer.testing()
        try await TestConnection.withClient(to: server, handlers: ClientHandlers(onListChanged: { kinds.append($0) })) { c in
            // One round trip, so the server has processed notifications/initialized.
            try await c.client.ping()
            server.addTool(Tool(name: "new")) { _, _ in CallToolResult() }
            try await kinds.wait(forCount: 1)
            #expect(kinds.values == [.tools])
            #expect(try await c.client.listAllTools().map(\.name) == ["new"])
            server.addResource(Resource(uri: "test://new", name: "new")) { _ in [] }
            try await kinds.wait(forCount: 2)
            server.addPrompt(Prompt(name: "new")) { _, _ in GetPromptResult(messages: []) }
            try await kinds.wait(forCount: 3)
            server.removeTool(named: "new")
            try await kinds.wait(forCount: 4)
            #expect(kinds.values == [.tools, .resources, .prompts, .tools])
        }
    }

    @Test("elicitation-complete and task-status notifications reach their callbacks")
    func elicitationCompleteAndTaskStatus() async throws {
        let completed = Recorder<ElicitationCompleteNotificationParams>()
        let statuses = Recorder<TaskStatusNotificationParams>()
        let handlers = ClientHandlers(
            onElicitationComplete: { completed.append($0) },
            onTaskStatus: { statuses.append($0) }
        )
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            try await c.peer.notify("notifications/elicitation/complete", ["elicitationId": "el-42"])
            try await c.peer.notify("notifications/tasks/status", [
                "taskId": "task-1", "status": "input_required", "statusMessage": "needs you",
                "createdAt": "2025-11-25T10:00:00Z", "lastUpdatedAt": "2025-11-25T10:01:00Z", "ttl": 60000, "pollInterval": 500,
            ])
            try await statuses.wait(forCount: 1)
            #expect(completed.values.map(\.elicitationID) == ["el-42"])
            let task = try #require(statuses.values.first?.task)
            #expect(task.taskID == "task-1")
            #expect(task.status == .inputRequired)
            #expect(task.statusMessage == "needs you")
            #expect(task.ttl == 60000)
            #expect(task.pollInterval == 500)
        }
    }

    @Test("onNotification and every incomingMessages subscriber receive each notification")
    func allSubscribersReceive() async throws {
        let typed = Recorder<String>()
        let handlers = ClientHandlers(onNotification: { typed.append($0.method) })
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            let one = try c.client.incomingMessages()
            let two = try c.client.incomingMessages()
            try await c.peer.notify("notifications/tools/list_changed")
            try await c.peer.notify(LoggingMessageNotificationParams(level: .info, data: "hello"))
            try await c.peer.notify("notifications/custom/thing", ["x": 1])
            let expected = ["notification notifications/tools/list_changed", "notification notifications/message", "other notifications/custom/thing"]
            #expect(try await first(3, of: one).map(\.summary) == expected)
            #expect(try await first(3, of: two).map(\.summary) == expected)
            try await typed.wait(forCount: 3)
            #expect(typed.values == ["notifications/tools/list_changed", "notifications/message", "notifications/custom/thing"])
        }
    }

    @Test("a known notification with malformed parameters is reported as invalid and delivered as other")
    func malformedKnownNotification() async throws {
        let logs = Recorder<LoggingMessageNotificationParams>()
        let typed = Recorder<ServerNotification>()
        let handlers = ClientHandlers(onLogMessage: { logs.append($0) }, onNotification: { typed.append($0) })
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            let incoming = try c.client.incomingMessages()
            try await c.peer.notify("notifications/message", ["level": 5, "data": "x"])
            let messages = try await first(2, of: incoming)
            #expect(messages.map(\.summary) == ["invalid notification notifications/message", "other notifications/message"])
            if case .invalidNotification(_, let error) = messages[0] {
                #expect(error.pathDescription.contains("level"))
            }
            try await typed.wait(forCount: 1)
            guard case .other(let raw) = typed.values[0] else {
                Issue.record("expected .other, got \(typed.values[0])")
                return
            }
            #expect(raw.params?["level"] == 5)
            #expect(logs.values.isEmpty)
        }
    }

    @Test("callbacks run one at a time, in the order the notifications arrived")
    func arrivalOrder() async throws {
        let order = Recorder<String>()
        let running = LockedBox(0)
        let overlapped = LockedBox(false)
        @Sendable func record(_ label: String, pause: Bool) async {
            if running.withLock({ $0 += 1; return $0 }) > 1 { overlapped.withLock { $0 = true } }
            if pause { try? await Task.sleep(for: .milliseconds(3)) } else { await Task.yield() }
            order.append(label)
            running.withLock { $0 -= 1 }
        }
        let handlers = ClientHandlers(
            onLogMessage: { await record("log \($0.data)", pause: true) },
            onProgress: { await record("progress \(Int($0.progress))", pause: false) },
            onResourceUpdated: { await record("updated \($0.uri)", pause: false) },
            onListChanged: { await record("changed \($0.rawValue)", pause: true) }
        )
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            var expected: [String] = []
            for index in 0..<40 {
                switch index % 4 {
                case 0:
                    try await c.peer.notify(LoggingMessageNotificationParams(level: .info, data: .int(index)))
                    expected.append("log \(index)")
                case 1:
                    try await c.peer.notify(ProgressNotificationParams(progressToken: 0, progress: Double(index)))
                    expected.append("progress \(index)")
                case 2:
                    try await c.peer.notify(ResourceUpdatedNotificationParams(uri: "u\(index)"))
                    expected.append("updated u\(index)")
                default:
                    try await c.peer.notify("notifications/prompts/list_changed")
                    expected.append("changed prompts")
                }
            }
            try await order.wait(forCount: 40)
            #expect(order.values == expected)
            #expect(!overlapped.value)
        }
    }

    @Test("onMessage sees the server's requests, and the close; incomingMessages ends when the client closes")
    func onMessageAndStreamEnd() async throws {
        let seen = Recorder<String>()
        let handlers = ClientHandlers(onMessage: { seen.append($0.summary) })
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            let session = try c.client.session()
            let incoming = session.incomingMessages()
            try await c.peer.request(id: 1, "ping")
            _ = try await c.peer.nextResponse()
            try await c.peer.notify("notifications/custom")
            try await seen.wait(forCount: 2)
            await c.client.close()
            #expect(seen.values == ["request ping", "other notifications/custom", "closed"])
            let all = try await untilEnd(of: incoming)
            #expect(all.map(\.summary) == ["request ping", "other notifications/custom", "closed"])
            // A subscription after the close ends at once.
            #expect(try await untilEnd(of: session.incomingMessages()).isEmpty)
        }
    }
}
