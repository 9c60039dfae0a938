import MCPCore
import Testing

/// The tasks extension's shapes (io.modelcontextprotocol/tasks, 2026-07-28) beside the
/// experimental tasks of 2025-11-25: both decode into the same types and re-encode unchanged.
@Suite("Task shapes")
struct TaskShapeTests {
    @Test("a flat CreateTaskResult with resultType task decodes, keeps the extension's spelling, and re-encodes unchanged")
    func flatCreateTaskResult() throws {
        let json = try JSONValue(parsing: #"""
            {"resultType": "task", "taskId": "786512e2", "status": "working", "statusMessage": "started",
             "createdAt": "2025-11-25T10:30:00Z", "lastUpdatedAt": "2025-11-25T10:40:00Z",
             "ttlMs": 60000, "pollIntervalMs": 5000, "_meta": {"x": 1}, "vendor": true}
            """#)
        let created = try expectRoundTrip(json, as: CreateTaskResult.self)
        #expect(created.task.wireStyle == .tasksExtension)
        #expect(created.task.ttl == 60000)
        #expect(created.task.pollInterval == 5000)
        #expect(created.meta == ["x": 1])
        #expect(created.additionalFields == ["vendor": true])
        #expect(created.task.additionalFields.isEmpty)
    }

    @Test("the nested 2025-11-25 CreateTaskResult still decodes as before")
    func nestedCreateTaskResult() throws {
        let json = try JSONValue(parsing: #"""
            {"task": {"taskId": "t", "status": "working", "createdAt": "a", "lastUpdatedAt": "b", "ttl": null, "pollInterval": 500}}
            """#)
        let created = try expectRoundTrip(json, as: CreateTaskResult.self)
        #expect(created.task.wireStyle == .experimental)
        #expect(created.task.ttl == nil)
        #expect(created.task.pollInterval == 500)
    }

    @Test("a detailed tasks/get answer carries the result, the error or the input requests inline")
    func detailedTask() throws {
        let completed = try expectRoundTrip(try JSONValue(parsing: #"""
            {"taskId": "t", "status": "completed", "createdAt": "a", "lastUpdatedAt": "b", "ttlMs": null,
             "result": {"content": [{"type": "text", "text": "hi"}], "isError": false}}
            """#), as: GetTaskResult.self)
        #expect(completed.task.result?["content"]?[0]?["text"] == "hi")
        #expect(completed.task.ttl == nil)
        #expect(completed.additionalFields.isEmpty)

        let failed = try expectRoundTrip(try JSONValue(parsing: #"""
            {"taskId": "t", "status": "failed", "createdAt": "a", "lastUpdatedAt": "b", "ttlMs": 10,
             "error": {"code": -32603, "message": "API rate limit exceeded"}}
            """#), as: GetTaskResult.self)
        #expect(failed.task.error == MCPError(code: .internalError, message: "API rate limit exceeded"))

        let waiting = try expectRoundTrip(try JSONValue(parsing: #"""
            {"taskId": "t", "status": "input_required", "createdAt": "a", "lastUpdatedAt": "b", "ttlMs": 10,
             "inputRequests": {"name": {"method": "elicitation/create", "params": {"mode": "form", "message": "Name?",
               "requestedSchema": {"type": "object", "properties": {"name": {"type": "string"}}}}}}}
            """#), as: GetTaskResult.self)
        guard case .elicitation? = waiting.task.inputRequests?["name"] else {
            Issue.record("the input request did not decode as an elicitation")
            return
        }
    }

    @Test("tasks/cancel: the 2025-11-25 answer is the task; the extension's empty acknowledgement has none")
    func cancelResults() throws {
        let acknowledged = try expectRoundTrip(try JSONValue(parsing: #"{"_meta": {"k": "v"}}"#), as: CancelTaskResult.self)
        #expect(acknowledged.task == nil)
        #expect(acknowledged.meta == ["k": "v"])
        let cancelled = try expectRoundTrip(try JSONValue(parsing: #"""
            {"taskId": "t", "status": "cancelled", "createdAt": "a", "lastUpdatedAt": "b", "ttl": 5}
            """#), as: CancelTaskResult.self)
        #expect(cancelled.task?.status == .cancelled)
    }

    @Test("tasks/update, notifications/tasks and a subscription filter naming tasks")
    func extensionMessages() throws {
        let update = try expectRoundTrip(try JSONValue(parsing: #"""
            {"taskId": "t", "inputResponses": {"name": {"action": "accept", "content": {"name": "Ada"}}}}
            """#), as: UpdateTaskRequestParams.self)
        #expect(update.inputResponses["name"]?["action"] == "accept")
        #expect(UpdateTaskRequestParams.method == "tasks/update")

        let notification = try expectRoundTrip(try JSONValue(parsing: #"""
            {"taskId": "t", "status": "working", "createdAt": "a", "lastUpdatedAt": "b", "ttlMs": 60000, "pollIntervalMs": 100,
             "_meta": {"io.modelcontextprotocol/subscriptionId": 4}}
            """#), as: TaskNotificationParams.self)
        #expect(notification.task.pollInterval == 100)
        #expect(TaskNotificationParams.method == "notifications/tasks")

        let filter = try expectRoundTrip(try JSONValue(parsing: #"{"toolsListChanged": true, "taskIds": ["t", "u"]}"#), as: SubscriptionFilter.self)
        #expect(filter.taskIDs == ["t", "u"])
    }

    @Test("a task encodes in the spelling it was made with")
    func encodingFollowsWireStyle() throws {
        var task = MCPTask(taskID: "t", status: .working, createdAt: "a", lastUpdatedAt: "b", ttl: 1000, pollInterval: 50)
        #expect(try JSONValue(encoding: task)["ttl"] == 1000)
        #expect(try JSONValue(encoding: task)["ttlMs"] == nil)
        task.wireStyle = .tasksExtension
        #expect(try JSONValue(encoding: task)["ttlMs"] == 1000)
        #expect(try JSONValue(encoding: task)["pollIntervalMs"] == 50)
        #expect(try JSONValue(encoding: CreateTaskResult(task: task))["resultType"] == "task")
        #expect(try JSONValue(encoding: CreateTaskResult(task: task))["task"] == nil)
    }
}
