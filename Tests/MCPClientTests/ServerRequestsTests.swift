import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Server requests")
struct ServerRequestsTests {
    static let samplingRequest = CreateMessageRequestParams(
        messages: [SamplingMessage(role: .user, content: .text("What is 2+2?"))],
        systemPrompt: "Be brief.",
        temperature: 0.2,
        maxTokens: 50,
        stopSequences: ["\n\n"],
        metadata: ["provider": "test"]
    )

    /// A server whose tools forward a request to the client and return what came back as
    /// structured content.
    static func forwardingServer() -> MCPServer {
        let server = MCPServer.testing()
        server.addTool(Tool(name: "sample")) { arguments, context in
            var params = ServerRequestsTests.samplingRequest
            if arguments["withTools"] == true {
                params.tools = [Tool(name: "get_weather", inputSchema: ["type": "object", "properties": ["city": ["type": "string"]]])]
                params.toolChoice = ToolChoice(mode: .auto)
            }
            let result = try await context.createMessage(params)
            return CallToolResult(content: [.text(result.text)], structuredContent: try JSONValue(encoding: result))
        }
        server.addTool(Tool(name: "elicit")) { arguments, context in
            let params = try JSONValue.object(arguments["params"]?.objectValue ?? [:]).decode(ElicitRequestParams.self)
            let result = try await context.elicit(params)
            return CallToolResult(structuredContent: try JSONValue(encoding: result))
        }
        server.addTool(Tool(name: "roots")) { _, context in
            let roots = try await context.listRoots()
            return CallToolResult(structuredContent: try JSONValue(encoding: roots))
        }
        server.addTool(Tool(name: "capabilities")) { _, context in
            CallToolResult(structuredContent: try JSONValue(encoding: context.clientCapabilities))
        }
        return server
    }

    @Test("the server's ping is answered without any handler")
    func pingAnswered() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            try await c.peer.request(id: "ping-1", "ping")
            #expect(try await c.peer.next() == .response(JSONRPCResponse(id: "ping-1", result: [:])))
            try await c.peer.request(id: 99, "ping", ["_meta": ["x": 1]])
            #expect(try await c.peer.next() == .response(JSONRPCResponse(id: 99, result: [:])))
        }
    }

    @Test("a server tool's sampling request reaches the sampling handler and its answer the tool")
    func sampling() async throws {
        let seen = Recorder<(CreateMessageRequestParams, RequestContext)>()
        let handlers = ClientHandlers(sampling: { params, context in
            seen.append((params, context))
            return CreateMessageResult(role: .assistant, content: .text("4"), model: "test-model", stopReason: .endTurn)
        })
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            let result = try await c.client.callTool("sample")
            #expect(result.text == "4")
            #expect(result.structuredContent?["model"] == "test-model")
            #expect(result.structuredContent?["stopReason"] == "endTurn")
            let (params, context) = try #require(seen.values.first)
            #expect(params == Self.samplingRequest)
            #expect(context.requestID != nil)
            #expect(context.protocolVersion == .v2025_11_25)
            let response = try #require(c.transport.outbound.first { $0.methodOfAnsweredRequest == "sampling/createMessage" })
            #expect(response.message.responseID == context.requestID)
        }
    }

    @Test("sampling with tools reaches the handler when the client declares sampling.tools")
    func samplingWithTools() async throws {
        let seen = Recorder<CreateMessageRequestParams>()
        let handlers = ClientHandlers(
            sampling: { params, _ in
                seen.append(params)
                return CreateMessageResult(
                    role: .assistant,
                    content: .init([.toolUse(ToolUseContent(id: "call-1", name: "get_weather", input: ["city": "Paris"]))]),
                    model: "test-model",
                    stopReason: .toolUse
                )
            },
            samplingCapability: .init(tools: [:])
        )
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            #expect(c.transport.sentRequests("initialize").first?.params?["capabilities"]?["sampling"] == ["tools": [:]])
            let result = try await c.client.callTool("sample", arguments: ["withTools": true])
            let params = try #require(seen.values.first)
            #expect(params.tools?.map(\.name) == ["get_weather"])
            #expect(params.toolChoice?.mode == .auto)
            #expect(result.structuredContent?["content"]?["type"] == "tool_use")
            #expect(result.structuredContent?["content"]?["input"] == ["city": "Paris"])
        }
    }

    @Test("sampling with tools is refused with -32602 when the client did not declare sampling.tools")
    func samplingWithUndeclaredTools() async throws {
        let calls = Recorder<Int>()
        let handlers = ClientHandlers(sampling: { _, _ in
            calls.append(1)
            return CreateMessageResult(role: .assistant, content: .text("no"), model: "m")
        })
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            #expect(c.transport.sentRequests("initialize").first?.params?["capabilities"]?["sampling"] == [:])
            let error = try await #require(throws: MCPError.self) { try await c.client.callTool("sample", arguments: ["withTools": true]) }
            #expect(error.code == .invalidParams)
            #expect(error.code.rawValue == -32602)
            #expect(calls.values.isEmpty)
            let answer = try #require(c.transport.outbound.first { $0.methodOfAnsweredRequest == "sampling/createMessage" })
            guard case .errorResponse(let response) = answer.message else {
                Issue.record("expected an error response, got \(answer.message)")
                return
            }
            #expect(response.error.code == .invalidParams)
        }
    }

    /// A form with one field of every primitive kind.
    static let everyKindForm = ElicitRequestFormParams(
        message: "Tell us about you",
        requestedSchema: ElicitationSchema(
            properties: [
                .init(name: "name", schema: .string(StringSchema(title: "Name", description: "Your name", minLength: 1, maxLength: 40))),
                .init(name: "email", schema: .string(StringSchema(title: "Email", format: .email))),
                .init(name: "birthday", schema: .string(StringSchema(format: .date, defaultValue: "2000-01-01"))),
                .init(name: "height", schema: .number(NumberSchema(type: .number, title: "Height", minimum: 0.5, maximum: 2.5, defaultValue: 1.7))),
                .init(name: "age", schema: .number(NumberSchema(type: .integer, minimum: 0, maximum: 150))),
                .init(name: "subscribe", schema: .boolean(BooleanSchema(title: "Subscribe", defaultValue: false))),
                .init(name: "color", schema: .untitledSingleSelect(UntitledSingleSelectEnumSchema(title: "Colour", values: ["red", "green"], defaultValue: "red"))),
                .init(name: "size", schema: .titledSingleSelect(TitledSingleSelectEnumSchema(
                    title: "Size",
                    options: [EnumOption(value: "s", title: "Small"), EnumOption(value: "l", title: "Large")]
                ))),
                .init(name: "tags", schema: .untitledMultiSelect(UntitledMultiSelectEnumSchema(
                    title: "Tags", minItems: 1, maxItems: 2, items: .init(values: ["a", "b", "c"]), defaultValue: ["a"]
                ))),
                .init(name: "toppings", schema: .titledMultiSelect(TitledMultiSelectEnumSchema(
                    items: .init(options: [EnumOption(value: "ch", title: "Cheese"), EnumOption(value: "ol", title: "Olives")])
                ))),
                .init(name: "plan", schema: .legacyTitledEnum(LegacyTitledEnumSchema(values: ["free", "pro"], enumNames: ["Free", "Professional"]))),
            ],
            required: ["name", "email"]
        )
    )

    @Test("a form elicitation with every kind of field reaches the handler intact, and the answer the server")
    func elicitationForm() async throws {
        let seen = Recorder<ElicitRequestParams>()
        // The official schemas (2025-06-18 onwards) allow only string, integer, boolean and string
        // array values in an elicitation answer, so even the "number" field answers an integer.
        let answer: JSONObject = [
            "name": "Ada", "email": "ada@example.com", "birthday": "1815-12-10", "height": 2, "age": 36,
            "subscribe": true, "color": "green", "size": "l", "tags": ["a", "c"], "toppings": ["ol"], "plan": "pro",
        ]
        let handlers = ClientHandlers(elicitation: { params, _ in
            seen.append(params)
            return .accept(answer)
        })
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            let sent = ElicitRequestParams.form(Self.everyKindForm)
            let result = try await c.client.callTool("elicit", arguments: ["params": try JSONValue(encoding: sent)])
            #expect(seen.values == [sent])
            guard case .form(let form) = try #require(seen.values.first) else { return }
            #expect(form.requestedSchema.properties.map(\.name) == Self.everyKindForm.requestedSchema.properties.map(\.name))
            #expect(form.requestedSchema["tags"]?.allowsMultipleValues == true)
            #expect(form.requestedSchema["plan"]?.options?.map(\.title) == ["Free", "Professional"])
            #expect(form.requestedSchema.isRequired("email"))
            #expect(result.structuredContent == ["action": "accept", "content": .object(answer)])
        }
    }

    @Test("a URL elicitation reaches the handler; declining reaches the server")
    func elicitationURL() async throws {
        let seen = Recorder<ElicitRequestParams>()
        let handlers = ClientHandlers(elicitation: { params, _ in
            seen.append(params)
            return .decline()
        })
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            let sent = ElicitRequestParams.url(ElicitRequestURLParams(message: "Sign in", url: "https://example.com/auth?x=1", elicitationID: "el-7"))
            let result = try await c.client.callTool("elicit", arguments: ["params": try JSONValue(encoding: sent)])
            #expect(seen.values == [sent])
            #expect(seen.values.first?.mode == .url)
            #expect(result.structuredContent == ["action": "decline"])
            #expect(c.transport.sentRequests("initialize").first?.params?["capabilities"]?["elicitation"] == ["form": [:], "url": [:]])
        }
    }

    @Test("an elicitation mode the client did not declare is refused with -32602")
    func undeclaredElicitationMode() async throws {
        let calls = Recorder<Int>()
        let handlers = ClientHandlers(elicitation: { _, _ in calls.append(1); return .cancel() }, elicitationModes: [.form])
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            #expect(c.transport.sentRequests("initialize").first?.params?["capabilities"]?["elicitation"] == ["form": [:]])
            let sent = ElicitRequestParams.url(ElicitRequestURLParams(message: "Sign in", url: "https://example.com", elicitationID: "e"))
            let error = try await #require(throws: MCPError.self) {
                try await c.client.callTool("elicit", arguments: ["params": try JSONValue(encoding: sent)])
            }
            #expect(error.code == .invalidParams)
            #expect(calls.values.isEmpty)
        }
    }

    @Test("the server's roots/list is answered by the roots handler")
    func roots() async throws {
        let roots = [Root(uri: "file:///work/project", name: "project"), Root(uri: "file:///tmp")]
        let handlers = ClientHandlers(roots: { context in
            #expect(context.requestID != nil)
            return roots
        })
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            let result = try await c.client.callTool("roots")
            #expect(result.structuredContent == (try JSONValue(encoding: roots)))
        }
    }

    @Test("requests without a handler get -32601, and their capabilities are never declared")
    func noHandlers() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            #expect(c.initializeRequest.params?["capabilities"] == [:])
            let sampling = try JSONValue(encoding: Self.samplingRequest).objectValue
            let elicitation = try JSONValue(encoding: ElicitRequestParams.form(Self.everyKindForm)).objectValue
            try await c.peer.request(id: 1, "sampling/createMessage", sampling)
            try await c.peer.request(id: 2, "elicitation/create", elicitation)
            try await c.peer.request(id: 3, "roots/list")
            try await c.peer.request(id: 4, "tasks/list")
            var codes: [RequestID: ErrorCode] = [:]
            for _ in 0..<4 {
                guard case .errorResponse(let response) = try await c.peer.nextResponse() else {
                    Issue.record("expected an error response")
                    continue
                }
                codes[try #require(response.id)] = response.error.code
            }
            #expect(codes == [1: .methodNotFound, 2: .methodNotFound, 3: .methodNotFound, 4: .methodNotFound])
        }
    }

    @Test("the capabilities the server receives are exactly those of the installed handlers")
    func capabilitiesFollowHandlers() async throws {
        let sampling: @Sendable (CreateMessageRequestParams, RequestContext) async throws -> CreateMessageResult = { _, _ in
            CreateMessageResult(role: .assistant, content: .text(""), model: "m")
        }
        let cases: [(ClientHandlers, JSONValue)] = [
            (ClientHandlers(), [:]),
            (ClientHandlers(roots: { _ in [] }), ["roots": ["listChanged": true]]),
            (ClientHandlers(roots: { _ in [] }, rootsListChanged: false), ["roots": [:]]),
            (ClientHandlers(sampling: sampling), ["sampling": [:]]),
            (ClientHandlers(elicitation: { _, _ in .cancel() }), ["elicitation": ["form": [:], "url": [:]]]),
            (
                ClientHandlers(sampling: sampling, elicitation: { _, _ in .cancel() }, roots: { _ in [] }),
                ["sampling": [:], "elicitation": ["form": [:], "url": [:]], "roots": ["listChanged": true]]
            ),
        ]
        for (handlers, expected) in cases {
            try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
                let declared = try #require(c.transport.sentRequests("initialize").first?.params?["capabilities"])
                #expect(declared == expected)
                // What the server decoded from it.
                let received = try await c.client.callTool("capabilities").structuredContent
                #expect(received == expected)
                #expect(try JSONValue(encoding: c.client.capabilities) == expected)
            }
        }
    }

    @Test("handlers run concurrently: a slow sampling handler delays neither a ping nor a roots request")
    func concurrentHandlers() async throws {
        let gate = Gate()
        let started = Recorder<String>()
        let handlers = ClientHandlers(
            sampling: { _, _ in
                started.append("sampling")
                try await gate.wait()
                return CreateMessageResult(role: .assistant, content: .text("late"), model: "m")
            },
            roots: { _ in [Root(uri: "file:///r")] }
        )
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            try await c.peer.request(id: "s", Self.samplingRequest)
            try await started.wait { $0 == ["sampling"] }
            try await c.peer.request(id: "p", "ping")
            #expect(try await c.peer.next() == .response(JSONRPCResponse(id: "p", result: [:])))
            try await c.peer.request(id: "r", "roots/list")
            #expect(try await c.peer.next() == .response(JSONRPCResponse(id: "r", result: ["roots": [["uri": "file:///r"]]])))
            gate.open()
            let sampling = try await c.peer.nextResponse()
            #expect(sampling.responseID == "s")
            guard case .response(let response) = sampling else {
                Issue.record("expected a result, got \(sampling)")
                return
            }
            #expect(response.result["content"]?["text"] == "late")
        }
    }

    @Test("the server cancelling its request cancels the handler's task, and nothing answers it")
    func serverCancels() async throws {
        let events = Recorder<String>()
        let handlers = ClientHandlers(sampling: { _, context in
            events.append("started \(context.requestID?.description ?? "?")")
            try await sleepUntilCancelled(recording: events, as: "cancelled")
            return CreateMessageResult(role: .assistant, content: .text("too late"), model: "m")
        })
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            try await c.peer.request(id: 41, Self.samplingRequest)
            try await events.wait { $0.contains("started 41") }
            try await c.peer.notify(CancelledNotificationParams(requestID: 41, reason: "no longer needed"))
            try await events.wait { $0.contains("cancelled") }
            // Two round trips later, still no answer to request 41.
            for id in [RequestID.string("a"), "b"] {
                try await c.peer.request(id: id, "ping")
                #expect(try await c.peer.next() == .response(JSONRPCResponse(id: id, result: [:])))
            }
            #expect(!c.transport.outboundMessages.contains { $0.responseID == 41 })
        }
    }

    @Test("invalid parameters from the server are answered with -32602 without calling the handler")
    func invalidServerParams() async throws {
        let calls = Recorder<Int>()
        let handlers = ClientHandlers(sampling: { _, _ in
            calls.append(1)
            return CreateMessageResult(role: .assistant, content: .text(""), model: "m")
        })
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy, handlers: handlers) { c in
            try await c.peer.request(id: 5, "sampling/createMessage", ["messages": []])
            guard case .errorResponse(let response) = try await c.peer.nextResponse() else {
                Issue.record("expected an error response")
                return
            }
            #expect(response.id == 5)
            #expect(response.error.code == .invalidParams)
            #expect(response.error.message.contains("maxTokens"))
            #expect(calls.values.isEmpty)
        }
    }

    /// An answer a handler gives, and the protocol versions that can and cannot carry it.
    struct StrictnessCase: Sendable, CustomTestStringConvertible {
        var name: String
        var sampling: CreateMessageResult?
        var elicitation: ElicitResult?
        var refusedIn: [ProtocolVersion]
        var acceptedIn: [ProtocolVersion]
        var testDescription: String { name }
    }

    static let strictnessCases: [StrictnessCase] = [
        StrictnessCase(
            name: "audio content",
            sampling: CreateMessageResult(role: .assistant, content: .single(.audio(AudioContent(data: "AAAA", mimeType: "audio/wav"))), model: "m"),
            refusedIn: [.v2024_11_05],
            acceptedIn: [.v2025_03_26, .v2025_11_25]
        ),
        StrictnessCase(
            name: "several content blocks",
            sampling: CreateMessageResult(role: .assistant, content: .multiple([.text("a"), .text("b")]), model: "m"),
            refusedIn: [.v2024_11_05, .v2025_03_26, .v2025_06_18],
            acceptedIn: [.v2025_11_25]
        ),
        StrictnessCase(
            name: "tool use",
            sampling: CreateMessageResult(role: .assistant, content: .single(.toolUse(ToolUseContent(id: "1", name: "t"))), model: "m"),
            refusedIn: [.v2025_06_18],
            acceptedIn: [.v2025_11_25]
        ),
        StrictnessCase(
            name: "multi-select answer",
            elicitation: .accept(["tags": ["a", "b"]]),
            refusedIn: [.v2025_06_18],
            acceptedIn: [.v2025_11_25]
        ),
    ]

    @Test("an answer the negotiated version cannot carry becomes an error response", arguments: strictnessCases)
    func strictPerVersion(_ strictness: StrictnessCase) async throws {
        let handlers = ClientHandlers(
            sampling: strictness.sampling.map { result in { @Sendable _, _ in result } },
            samplingCapability: .init(tools: [:]),
            elicitation: strictness.elicitation.map { result in { @Sendable _, _ in result } }
        )
        let request: JSONObject?
        let method: String
        if strictness.sampling != nil {
            method = CreateMessageRequestParams.method
            request = try JSONValue(encoding: Self.samplingRequest).objectValue
        } else {
            method = ElicitRequestParams.method
            request = try JSONValue(encoding: ElicitRequestParams.form(Self.everyKindForm)).objectValue
        }
        for version in strictness.refusedIn + strictness.acceptedIn {
            try await TestConnection.withClient(toPeerAnswering: version, handlers: handlers) { c in
                try await c.peer.request(id: 1, method, request)
                let answer = try await c.peer.nextResponse()
                if strictness.refusedIn.contains(version) {
                    guard case .errorResponse(let response) = answer else {
                        Issue.record("\(strictness.name) was sent in \(version): \(answer)")
                        return
                    }
                    #expect(response.error.code == .internalError)
                    #expect(response.error.message.contains(version.rawValue))
                } else {
                    guard case .response = answer else {
                        Issue.record("\(strictness.name) was refused in \(version): \(answer)")
                        return
                    }
                }
            }
        }
    }

    @Test("an accepted form gets the schema's defaults for the fields the handler left out (SEP-1034)")
    func elicitationDefaults() async throws {
        let handlers = ClientHandlers(elicitation: { _, _ in .accept(["name": "Ada"]) })
        try await TestConnection.withClient(to: Self.forwardingServer(), handlers: handlers) { c in
            let form = ElicitRequestParams.form(ElicitRequestFormParams(
                message: "Details?",
                requestedSchema: ElicitationSchema(properties: [
                    .init(name: "name", schema: .string(StringSchema(defaultValue: "nobody"))),
                    .init(name: "guests", schema: .number(NumberSchema(type: .integer, defaultValue: 2))),
                    .init(name: "terrace", schema: .boolean(BooleanSchema(defaultValue: true))),
                    .init(name: "note", schema: .string(StringSchema())),
                ])
            ))
            let result = try await c.client.callTool("elicit", arguments: ["params": try JSONValue(encoding: form)])
            let answer = try #require(c.transport.outboundMessages.compactMap { message -> JSONValue? in
                if case .response(let response) = message { return response.result }
                return nil
            }.last)
            #expect(answer["content"] == ["name": "Ada", "guests": 2, "terrace": true])
            #expect(result.isError != true)
        }
    }
}
