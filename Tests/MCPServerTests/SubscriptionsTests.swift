import MCPCore
import MCPServer
import Testing

/// Change notifications: `subscriptions/listen` streams in the stateless era, plain
/// notifications (and `resources/subscribe`) in the handshake era.
@Suite("Subscriptions and change notifications")
struct SubscriptionsTests {
    static let listChanged = [
        "notifications/tools/list_changed", "notifications/prompts/list_changed", "notifications/resources/list_changed",
    ]

    /// Makes every kind of change on `server`.
    static func changeEverything(_ server: MCPServer) {
        server.addTool(Tool(name: "new_tool", inputSchema: ["type": "object"])) { _, _ in CallToolResult(content: []) }
        server.addPrompt(Prompt(name: "new_prompt")) { _, _ in GetPromptResult(messages: []) }
        server.addResource(Resource(uri: "test://new", name: "new")) { _ in [] }
        server.notifyResourceUpdated(uri: "test://watched")
        server.notifyResourceUpdated(uri: "test://ignored")
    }

    @Test("a listen stream is acknowledged first, then carries what it opted in to, tagged with its id")
    func listen() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try await peer.send(
                "subscriptions/listen",
                stateless(["notifications": ["toolsListChanged": true, "promptsListChanged": false, "resourceSubscriptions": ["test://watched"], "unknownKind": true]]),
                id: "listen-1"
            )
            let acknowledged = try await peer.awaitNotifications("notifications/subscriptions/acknowledged")
            #expect(acknowledged.count == 1)
            let ack = try #require(acknowledged.first)
            try SpecSchema.expectValid(message: .notification(ack), "SubscriptionsAcknowledgedNotification")
            #expect(ack.params?["notifications"] == ["toolsListChanged": true, "resourceSubscriptions": ["test://watched"]])
            #expect(ack.params?["_meta"]?[MetaKeys.subscriptionID] == "listen-1")
            #expect(peer.notifications().first?.method == "notifications/subscriptions/acknowledged")

            Self.changeEverything(test.server)
            _ = try await peer.awaitNotifications("notifications/resources/updated")
            _ = try await peer.awaitNotifications("notifications/tools/list_changed")
            try await peer.settle()
            let delivered = peer.notifications().dropFirst()
            #expect(Set(delivered.map(\.method)) == ["notifications/tools/list_changed", "notifications/resources/updated"])
            #expect(delivered.count == 2)
            for notification in delivered {
                #expect(notification.params?["_meta"]?[MetaKeys.subscriptionID] == "listen-1")
                let definition = notification.method.hasSuffix("updated") ? "ResourceUpdatedNotification" : "ToolListChangedNotification"
                try SpecSchema.expectValid(message: .notification(notification), definition)
            }
            #expect(peer.notifications("notifications/resources/updated").first?.params?["uri"] == "test://watched")
            #expect(peer.response(to: id) == nil, "the listen request stays open")
        }
    }

    @Test("cancelling a listen request ends its stream without a response")
    func cancel() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try await peer.send("subscriptions/listen", stateless(["notifications": ["toolsListChanged": true]]))
            _ = try await peer.awaitNotifications("notifications/subscriptions/acknowledged")
            try await peer.notify("notifications/cancelled", ["requestId": id.jsonValue])
            // The server reads in order: once this answer is back, the cancellation was handled.
            _ = try await peer.request("tools/list", stateless())
            Self.changeEverything(test.server)
            try await peer.settle()
            #expect(peer.notifications("notifications/tools/list_changed").isEmpty)
            #expect(peer.response(to: id) == nil)
        }
    }

    @Test("concurrent streams each get what they asked for, under their own id")
    func concurrentStreams() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            try await peer.send("subscriptions/listen", stateless(["notifications": ["toolsListChanged": true]]), id: 1)
            try await peer.send("subscriptions/listen", stateless(["notifications": ["toolsListChanged": true, "resourcesListChanged": true]]), id: "two")
            _ = try await peer.awaitNotifications("notifications/subscriptions/acknowledged", count: 2)
            Self.changeEverything(test.server)
            let tools = try await peer.awaitNotifications("notifications/tools/list_changed", count: 2)
            let resources = try await peer.awaitNotifications("notifications/resources/list_changed")
            try await peer.settle()
            #expect(Set(tools.compactMap { $0.params?["_meta"]?[MetaKeys.subscriptionID] }) == [1, "two"])
            #expect(resources.map { $0.params?["_meta"]?[MetaKeys.subscriptionID] } == ["two"])
            #expect(peer.notifications("notifications/prompts/list_changed").isEmpty)
        }
    }

    @Test("endSubscriptions answers open listen requests with their result")
    func serverEnds() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try await peer.send("subscriptions/listen", stateless(["notifications": ["promptsListChanged": true]]), id: 7)
            _ = try await peer.awaitNotifications("notifications/subscriptions/acknowledged")
            test.server.endSubscriptions()
            let message = try await peer.awaitResponse(to: id)
            try SpecSchema.expectValid(message: message, "SubscriptionsListenResult")
            let result = try await peer.result(of: id)
            #expect(result["resultType"] == "complete")
            #expect(result["_meta"]?[MetaKeys.subscriptionID] == 7)
            #expect(result["_meta"]?[MetaKeys.serverInfo]?["name"] == "test-server")
        }
    }

    @Test("stateless connections get no change notifications outside a listen stream")
    func nothingWithoutListen() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await peer.request("server/discover", stateless())
            Self.changeEverything(test.server)
            try await peer.settle()
            #expect(peer.notifications().isEmpty)
        }
    }

    @Test("handshake sessions get list changes once initialized, and updates of subscribed resources")
    func handshakeEra() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            try await handshake(peer)
            _ = try await peer.request("resources/subscribe", ["uri": "test://watched"])
            Self.changeEverything(test.server)
            _ = try await peer.awaitNotifications("notifications/resources/updated")
            for method in Self.listChanged { _ = try await peer.awaitNotifications(method) }
            try await peer.settle()
            #expect(peer.notifications("notifications/resources/updated").map { $0.params?["uri"] } == ["test://watched"])
            #expect(peer.notifications().allSatisfy { $0.params?["_meta"] == nil })
            _ = try await peer.request("resources/unsubscribe", ["uri": "test://watched"])
            test.server.notifyResourceUpdated(uri: "test://watched")
            try await peer.settle()
            #expect(peer.notifications("notifications/resources/updated").count == 1)
        }
    }
}
