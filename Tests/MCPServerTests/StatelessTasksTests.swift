import MCPCore
import MCPServer
import Testing

/// The `io.modelcontextprotocol/tasks` extension on stateless (2026-07-28) requests, at the
/// JSON-RPC level.
@Suite("Tasks (io.modelcontextprotocol/tasks)")
struct StatelessTasksTests {
    static let allCapabilities: JSONObject = ["extensions": [TasksExtension.identifier: [:]], "elicitation": [:], "sampling": [:], "roots": [:]]
    static let missingExtension: JSONValue = ["requiredCapabilities": ["extensions": [TasksExtension.identifier: [:]]]]

    /// `params` for a request declaring the extension (and the other capabilities).
    static func declaring(_ params: JSONObject = [:], capabilities: JSONObject = allCapabilities) -> JSONObject {
        stateless(params, capabilities: capabilities)
    }

    /// Calls `tool` declaring the extension and returns the created task.
    static func startTask(_ peer: WirePeer, _ tool: String, capabilities: JSONObject = allCapabilities) async throws -> JSONObject {
        let result = try await peer.request("tools/call", declaring(["name": .string(tool), "arguments": [:]], capabilities: capabilities))
        #expect(result["resultType"] == "task")
        #expect(result["task"] == nil, "the extension's CreateTaskResult is flat")
        #expect(result["result"] == nil && result["error"] == nil && result["inputRequests"] == nil)
        #expect(result["_meta"]?[MetaKeys.serverInfo]?["name"] == "task-server")
        return result
    }

    static func get(_ peer: WirePeer, _ id: String, until status: String) async throws -> JSONObject {
        try await poll(peer, id, until: status, wrap: { declaring($0) })
    }

    static func id(_ task: JSONObject) throws -> String {
        try #require(task["taskId"]?.stringValue)
    }

    /// Checks a `DetailedTask` of the extension by hand (there is no official schema for it in
    /// the 2026-07-28 bundle): the members its status requires and no others of the outcome.
    static func expectDetailedTask(_ task: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) {
        for member in ["taskId", "status", "createdAt", "lastUpdatedAt", "ttlMs"] {
            #expect(task[member] != nil, "\(member) missing", sourceLocation: sourceLocation)
        }
        #expect(task["ttl"] == nil && task["pollInterval"] == nil, "the 2025-11-25 spelling", sourceLocation: sourceLocation)
        let status = task["status"]?.stringValue
        #expect((task["result"] != nil) == (status == "completed"), sourceLocation: sourceLocation)
        #expect((task["error"] != nil) == (status == "failed"), sourceLocation: sourceLocation)
        #expect((task["inputRequests"] != nil) == (status == "input_required"), sourceLocation: sourceLocation)
    }

    @Test("server/discover declares the extension; listed tools carry no execution")
    func discover() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try await peer.send("server/discover", stateless())
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: id), "DiscoverResult")
            let discovered = try await peer.result(of: id)
            #expect(discovered["capabilities"]?["extensions"] == [TasksExtension.identifier: [:]])
            #expect(discovered["capabilities"]?["tasks"] == nil)
            let list = try await peer.send("tools/list", Self.declaring())
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: list), "ListToolsResult")
            let tools = try await peer.result(of: list)
            #expect(tools["tools"]?.arrayValue?.allSatisfy { $0["execution"] == nil } == true)
        }
        try await WirePeer.with(TaskTestServer(tasksOn: false).server) { peer in
            let discovered = try await peer.request("server/discover", stateless())
            #expect(discovered["capabilities"]?["extensions"] == nil)
        }
    }

    @Test("a call declaring the extension gets a task; tasks/get carries the result inline")
    func lifecycle() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let created = try await Self.startTask(peer, "gated")
            let id = try Self.id(created)
            #expect(id.count == 32)
            #expect(created["status"] == "working")
            #expect(created["ttlMs"] == 3_600_000)
            #expect(created["pollIntervalMs"] == 250)
            let working = try await peer.request("tasks/get", Self.declaring(["taskId": .string(id)]))
            #expect(working["resultType"] == "complete")
            #expect(working["status"] == "working")
            Self.expectDetailedTask(working)
            test.gate.open()
            let done = try await Self.get(peer, id, until: "completed")
            Self.expectDetailedTask(done)
            #expect(done["resultType"] == "complete")
            #expect(done["_meta"]?[MetaKeys.serverInfo]?["name"] == "task-server")
            let result = try #require(done["result"]?.objectValue)
            try SpecSchema.expectValid(.object(result), "CallToolResult")
            #expect(result["content"] == [["type": "text", "text": "let through"]])
            #expect(result["resultType"] == "complete", "what the request would have returned")
            #expect(result["_meta"] == nil)
        }
    }

    @Test("without the extension an optional tool runs normally and a required one is -32021")
    func undeclared() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let plain: JSONObject = ["roots": [:]]
            let echo = try await peer.request("tools/call", stateless(["name": "echo"], capabilities: plain))
            #expect(echo["resultType"] == "complete")
            #expect(echo["content"] == [["type": "text", "text": "echo"]])
            let must = try await peer.send("tools/call", stateless(["name": "must"], capabilities: plain))
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: must), "MissingRequiredClientCapabilityError")
            let error = try await peer.error(of: must)
            #expect(error.code == .missingRequiredClientCapability)
            #expect(error.data == Self.missingExtension)
            // Tools without task support never become tasks, even when the client could take one.
            let never = try await peer.request("tools/call", Self.declaring(["name": "never"]))
            #expect(never["resultType"] == "complete")
            // A required tool does run as a task when the extension is declared.
            _ = try await Self.startTask(peer, "must")
        }
    }

    @Test("a tool error completes the task; a protocol error fails it with the error inline")
    func outcomes() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let toolError = try Self.id(try await Self.startTask(peer, "tool_error"))
            let completed = try await Self.get(peer, toolError, until: "completed")
            #expect(completed["result"]?["isError"] == true)
            let failing = try Self.id(try await Self.startTask(peer, "protocol_error"))
            let failed = try await Self.get(peer, failing, until: "failed")
            Self.expectDetailedTask(failed)
            #expect(failed["error"] == ["code": -32042, "message": "the tool refused", "data": ["why": "testing"]])
            #expect(failed["statusMessage"] == "the tool refused")
        }
    }

    @Test("tasks/cancel acknowledges with an empty result and cancels the handler; ended tasks stay")
    func cancel() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try Self.id(try await Self.startTask(peer, "slow"))
            let ack = try await peer.request("tasks/cancel", Self.declaring(["taskId": .string(id)]))
            #expect(ack.keys.sorted() == ["_meta", "resultType"])
            #expect(ack["resultType"] == "complete")
            let cancelled = try await Self.get(peer, id, until: "cancelled")
            Self.expectDetailedTask(cancelled)
            try await waitUntil { test.wasCancelled("slow") }
            // Again, and for a completed task: acknowledged, nothing changes.
            _ = try await peer.request("tasks/cancel", Self.declaring(["taskId": .string(id)]))
            let done = try Self.id(try await Self.startTask(peer, "echo"))
            _ = try await Self.get(peer, done, until: "completed")
            _ = try await peer.request("tasks/cancel", Self.declaring(["taskId": .string(done)]))
            #expect(try await peer.request("tasks/get", Self.declaring(["taskId": .string(done)]))["status"] == "completed")
        }
    }

    @Test("questions become inputRequests; tasks/update answers them, ignoring unknown keys")
    func inputRequests() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try Self.id(try await Self.startTask(peer, "ask_twice"))
            var waiting = try await Self.get(peer, id, until: "input_required")
            Self.expectDetailedTask(waiting)
            var requests = try #require(waiting["inputRequests"]?.objectValue)
            #expect(requests.count == 1)
            let firstKey = try #require(requests.keys.first)
            #expect(requests[firstKey]?["method"] == "elicitation/create")
            try SpecSchema.expectValid(try #require(requests[firstKey]?["params"]), "ElicitRequestFormParams")

            // Unknown keys are ignored; the task keeps waiting.
            let ack = try await peer.request("tasks/update", Self.declaring(["taskId": .string(id), "inputResponses": ["bogus": ["action": "decline"]]]))
            #expect(ack["resultType"] == "complete")
            #expect(try await peer.request("tasks/get", Self.declaring(["taskId": .string(id)]))["status"] == "input_required")

            _ = try await peer.request("tasks/update", Self.declaring(["taskId": .string(id), "inputResponses": [firstKey: ["action": "accept", "content": ["name": "Ada"]]]]))
            // The second question gets a key of its own, never the first one again.
            waiting = try await Self.get(peer, id, until: "input_required")
            requests = try #require(waiting["inputRequests"]?.objectValue)
            let secondKey = try #require(requests.keys.first)
            #expect(requests.count == 1 && secondKey != firstKey)
            // Answering the first key again changes nothing.
            _ = try await peer.request("tasks/update", Self.declaring(["taskId": .string(id), "inputResponses": [firstKey: ["action": "accept", "content": ["name": "Eve"]]]]))
            #expect(try await peer.request("tasks/get", Self.declaring(["taskId": .string(id)]))["inputRequests"]?.objectValue?.keys.first == secondKey)

            _ = try await peer.request("tasks/update", Self.declaring(["taskId": .string(id), "inputResponses": [secondKey: ["action": "accept", "content": ["name": "Bob"]]]]))
            let done = try await Self.get(peer, id, until: "completed")
            #expect(done["result"]?["content"] == [["type": "text", "text": "Ada+Bob"]])
            #expect(peer.messages.allSatisfy { if case .request = $0 { false } else { true } }, "no server-to-client requests")
        }
    }

    @Test("a partial update leaves the task waiting for the rest")
    func partialAnswers() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try Self.id(try await Self.startTask(peer, "ask_both"))
            var requests: JSONObject = [:]
            try await pollUntil(timeout: .seconds(30)) { requests.count == 2 } fallback: {
                requests = try await peer.request("tasks/get", Self.declaring(["taskId": .string(id)]))["inputRequests"]?.objectValue ?? [:]
            }
            let roots = try #require(requests.first { $0.value["method"] == "roots/list" }?.key)
            let sampling = try #require(requests.first { $0.value["method"] == "sampling/createMessage" }?.key)
            _ = try await peer.request("tasks/update", Self.declaring(["taskId": .string(id), "inputResponses": [roots: MultiRoundTripTests.rootsAnswer]]))
            let still = try await peer.request("tasks/get", Self.declaring(["taskId": .string(id)]))
            #expect(still["status"] == "input_required")
            #expect(still["inputRequests"]?.objectValue?.keys.map { $0 } == [sampling])
            _ = try await peer.request("tasks/update", Self.declaring(["taskId": .string(id), "inputResponses": [sampling: MultiRoundTripTests.samplingAnswer]]))
            let done = try await Self.get(peer, id, until: "completed")
            #expect(done["result"]?["content"] == [["type": "text", "text": "teal 1"]])
        }
    }

    @Test("a question needing a capability the creating request lacked fails the task with -32021")
    func questionCapability() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try Self.id(try await Self.startTask(peer, "ask", capabilities: tasksCapabilities))
            let failed = try await Self.get(peer, id, until: "failed")
            #expect(failed["error"]?["code"] == -32021)
            #expect(failed["error"]?["data"] == ["requiredCapabilities": ["elicitation": [:]]])
        }
    }

    @Test("tasks methods need the extension declared (-32021) and valid parameters (-32602)")
    func methodErrors() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try Self.id(try await Self.startTask(peer, "echo"))
            for (method, params) in [
                ("tasks/get", ["taskId": .string(id)]), ("tasks/cancel", ["taskId": .string(id)]),
                ("tasks/update", ["taskId": .string(id), "inputResponses": [:]]),
            ] as [(String, JSONObject)] {
                let refused = try await peer.send(method, stateless(params, capabilities: ["roots": [:]]))
                try SpecSchema.expectValid(message: try await peer.awaitResponse(to: refused), "MissingRequiredClientCapabilityError")
                #expect(try await peer.error(of: refused).data == Self.missingExtension, "\(method)")
                #expect(try await peer.failingRequest(method, Self.declaring(["taskId": "unknown", "inputResponses": [:]])).code == .invalidParams, "\(method)")
                #expect(try await peer.failingRequest(method, Self.declaring()).code == .invalidParams, "\(method) without taskId")
            }
            #expect(try await peer.failingRequest("tasks/update", Self.declaring(["taskId": .string(id)])).code == .invalidParams)
            // The 2025-11-25 methods the extension dropped.
            #expect(try await peer.failingRequest("tasks/list", Self.declaring()).code == .methodNotFound)
            #expect(try await peer.failingRequest("tasks/result", Self.declaring(["taskId": .string(id)])).code == .methodNotFound)
        }
        try await WirePeer.with(TaskTestServer(tasksOn: false).server) { peer in
            #expect(try await peer.failingRequest("tasks/get", Self.declaring(["taskId": "x"])).code == .methodNotFound)
            let must = try await peer.request("tools/call", Self.declaring(["name": "must"]))
            #expect(must["resultType"] == "complete", "without tasks, tools run normally")
        }
    }

    @Test("stateless tasks belong to the server: another connection may poll them")
    func anyConnection() async throws {
        let test = TaskTestServer()
        let id = try await WirePeer.with(test.server) { peer in try Self.id(try await Self.startTask(peer, "echo")) }
        try await WirePeer.with(test.server) { peer in
            let done = try await Self.get(peer, id, until: "completed")
            #expect(done["result"]?["content"] == [["type": "text", "text": "echo"]])
        }
    }

    @Test("tasks get neither progress nor log messages")
    func noProgressOrLog() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let params = stateless(["name": "chatty"], capabilities: Self.allCapabilities, logLevel: "debug", extra: ["progressToken": "p"])
            let created = try await peer.request("tools/call", params)
            _ = try await Self.get(peer, try Self.id(created), until: "completed")
            try await peer.settle()
            #expect(peer.notifications().isEmpty)
        }
    }

    @Test("a task is forgotten ttl after its creation")
    func expiry() async throws {
        let test = TaskTestServer(settings: .init(pollInterval: .milliseconds(10), ttl: .milliseconds(100)))
        try await WirePeer.with(test.server) { peer in
            let done = try await Self.startTask(peer, "echo")
            #expect(done["ttlMs"] == 100)
            let running = try Self.id(try await Self.startTask(peer, "slow"))
            try await Task.sleep(for: .milliseconds(150))
            for id in [try Self.id(done), running] {
                #expect(try await peer.failingRequest("tasks/get", Self.declaring(["taskId": .string(id)])).code == .invalidParams)
            }
            try await waitUntil { test.wasCancelled("slow") }
        }
    }

    @Test("subscriptions/listen with taskIds acknowledges the known tasks and streams their changes")
    func listen() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try Self.id(try await Self.startTask(peer, "ask"))
            _ = try await Self.get(peer, id, until: "input_required")
            try await peer.send("subscriptions/listen", Self.declaring(["notifications": ["taskIds": [.string(id), "unknown"], "toolsListChanged": true]]), id: "watch")
            let ack = try #require(try await peer.awaitNotifications("notifications/subscriptions/acknowledged").first)
            try SpecSchema.expectValid(message: .notification(ack), "SubscriptionsAcknowledgedNotification")
            #expect(ack.params?["notifications"] == ["toolsListChanged": true, "taskIds": [.string(id)]])

            let question = try #require(try await peer.request("tasks/get", Self.declaring(["taskId": .string(id)]))["inputRequests"]?.objectValue?.keys.first)
            _ = try await peer.request("tasks/update", Self.declaring(["taskId": .string(id), "inputResponses": [question: ["action": "accept", "content": ["name": "Ada"]]]]))
            let updates = try await peer.awaitNotifications("notifications/tasks", count: 2)
            #expect(updates.compactMap { $0.params?["status"]?.stringValue } == ["working", "completed"])
            for update in updates {
                let params = try #require(update.params)
                #expect(params["_meta"]?[MetaKeys.subscriptionID] == "watch")
                #expect(params["taskId"] == .string(id))
                Self.expectDetailedTask(params)
            }
            // The last one carries the result, as tasks/get would.
            var final = try #require(updates.last?.params)
            final["_meta"] = nil
            var polled = try await peer.request("tasks/get", Self.declaring(["taskId": .string(id)]))
            polled["_meta"] = nil
            polled["resultType"] = nil
            #expect(final == polled)
        }
    }

    @Test("listening for tasks without declaring the extension is -32021")
    func listenWithoutExtension() async throws {
        let test = TaskTestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try await peer.send("subscriptions/listen", stateless(["notifications": ["taskIds": ["x"]]]))
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: id), "MissingRequiredClientCapabilityError")
            #expect(try await peer.error(of: id).data == Self.missingExtension)
        }
    }
}

/// Waits until `condition` holds, running `fallback` (say, a poll) between checks.
func pollUntil(timeout: Duration, _ condition: () -> Bool, fallback: () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw WirePeer.Timeout(what: "a condition") }
        try await fallback()
        try await Task.sleep(for: .milliseconds(5))
    }
}
