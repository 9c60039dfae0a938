import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Failure paths")
struct FailurePathsTests {
    /// Asks for `tools/list` and lets `answer` reply to it; returns the outcome.
    static func listTools(
        _ c: TestConnection.PeerConnection,
        answer: @Sendable (JSONRPCRequest) async throws -> Void
    ) async throws -> Result<ListToolsResult, any Error> {
        let call = Task { try await c.client.listTools() }
        let request = try await c.peer.nextRequest("tools/list")
        try await answer(request)
        return await call.result
    }

    @Test("unreadable messages are reported as invalid and the session carries on")
    func malformedInbound() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let incoming = try c.client.incomingMessages()
            try c.peer.sendRaw("this is not json")
            try c.peer.sendRaw(#"{"jsonrpc":"2.0","id":7,"method":5}"#)
            try c.peer.sendRaw(#"{"jsonrpc":"2.0","method":"notifications/message","params":[1,2]}"#)
            try c.peer.sendRaw(Array(#"{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":""#.utf8) + [0xFF, 0xFE, 0x22] + Array("}}".utf8))
            try c.peer.sendRaw(#"{"jsonrpc":"1.0","id":8,"result":{}}"#)
            try c.peer.sendRaw(#"{"jsonrpc":"2.0","id":9,"error":"boom"}"#)
            let messages = try await first(6, of: incoming)
            #expect(messages.map(\.summary) == Array(repeating: "invalid message", count: 6))
            var reasons: [String] = []
            for message in messages {
                if case .invalidMessage(let error) = message { reasons.append(error.reason) }
            }
            #expect(reasons[0].isEmpty == false)
            #expect(reasons[1].contains("method"))
            #expect(reasons[2].contains("params"))
            #expect(reasons[3].contains("UTF-8"))
            // The unreadable request with a readable id gets an error response; the unreadable
            // responses (ids 8 and 9) get none.
            guard case .errorResponse(let response) = try await c.peer.nextResponse() else {
                Issue.record("expected an error response")
                return
            }
            #expect(response.id == 7)
            #expect(response.error.code == .invalidRequest)
            #expect(c.client.isConnected)
            let tools = try await Self.listTools(c) { request in
                try await c.peer.reply(to: request.id, ["tools": []])
            }
            #expect(try tools.get().tools.isEmpty)
            #expect(!c.transport.outboundMessages.contains { $0.responseID == 8 || $0.responseID == 9 })
        }
    }

    @Test("an unreadable response fails its request at once with invalidResponse, and is not answered", arguments: [
        #"{"jsonrpc":"2.0","id":ID,"error":"boom"}"#,
        #"{"jsonrpc":"2.0","id":ID,"error":{"code":"x","message":"m"}}"#,
        #"{"jsonrpc":"1.0","id":ID,"result":{"tools":[]}}"#,
    ])
    func unreadableResponse(_ template: String) async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let (outcome, elapsed) = try await measure {
                try await Self.listTools(c) { request in
                    try c.peer.sendRaw(template.replacing("ID", with: request.id.jsonValue.jsonString()))
                }
            }
            let error = try #require(throws: ClientError.self) { try outcome.get() }
            #expect(error.code == .invalidResponse)
            #expect(error.method == "tools/list")
            #expect(error.underlyingError is InvalidMessageError)
            #expect(elapsed < TestSanitizer.scaled(.seconds(1)))
            // Nothing was sent back: the next message the server sees is the next request.
            async let pong: Void = c.client.ping()
            let next = try await c.peer.next()
            #expect(next.request?.method == "ping")
            try await c.peer.reply(to: try #require(next.request?.id), [:])
            try await pong
        }
    }

    @Test("an error response carries the server's code, message and data")
    func errorWithData() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let sent = MCPError(code: -32050, message: "quota exceeded", data: ["retryAfter": 30, "scope": ["tools"]])
            let outcome = try await Self.listTools(c) { request in try await c.peer.replyError(to: request.id, sent) }
            #expect(throws: sent) { try outcome.get() }
            #expect(throws: MCPError.self) { try outcome.get() }
        }
    }

    @Test("an error without a message is still an MCPError with its code")
    func errorWithoutMessage() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let outcome = try await Self.listTools(c) { request in
                try c.peer.sendRaw(#"{"jsonrpc":"2.0","id":\#(request.id.jsonValue),"error":{"code":-32603}}"#)
            }
            #expect(throws: MCPError(code: .internalError, message: "")) { try outcome.get() }
        }
    }

    @Test("an error response with a null id is reported as unmatched and the request still waits for its answer")
    func errorWithNullID() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let incoming = try c.client.incomingMessages()
            let outcome = try await Self.listTools(c) { request in
                try c.peer.sendRaw(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#)
                let unmatched = try await first(1, of: incoming)
                #expect(unmatched.map(\.summary) == ["unmatched nil"])
                try await c.peer.reply(to: request.id, ["tools": [["name": "late", "inputSchema": ["type": "object"]]]])
            }
            #expect(try outcome.get().tools.map(\.name) == ["late"])
        }
    }

    @Test("a result that is not an object fails with invalidResponse")
    func resultNotObject() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            for value: JSONValue in [42, "ok", [1, 2], .null] {
                let outcome = try await Self.listTools(c) { request in try await c.peer.reply(to: request.id, value) }
                let error = try #require(throws: ClientError.self) { try outcome.get() }
                #expect(error.code == .invalidResponse)
                #expect(error.method == "tools/list")
                #expect(error.message.contains("object"))
            }
        }
    }

    @Test("a result whose members have the wrong types fails with invalidResponse naming the path")
    func resultWrongTypes() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let cases: [(JSONValue, String)] = [
                (["tools": [["name": "ok", "inputSchema": [:]], ["name": 5, "inputSchema": [:]]]], "tools[1].name"),
                (["tools": "none"], "tools"),
                (["tools": [["inputSchema": [:]]]], "tools[0].name"),
                (["tools": [], "nextCursor": 3], "nextCursor"),
            ]
            for (result, path) in cases {
                let outcome = try await Self.listTools(c) { request in try await c.peer.reply(to: request.id, result) }
                let error = try #require(throws: ClientError.self) { try outcome.get() }
                #expect(error.code == .invalidResponse)
                #expect(error.message.contains(path), "\(error.message) should name \(path)")
                #expect(error.underlyingError is DecodingError)
            }
            // callTool results too.
            let call = Task { try await c.client.callTool("t") }
            let request = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: request.id, ["content": [["type": "text", "text": ["not": "text"]]]])
            let error = try await #require(throws: ClientError.self) { try await call.value }
            #expect(error.message.contains("content[0].text"))
        }
    }

    @Test("a result with an unknown resultType fails with invalidResponse")
    func unknownResultType() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let outcome = try await Self.listTools(c) { request in
                try await c.peer.reply(to: request.id, ["resultType": "deferred", "tools": []])
            }
            let error = try #require(throws: ClientError.self) { try outcome.get() }
            #expect(error.code == .invalidResponse)
            #expect(error.message.contains("deferred"))
            // "complete" is the ordinary result.
            let complete = try await Self.listTools(c) { request in
                try await c.peer.reply(to: request.id, ["resultType": "complete", "tools": []])
            }
            #expect(try complete.get().tools.isEmpty)
        }
    }

    @Test("the peer closing fails every pending request at once with connectionClosed")
    func peerCloses() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let incoming = try c.client.incomingMessages()
            let calls = (0..<5).map { index in Task { try await c.client.callTool("t\(index)") } }
            for _ in 0..<5 { _ = try await c.peer.nextRequest("tools/call") }
            let clock = ContinuousClock()
            let start = clock.now
            await c.peer.transport.close()
            for call in calls {
                let error = try await #require(throws: ClientError.self) { try await call.value }
                #expect(error.code == .connectionClosed)
            }
            #expect(clock.now - start < TestSanitizer.scaled(.milliseconds(100)))
            #expect(!c.client.isConnected)
            let reason = try #require(try c.client.session().closeReason)
            #expect(reason.code == .connectionClosed)
            #expect(reason.message.contains("peer closed"))
            let later = try await #require(throws: ClientError.self) { try await c.client.ping() }
            #expect(later.code == .connectionClosed)
            // The incoming stream reports the close, then ends.
            let all = try await untilEnd(of: incoming)
            #expect(all.last?.summary == "closed")
        }
    }

    @Test("a failing transport fails pending requests with the failure as the cause")
    func transportFailure() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let call = Task { try await c.client.callTool("t") }
            _ = try await c.peer.nextRequest("tools/call")
            c.clientSide.fail(with: TransportError(.processExited, "server exited with status 3"))
            let error = try await #require(throws: ClientError.self) { try await call.value }
            #expect(error.code == .connectionClosed)
            let cause = try #require(error.underlyingError as? TransportError)
            #expect(cause.code == .processExited)
            #expect(error.description.contains("status 3"))
            #expect((try c.client.session().closeReason?.underlyingError as? TransportError)?.code == .processExited)
            #expect(!c.client.isConnected)
        }
    }

    @Test("a response to an id that was never used is reported as unmatched and ignored")
    func bogusResponse() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let incoming = try c.client.incomingMessages()
            try await c.peer.reply(to: "never-sent", ["x": 1])
            try await c.peer.replyError(to: 424242, .internalError())
            #expect(try await first(2, of: incoming).map(\.summary) == ["unmatched \"never-sent\"", "unmatched 424242"])
            #expect(c.client.isConnected)
        }
    }
}
