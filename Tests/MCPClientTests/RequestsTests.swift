import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Requests")
struct RequestsTests {
    @Test("many requests in flight get unique ids and each caller its own answer")
    func concurrentRequests() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<24 {
                    group.addTask { (index, try await c.client.callTool("echo", arguments: ["n": .int(index)]).text) }
                }
                var requests: [JSONRPCRequest] = []
                for _ in 0..<24 { requests.append(try await c.peer.nextRequest("tools/call")) }
                #expect(Set(requests.map(\.id)).count == 24)
                for request in requests.reversed() {
                    let n = request.params?["arguments"]?["n"]?.intValue ?? -1
                    try await c.peer.reply(to: request.id, ["content": [["type": "text", "text": .string("n=\(n)")]]])
                }
                var answers = 0
                for try await (index, text) in group {
                    #expect(text == "n=\(index)")
                    answers += 1
                }
                #expect(answers == 24)
            }
        }
    }

    @Test("ping reaches the server and returns")
    func ping() async throws {
        try await TestConnection.withClient(to: .testing()) { c in
            try await c.client.ping()
            #expect(c.transport.sentRequests("ping").count == 1)
        }
    }

    @Test("sendRootsListChanged reaches the server's onRootsListChanged")
    func rootsListChanged() async throws {
        let changes = Recorder<Int>()
        let server = MCPServer.testing()
        server.onRootsListChanged { changes.append(1) }
        let handlers = ClientHandlers(roots: { _ in [Root(uri: "file:///a")] })
        try await TestConnection.withClient(to: server, handlers: handlers) { c in
            try await c.client.sendRootsListChanged()
            try await changes.wait(forCount: 1)
            try await c.client.sendRootsListChanged()
            try await changes.wait(forCount: 2)
            #expect(c.transport.sentNotifications("notifications/roots/list_changed").count == 2)
            #expect(c.transport.sentNotifications("notifications/roots/list_changed").allSatisfy { $0.params == nil })
        }
    }

    @Test("sendProgressNotification reports progress on a server request, before its answer")
    func clientProgress() async throws {
        let client = LockedBox<Client?>(nil)
        let handlers = ClientHandlers(sampling: { _, context in
            let token = try #require(context.meta?["progressToken"].flatMap(ProgressToken.init(jsonValue:)))
            let connected = try #require(client.value)
            try await connected.sendProgressNotification(token: token, progress: 1, total: 2, message: "thinking")
            try await connected.sendProgressNotification(token: token, progress: 2, total: 2)
            return CreateMessageResult(role: .assistant, content: .text("done"), model: "m")
        })
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            client.withLock { $0 = c.client }
            var params = try #require(try JSONValue(encoding: ServerRequestsTests.samplingRequest).objectValue)
            params["_meta"] = ["progressToken": "srv-1"]
            try await c.peer.request(id: "s", "sampling/createMessage", params)
            let first = try await c.peer.nextNotification()
            #expect(first.method == "notifications/progress")
            #expect(first.params == ["progressToken": "srv-1", "progress": 1, "total": 2, "message": "thinking"])
            let second = try await c.peer.nextNotification()
            #expect(second.params == ["progressToken": "srv-1", "progress": 2, "total": 2])
            #expect(try await c.peer.nextResponse().responseID == "s")
        }
    }

    @Test("tools: one page at a time with the cursor, or every page at once")
    func toolPages() async throws {
        let server = MCPServer.testing(pageSize: 2)
        for name in ["a", "b", "c", "d", "e"] {
            server.addTool(Tool(name: name)) { _, _ in CallToolResult() }
        }
        try await TestConnection.withClient(to: server) { c in
            let first = try await c.client.listTools()
            #expect(first.tools.map(\.name) == ["a", "b"])
            let firstCursor = try #require(first.nextCursor)
            let second = try await c.client.listTools(cursor: firstCursor)
            #expect(second.tools.map(\.name) == ["c", "d"])
            let secondCursor = try #require(second.nextCursor)
            let third = try await c.client.listTools(cursor: secondCursor)
            #expect(third.tools.map(\.name) == ["e"])
            #expect(third.nextCursor == nil)

            let before = c.transport.sentRequests("tools/list").count
            #expect(try await c.client.listAllTools().map(\.name) == ["a", "b", "c", "d", "e"])
            let pages = c.transport.sentRequests("tools/list").dropFirst(before)
            #expect(pages.map { $0.params?["cursor"]?.stringValue } == [nil, first.nextCursor, second.nextCursor])
        }
    }

    @Test("resources: one page at a time with the cursor, or every page at once")
    func resourcePages() async throws {
        let server = MCPServer.testing(pageSize: 2)
        for index in 1...5 {
            server.addResource(Resource(uri: "test://r\(index)", name: "r\(index)")) { _ in [] }
        }
        try await TestConnection.withClient(to: server) { c in
            let first = try await c.client.listResources()
            #expect(first.resources.map(\.name) == ["r1", "r2"])
            let cursor = try #require(first.nextCursor)
            let second = try await c.client.listResources(cursor: cursor)
            #expect(second.resources.map(\.name) == ["r3", "r4"])
            #expect(try await c.client.listAllResources().map(\.uri) == (1...5).map { "test://r\($0)" })
            #expect(c.transport.sentRequests("resources/list").count == 2 + 3)
        }
    }

    @Test("resource templates: one page at a time with the cursor, or every page at once")
    func templatePages() async throws {
        let server = MCPServer.testing(pageSize: 2)
        for index in 1...3 {
            server.addResourceTemplate(ResourceTemplate(uriTemplate: "t\(index)://{x}", name: "t\(index)")) { _, _, _ in [] }
        }
        try await TestConnection.withClient(to: server) { c in
            let first = try await c.client.listResourceTemplates()
            #expect(first.resourceTemplates.map(\.name) == ["t1", "t2"])
            let cursor = try #require(first.nextCursor)
            let second = try await c.client.listResourceTemplates(cursor: cursor)
            #expect(second.resourceTemplates.map(\.name) == ["t3"])
            #expect(second.nextCursor == nil)
            #expect(try await c.client.listAllResourceTemplates().map(\.uriTemplate) == ["t1://{x}", "t2://{x}", "t3://{x}"])
        }
    }

    @Test("prompts: one page at a time with the cursor, or every page at once")
    func promptPages() async throws {
        let server = MCPServer.testing(pageSize: 3)
        for index in 1...7 {
            server.addPrompt(Prompt(name: "p\(index)")) { _, _ in GetPromptResult(messages: []) }
        }
        try await TestConnection.withClient(to: server) { c in
            let first = try await c.client.listPrompts()
            #expect(first.prompts.map(\.name) == ["p1", "p2", "p3"])
            let cursor = try #require(first.nextCursor)
            let second = try await c.client.listPrompts(cursor: cursor)
            #expect(second.prompts.map(\.name) == ["p4", "p5", "p6"])
            #expect(try await c.client.listAllPrompts().map(\.name) == (1...7).map { "p\($0)" })
        }
    }

    @Test("a cursor the server does not know is the server's invalid-params error")
    func invalidCursor() async throws {
        try await TestConnection.withClient(to: .testing(pageSize: 2)) { c in
            let error = try await #require(throws: MCPError.self) { try await c.client.listTools(cursor: "bogus") }
            #expect(error.code == .invalidParams)
        }
    }

    @Test("a server that repeats a cursor makes listAll fail with invalidResponse instead of looping")
    func repeatedCursor() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let all = Task { try await c.client.listAllTools() }
            let first = try await c.peer.nextRequest("tools/list")
            #expect(first.params?["cursor"] == nil)
            try await c.peer.reply(to: first.id, ["tools": [["name": "a", "inputSchema": ["type": "object"]]], "nextCursor": "page-2"])
            let second = try await c.peer.nextRequest("tools/list")
            #expect(second.params?["cursor"] == "page-2")
            try await c.peer.reply(to: second.id, ["tools": [], "nextCursor": "page-2"])
            let error = try await #require(throws: ClientError.self) { try await all.value }
            #expect(error.code == .invalidResponse)
            #expect(error.method == "tools/list")
            #expect(error.message.contains("page-2"))
            #expect(c.transport.sentRequests("tools/list").count == 2)
        }
    }

    @Test("the same goes for a cursor repeated after several pages")
    func cursorCycle() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let all = Task { try await c.client.listAllPrompts() }
            for cursor in ["x", "y", "x"] {
                let request = try await c.peer.nextRequest("prompts/list")
                try await c.peer.reply(to: request.id, ["prompts": [], "nextCursor": .string(cursor)])
            }
            let error = try await #require(throws: ClientError.self) { try await all.value }
            #expect(error.code == .invalidResponse)
        }
    }
}
