import MCPClient
import MCPCore
import MCPServer
import Testing

/// The test harness itself: what the recording transport tracks and what its default check
/// catches, so a silent harness cannot pass for a clean client.
@Suite("Harness")
struct HarnessTests {
    @Test("the recorded version follows the initialize offer, then the server's answer")
    func versionFollowsHandshake() async throws {
        try await TestConnection.withClient(to: .testing(protocolVersions: [.v2024_11_05])) { c in
            try await c.client.ping()
            let outbound = c.transport.outbound
            #expect(outbound.first?.message.request?.method == "initialize")
            #expect(outbound.first?.version == .v2025_11_25)
            #expect(outbound.dropFirst().allSatisfy { $0.version == .v2024_11_05 })
            #expect(outbound.count == 3)
            #expect(c.transport.problems.isEmpty)
        }
    }

    @Test("each outbound response is tied to the method of the server request it answers")
    func answeredMethodIsTracked() async throws {
        let handlers = ClientHandlers(roots: { _ in [Root(uri: "file:///tmp")] })
        try await TestConnection.withClient(toPeerAnswering: .v2025_06_18, handlers: handlers) { c in
            try await c.peer.request(id: "r", "roots/list")
            try await c.peer.request(id: 7, "ping")
            try await c.peer.request(id: 8, "no/such/method")
            var answered: [RequestID] = []
            for _ in 0..<3 { answered.append(try #require(try await c.peer.nextResponse().responseID)) }
            #expect(Set(answered) == ["r", 7, 8])
            let responses = c.transport.outbound.filter { $0.message.responseID != nil }
            let methods = Dictionary(uniqueKeysWithValues: responses.map { ($0.message.responseID!, $0.methodOfAnsweredRequest) })
            #expect(methods == ["r": "roots/list", 7: "ping", 8: "no/such/method"])
            #expect(responses.allSatisfy { $0.version == .v2025_06_18 })
        }
    }

    @Test("2026-07-28 requests set the recorded version from their _meta")
    func versionFromMeta() async throws {
        try await TestConnection.withSession { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            async let pong = c.session.send(PingRequestParams())
            let ping = try await c.peer.nextRequest("ping")
            try await c.peer.reply(to: ping.id, [:])
            _ = try await pong
            #expect(c.transport.protocolVersion == .v2026_07_28)
            #expect(c.transport.outbound.last?.version == .v2026_07_28)
        }
    }

    @Test("the default check catches malformed messages")
    func defaultCheckCatchesProblems() {
        let check = OutboundChecks.jsonRPCShape
        #expect(check(.request(JSONRPCRequest(id: 1, method: "ping")), .v2025_11_25, nil).isEmpty)
        #expect(check(.response(JSONRPCResponse(id: 1, result: [:])), .v2025_11_25, "ping").isEmpty)
        #expect(check(.errorResponse(JSONRPCErrorResponse(id: nil, error: .parseError())), nil, nil).isEmpty)

        #expect(!check(.response(JSONRPCResponse(id: 1, result: 42)), .v2025_11_25, "ping").isEmpty)
        #expect(!check(.response(JSONRPCResponse(id: 1, result: [:])), .v2025_11_25, nil).isEmpty)
        #expect(!check(.request(JSONRPCRequest(id: 1, method: "")), .v2025_11_25, nil).isEmpty)
        #expect(!check(.notification(JSONRPCNotification(method: "n", params: ["_meta": 3])), .v2025_11_25, nil).isEmpty)
    }

    @Test("the schema check validates against the official schema of the version in use")
    func schemaCheckCatchesViolations() {
        let check = WireSchemaCheck.check
        let call = JSONRPCRequest(id: 1, method: "tools/call", params: ["name": "echo", "arguments": ["text": "hi"]])
        #expect(check(.request(call), .v2025_11_25, nil) == [])
        // tools/call without its required name, in every version's own schema.
        let nameless = JSONRPCRequest(id: 2, method: "tools/call", params: ["arguments": [:]])
        for version: ProtocolVersion in ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"] {
            #expect(check(.request(nameless), version, nil).contains { $0.contains("CallToolRequest") && $0.contains("required") }, "\(version)")
        }
        // A sampling result answering the server must carry role, content and model.
        let incomplete = JSONRPCResponse(id: 3, result: ["model": "m"])
        #expect(check(.response(incomplete), .v2025_11_25, "sampling/createMessage").contains { $0.contains("CreateMessageResult") })
        let complete = JSONRPCResponse(id: 3, result: ["model": "m", "role": "assistant", "content": ["type": "text", "text": "hi"]])
        #expect(check(.response(complete), .v2025_11_25, "sampling/createMessage") == [])
        // The elicitation result of 2025-06-18 has no "url" mode yet: an unknown action is refused.
        #expect(!check(.response(JSONRPCResponse(id: 4, result: ["action": "maybe"])), "2025-06-18", "elicitation/create").isEmpty)
        // Versions without an official schema get the shape check only.
        #expect(check(.request(nameless), "1999-01-01", nil) == [])
    }
}
