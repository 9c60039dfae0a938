import MCPCore
import MCPServer
import Testing

/// Log messages, progress and cancellation, which in the stateless era belong to one request.
@Suite("Request-scoped notifications and cancellation")
struct RequestScopedNotificationsTests {
    @Test("a stateless request gets log messages at or above its own level, and none without one",
          arguments: [(nil, [String]()), ("debug", ["debug detail", "watch out"]), ("warning", ["watch out"]), ("error", [])] as [(String?, [String])])
    func statelessLogging(level: String?, expected: [String]) async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await peer.request("tools/call", stateless(["name": "chatty"], logLevel: level))
            try await peer.settle()
            let messages = peer.notifications("notifications/message")
            #expect(messages.map { $0.params?["data"]?.stringValue ?? "" } == expected)
            for message in messages {
                try SpecSchema.expectValid(message: .notification(message), "LoggingMessageNotification")
            }
        }
    }

    @Test("session-wide log messages reach handshake sessions only")
    func serverWideLog() async throws {
        let test = TestServer()
        let legacy = try await WirePeer(test.server)
        let modern = try await WirePeer(test.server)
        try await handshake(legacy)
        _ = try await legacy.request("logging/setLevel", ["level": "info"])
        _ = try await modern.request("server/discover", stateless(logLevel: "debug"))
        await test.server.log(.debug, "too quiet")
        await test.server.log(.error, "broadcast")
        _ = try await legacy.awaitNotifications("notifications/message")
        try await modern.settle()
        #expect(legacy.notifications("notifications/message").map { $0.params?["data"] } == ["broadcast"])
        #expect(modern.notifications("notifications/message").isEmpty)
        await legacy.close()
        await modern.close()
    }

    @Test("the handshake era's logging/setLevel still filters", arguments: [("debug", 2), ("warning", 1), ("error", 0)])
    func handshakeLogging(level: String, count: Int) async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            try await handshake(peer)
            _ = try await peer.request("logging/setLevel", ["level": .string(level)])
            _ = try await peer.request("tools/call", ["name": "chatty"])
            try await peer.settle()
            #expect(peer.notifications("notifications/message").count == count)
        }
    }

    @Test("progress goes to the request that asked with its token", arguments: [false, true])
    func progress(stateless isStateless: Bool) async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            if !isStateless { try await handshake(peer) }
            let withToken: JSONObject = ["name": "chatty", "_meta": ["progressToken": "p-1"]]
            var params = isStateless ? stateless(["name": "chatty"], extra: ["progressToken": "p-1"]) : withToken
            _ = try await peer.request("tools/call", params)
            params = isStateless ? stateless(["name": "chatty"]) : ["name": "chatty"]
            _ = try await peer.request("tools/call", params)
            try await peer.settle()
            let progress = peer.notifications("notifications/progress")
            #expect(progress.map { $0.params?["progress"] } == [1, 2])
            #expect(progress.allSatisfy { $0.params?["progressToken"] == "p-1" })
            if isStateless {
                for notification in progress {
                    try SpecSchema.expectValid(message: .notification(notification), "ProgressNotification")
                }
            }
        }
    }

    @Test("notifications/cancelled cancels the handler, and the request gets no response", arguments: [false, true])
    func cancellation(stateless isStateless: Bool) async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            if !isStateless { try await handshake(peer) }
            let id = try await peer.send("tools/call", isStateless ? stateless(["name": "slow"]) : ["name": "slow"])
            try await waitUntil { test.runCount("slow") == 1 }
            try await peer.notify("notifications/cancelled", ["requestId": id.jsonValue, "reason": "changed my mind"])
            try await waitUntil { test.wasCancelled("slow") }
            try await peer.settle()
            #expect(peer.response(to: id) == nil)
            // The connection carries on.
            let after = try await peer.request("tools/call", isStateless ? stateless(["name": "add", "arguments": ["a": 1]]) : ["name": "add", "arguments": ["a": 1]])
            #expect(after["content"] == [["type": "text", "text": "1.0"]])
        }
    }
}
