import MCPClient
import MCPCore
import Testing

/// The 2026-07-28 plumbing of ClientSession: per-request `_meta`, and `input_required` rounds.
@Suite("Stateless protocol (2026-07-28)")
struct StatelessProtocolTests {
    static let samplingParams = CreateMessageRequestParams(messages: [SamplingMessage(role: .user, content: .text("Summarise"))], maxTokens: 20)
    static let elicitationParams = ElicitRequestParams.form(ElicitRequestFormParams(
        message: "Which branch?",
        requestedSchema: ElicitationSchema(properties: [.init(name: "branch", schema: .string(StringSchema()))], required: ["branch"])
    ))

    /// Handlers for all three kinds of input, recording what they were asked.
    static func handlers(seen: Recorder<String>) -> ClientHandlers {
        ClientHandlers(
            sampling: { params, context in
                seen.append("sampling \(context.inputKey ?? "-") \(context.protocolVersion?.rawValue ?? "-") \(params.messages.first?.content.text ?? "")")
                return CreateMessageResult(role: .assistant, content: .text("a summary"), model: "test-model")
            },
            elicitation: { params, context in
                seen.append("elicitation \(context.inputKey ?? "-") \(params.message ?? "")")
                return .accept(["branch": "main"])
            },
            roots: { context in
                seen.append("roots \(context.inputKey ?? "-")")
                return [Root(uri: "file:///repo", name: "repo")]
            }
        )
    }

    static func inputRequired(_ requests: InputRequests, state: String?) throws -> JSONValue {
        try JSONValue(encoding: InputRequiredResult(inputRequests: requests, requestState: state))
    }

    @Test("every request carries the protocol version, the client's capabilities and info in its _meta")
    func metaOnEveryRequest() async throws {
        let handlers = ClientHandlers(roots: { _ in [] })
        try await TestConnection.withSession(handlers: handlers) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            #expect(c.session.protocolVersion == .v2026_07_28)
            let expectedCapabilities = try JSONValue(encoding: c.session.statelessCapabilities)
            // The handlers' capabilities, and the tasks extension the client drives by default.
            #expect(expectedCapabilities == ["roots": ["listChanged": true], "extensions": ["io.modelcontextprotocol/tasks": [:]]])
            let expectedInfo = try JSONValue(encoding: TestConnection.configuration.clientInfo)

            async let tools = c.session.send(ListToolsRequestParams())
            let list = try await c.peer.nextRequest("tools/list")
            try await c.peer.reply(to: list.id, ["resultType": "complete", "tools": []])
            #expect(try await tools.tools.isEmpty)

            c.session.setRequestLogLevel(.warning)
            async let call = c.session.send(CallToolRequestParams(name: "t", arguments: ["x": 1], meta: ["trace": "t-1"]))
            let toolCall = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: toolCall.id, ["content": []])
            _ = try await call

            c.session.setRequestLogLevel(nil)
            async let pong = c.session.send(PingRequestParams())
            let ping = try await c.peer.nextRequest("ping")
            try await c.peer.reply(to: ping.id, [:])
            _ = try await pong

            for request in [list, toolCall, ping] {
                let meta = try #require(request.params?["_meta"])
                #expect(meta[MetaKeys.protocolVersion] == "2026-07-28")
                #expect(meta[MetaKeys.clientCapabilities] == expectedCapabilities)
                #expect(meta[MetaKeys.clientInfo] == expectedInfo)
            }
            #expect(list.params?["_meta"]?[MetaKeys.logLevel] == nil)
            #expect(toolCall.params?["_meta"]?[MetaKeys.logLevel] == "warning")
            #expect(ping.params?["_meta"]?[MetaKeys.logLevel] == nil)
            // The caller's own _meta and parameters are kept.
            #expect(toolCall.params?["_meta"]?["trace"] == "t-1")
            #expect(toolCall.params?["arguments"] == ["x": 1])
            // No handshake happened.
            #expect(c.transport.sentRequests("initialize").isEmpty)
        }
    }

    @Test("an input_required result is fulfilled by the handlers and retried with a new id, the answers and the state")
    func inputRequiredRound() async throws {
        let seen = Recorder<String>()
        try await TestConnection.withSession(handlers: Self.handlers(seen: seen)) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            async let result = c.session.send(CallToolRequestParams(name: "deploy", arguments: ["env": "prod"]))
            let first = try await c.peer.nextRequest("tools/call")
            #expect(first.params?["inputResponses"] == nil)
            #expect(first.params?["requestState"] == nil)
            let state = #"opaque:{"step":2,"sig":"a+b/c=="} ✓"#
            try await c.peer.reply(to: first.id, try Self.inputRequired([
                "confirm_branch": .elicitation(Self.elicitationParams),
                "summary": .sampling(Self.samplingParams),
                "workspace": .roots(ListRootsRequestParams()),
            ], state: state))

            let retry = try await c.peer.nextRequest("tools/call")
            #expect(retry.id != first.id)
            #expect(retry.params?["name"] == "deploy")
            #expect(retry.params?["arguments"] == ["env": "prod"])
            #expect(retry.params?["requestState"] == .string(state))
            #expect(retry.params?["_meta"]?[MetaKeys.protocolVersion] == "2026-07-28")
            let responses = try #require(retry.params?["inputResponses"]?.objectValue)
            #expect(Set(responses.keys) == ["confirm_branch", "summary", "workspace"])
            #expect(responses["confirm_branch"] == ["action": "accept", "content": ["branch": "main"]])
            #expect(responses["summary"] == (try JSONValue(encoding: CreateMessageResult(role: .assistant, content: .text("a summary"), model: "test-model"))))
            #expect(responses["workspace"] == ["roots": [["uri": "file:///repo", "name": "repo"]]])
            #expect(Set(seen.values) == [
                "elicitation confirm_branch Which branch?",
                "sampling summary 2026-07-28 Summarise",
                "roots workspace",
            ])

            try await c.peer.reply(to: retry.id, ["resultType": "complete", "content": [["type": "text", "text": "deployed"]]])
            #expect(try await result.text == "deployed")
            #expect(c.transport.sentRequests("tools/call").count == 2)
        }
    }

    @Test("requestState is omitted when the server sent none, also after a round that had one")
    func requestStateOmitted() async throws {
        let seen = Recorder<String>()
        try await TestConnection.withSession(handlers: Self.handlers(seen: seen)) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            async let result = c.session.send(ReadResourceRequestParams(uri: "repo://secret"))
            let first = try await c.peer.nextRequest("resources/read")
            try await c.peer.reply(to: first.id, try Self.inputRequired(["r": .roots(ListRootsRequestParams())], state: "s1"))
            let second = try await c.peer.nextRequest("resources/read")
            #expect(second.params?["requestState"] == "s1")
            #expect(second.params?["inputResponses"]?["r"] != nil)
            try await c.peer.reply(to: second.id, try Self.inputRequired(["e": .elicitation(Self.elicitationParams)], state: nil))
            let third = try await c.peer.nextRequest("resources/read")
            #expect(third.params?.contains(key: "requestState") == false)
            #expect(third.params?["inputResponses"]?.objectValue?.keys == ["e"])
            #expect(third.params?["uri"] == "repo://secret")
            #expect(Set([first.id, second.id, third.id]).count == 3)
            try await c.peer.reply(to: third.id, ["contents": [["uri": "repo://secret", "text": "42"]]])
            #expect(try await result.text == "42")
        }
    }

    @Test("more input_required rounds than allowed fail with tooManyRounds")
    func tooManyRounds() async throws {
        var configuration = TestConnection.configuration
        configuration.maximumInputRounds = 2
        try await TestConnection.withSession(configuration: configuration, handlers: Self.handlers(seen: Recorder())) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let call = Task { try await c.session.send(CallToolRequestParams(name: "loop")) }
            for round in 0...2 {
                let request = try await c.peer.nextRequest("tools/call")
                try await c.peer.reply(to: request.id, try Self.inputRequired(["r": .roots(ListRootsRequestParams())], state: "round \(round)"))
            }
            let error = try await #require(throws: ClientError.self) { try await call.value }
            #expect(error.code == .tooManyRounds)
            #expect(error.method == "tools/call")
            // The initial request and the two allowed retries, nothing more.
            #expect(c.transport.sentRequests("tools/call").count == 3)
        }
    }

    @Test("an input request without a handler fails with capabilityNotSupported and is not retried")
    func inputWithoutHandler() async throws {
        let handlers = ClientHandlers(roots: { _ in [] })
        try await TestConnection.withSession(handlers: handlers) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let call = Task { try await c.session.send(CallToolRequestParams(name: "t")) }
            let request = try await c.peer.nextRequest("tools/call")
            try await c.peer.reply(to: request.id, try Self.inputRequired([
                "r": .roots(ListRootsRequestParams()),
                "s": .sampling(Self.samplingParams),
            ], state: nil))
            let error = try await #require(throws: ClientError.self) { try await call.value }
            #expect(error.code == .capabilityNotSupported)
            #expect(c.transport.sentRequests("tools/call").count == 1)
        }
    }

    @Test("a legacy session adds no protocol _meta")
    func legacyHasNoMeta() async throws {
        try await TestConnection.withClient(toPeerAnswering: .v2025_06_18) { c in
            async let pong: Void = c.client.ping()
            let ping = try await c.peer.nextRequest("ping")
            try await c.peer.reply(to: ping.id, [:])
            try await pong
            #expect(ping.params?["_meta"] == nil)
            #expect(c.initializeRequest.params?["_meta"] == nil)
        }
    }

    @Test("manual mode: input requests go to the caller, whose retry echoes requestState (or none) with a new id")
    func manualInputRounds() async throws {
        var configuration = TestConnection.configuration
        configuration.fulfilsInputRequests = false
        try await TestConnection.withSession(configuration: configuration) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let call = Task { try await c.session.send(CallToolRequestParams(name: "deploy", arguments: ["env": "prod"])) }
            let first = try await c.peer.nextRequest("tools/call")
            let ask: InputRequests = ["confirm": .elicitation(Self.elicitationParams)]
            try await c.peer.reply(to: first.id, try Self.inputRequired(ask, state: "s=1/é"))
            let pending = try await #require(throws: InputRequiredError.self) { try await call.value }
            #expect(pending.method == "tools/call")
            #expect(pending.result.inputRequests?.keys.contains("confirm") == true)
            #expect(pending.description.contains("confirm"))

            let answers: JSONObject = ["confirm": try JSONValue(encoding: ElicitResult.accept(["branch": "main"]))]
            let retried = Task { try await c.session.retry(pending, inputResponses: answers) }
            let second = try await c.peer.nextRequest("tools/call")
            #expect(second.id != first.id)
            #expect(second.params?["requestState"] == "s=1/é")
            #expect(second.params?["inputResponses"]?["confirm"]?["action"] == "accept")
            #expect(second.params?["arguments"] == ["env": "prod"])
            // Another round, this time without state: none is echoed.
            try await c.peer.reply(to: second.id, try Self.inputRequired(ask, state: nil))
            let again = try await #require(throws: InputRequiredError.self) { try await retried.value }
            let third = Task { try await c.session.retry(again, inputResponses: answers) }
            let last = try await c.peer.nextRequest("tools/call")
            #expect(last.params?["requestState"] == nil)
            try await c.peer.reply(to: last.id, ["content": [["type": "text", "text": "deployed"]]])
            #expect(try await third.value["content"]?[0]?["text"] == "deployed")
        }
    }
}
