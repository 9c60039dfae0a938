import MCPClient
import MCPCore
import MCPServer
import Testing

/// One subscription API over both eras: `subscriptions/listen` (2026-07-28) and
/// `resources/subscribe` + list_changed (handshake era).
@Suite("Subscriptions")
struct SubscriptionTests {
    static let filter = SubscriptionFilter(toolsListChanged: true, resourceSubscriptions: ["file:///notes.md"])

    static func tagged(_ id: RequestID, _ params: JSONObject = [:]) throws -> JSONObject {
        var params = params
        params["_meta"] = ["io.modelcontextprotocol/subscriptionId": try JSONValue(encoding: id)]
        return params
    }

    @Test("stateless: listen is acknowledged, notifications are demultiplexed by subscription id, cancel ends the stream")
    func statelessListen() async throws {
        try await TestConnection.withStatelessClient { c in
            let opening = Task { try await c.client.subscribe(Self.filter) }
            let listen = try await c.peer.nextRequest("subscriptions/listen")
            #expect(listen.params?["notifications"] == ["toolsListChanged": true, "resourceSubscriptions": ["file:///notes.md"]])
            #expect(listen.params?["_meta"]?["io.modelcontextprotocol/protocolVersion"] == "2026-07-28")
            try await c.peer.notify("notifications/subscriptions/acknowledged", Self.tagged(listen.id, ["notifications": ["toolsListChanged": true]]))
            let subscription = try await opening.value
            #expect(subscription.acknowledged == SubscriptionFilter(toolsListChanged: true))
            #expect(subscription.listenRequestID == listen.id)

            // Another subscription's notification, and an untagged one, are not ours.
            try await c.peer.notify("notifications/tools/list_changed", Self.tagged(.string("someone-else")))
            try await c.peer.notify("notifications/tools/list_changed")
            try await c.peer.notify("notifications/tools/list_changed", Self.tagged(listen.id))
            try await c.peer.notify("notifications/resources/updated", Self.tagged(listen.id, ["uri": "file:///notes.md"]))
            var iterator = subscription.makeAsyncIterator()
            #expect(try await iterator.next() == .toolsListChanged)
            #expect(try await iterator.next() == .resourceUpdated(uri: "file:///notes.md"))

            await subscription.cancel()
            #expect(try await iterator.next() == nil)
            let cancelled = try await c.peer.nextNotification()
            #expect(cancelled.method == "notifications/cancelled")
            #expect(cancelled.params?["requestId"] == (try JSONValue(encoding: listen.id)))
        }
    }

    @Test("stateless: an acknowledgement of something not asked for is refused")
    func overAcknowledged() async throws {
        try await TestConnection.withStatelessClient { c in
            let opening = Task { try await c.client.subscribe(SubscriptionFilter(toolsListChanged: true)) }
            let listen = try await c.peer.nextRequest("subscriptions/listen")
            try await c.peer.notify("notifications/subscriptions/acknowledged", Self.tagged(listen.id, ["notifications": ["toolsListChanged": true, "promptsListChanged": true]]))
            let error = await #expect(throws: ClientError.self) { try await opening.value }
            #expect(error?.code == .invalidResponse)
        }
    }

    @Test("stateless: several subscriptions at once; the server ending one ends only that one")
    func severalAtOnce() async throws {
        try await TestConnection.withStatelessClient { c in
            let first = Task { try await c.client.subscribe(SubscriptionFilter(toolsListChanged: true)) }
            let firstListen = try await c.peer.nextRequest("subscriptions/listen")
            try await c.peer.notify("notifications/subscriptions/acknowledged", Self.tagged(firstListen.id, ["notifications": ["toolsListChanged": true]]))
            let tools = try await first.value
            let second = Task { try await c.client.subscribe(SubscriptionFilter(promptsListChanged: true)) }
            let secondListen = try await c.peer.nextRequest("subscriptions/listen")
            try await c.peer.notify("notifications/subscriptions/acknowledged", Self.tagged(secondListen.id, ["notifications": ["promptsListChanged": true]]))
            let prompts = try await second.value

            try await c.peer.notify("notifications/prompts/list_changed", Self.tagged(secondListen.id))
            try await c.peer.notify("notifications/tools/list_changed", Self.tagged(firstListen.id))
            var toolEvents = tools.makeAsyncIterator()
            var promptEvents = prompts.makeAsyncIterator()
            #expect(try await toolEvents.next() == .toolsListChanged)
            #expect(try await promptEvents.next() == .promptsListChanged)
            // The server ends the second gracefully.
            try await c.peer.reply(to: secondListen.id, ["resultType": "complete"])
            #expect(try await promptEvents.next() == nil)
            try await c.peer.notify("notifications/tools/list_changed", Self.tagged(firstListen.id))
            #expect(try await toolEvents.next() == .toolsListChanged)
            await tools.cancel()
        }
    }

    @Test("stateless: no acknowledgement within the timeout is a timeout error")
    func unacknowledged() async throws {
        try await TestConnection.withStatelessClient(requestTimeout: TestSanitizer.scaled(.milliseconds(300))) { c in
            let opening = Task { try await c.client.subscribe(SubscriptionFilter(toolsListChanged: true)) }
            _ = try await c.peer.nextRequest("subscriptions/listen")
            let error = await #expect(throws: ClientError.self) { try await opening.value }
            #expect(error?.code == .timedOut)
        }
    }

    @Test("handshake era: resources/subscribe per URI, list_changed through the same events, unsubscribe on cancel")
    func handshakeEra() async throws {
        let server = MCPServer.testing()
        server.addResource(Resource(uri: "file:///notes.md", name: "notes")) { _ in [.text(TextResourceContents(uri: "file:///notes.md", text: "v1"))] }
        try await TestConnection.withClient(to: server) { c in
            let subscription = try await c.client.subscribe(Self.filter)
            #expect(subscription.acknowledged == Self.filter)
            #expect(c.transport.sentRequests("resources/subscribe").map { $0.params?["uri"] } == ["file:///notes.md"])
            var events = subscription.makeAsyncIterator()
            server.addTool(Tool(name: "new")) { _, _ in CallToolResult(content: []) }
            #expect(try await events.next() == .toolsListChanged)
            server.notifyResourceUpdated(uri: "file:///notes.md")
            #expect(try await events.next() == .resourceUpdated(uri: "file:///notes.md"))
            await subscription.cancel()
            #expect(try await events.next() == nil)
            try await waitUntil { c.transport.sentRequests("resources/unsubscribe").count == 1 }
        }
    }
}
