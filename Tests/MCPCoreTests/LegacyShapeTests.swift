import MCPCore
import Testing

/// Messages in the shapes of the protocol versions before 2026-07-28 decode, and re-encode
/// unchanged.
@Suite("Legacy message shapes")
struct LegacyShapeTests {
    @Test("2024-11-05 initialize result without newer members")
    func initializeResult2024() throws {
        let json = try JSONValue(parsing: #"""
            {"protocolVersion": "2024-11-05",
             "capabilities": {"logging": {}, "prompts": {"listChanged": true}, "resources": {"subscribe": true, "listChanged": true},
                              "tools": {}},
             "serverInfo": {"name": "legacy-server", "version": "0.1.0"}}
            """#)
        let result = try expectRoundTrip(json, as: InitializeResult.self)
        #expect(result.protocolVersion == .v2024_11_05)
        #expect(result.serverInfo.name == "legacy-server")
        #expect(result.serverInfo.title == nil)
        #expect(result.instructions == nil)
        #expect(result.capabilities.logging == [:])
        #expect(result.capabilities.completions == nil)
        #expect(result.capabilities.tasks == nil)
        #expect(result.capabilities.resources?.subscribe == true)
        #expect(result.capabilities.tools?.listChanged == nil)
    }

    @Test("2024-11-05 initialize request with the old sampling capability")
    func initializeRequest2024() throws {
        let json = try JSONValue(parsing: #"""
            {"protocolVersion": "2024-11-05",
             "capabilities": {"roots": {"listChanged": true}, "sampling": {}, "experimental": {"x": {"on": true}}},
             "clientInfo": {"name": "c", "version": "1"}}
            """#)
        let params = try expectRoundTrip(json, as: InitializeRequestParams.self)
        #expect(params.capabilities.sampling == ClientCapabilities.Sampling())
        #expect(params.capabilities.sampling?.tools == nil)
        #expect(params.capabilities.experimental?["x"] == ["on": true])
    }

    @Test("a server that omits empty capabilities is tolerated")
    func initializeResultWithoutCapabilities() throws {
        let json = try JSONValue(parsing: #"{"protocolVersion": "2025-03-26", "serverInfo": {"name": "s", "version": "1"}}"#)
        let result = try json.decode(InitializeResult.self)
        #expect(result.capabilities == ServerCapabilities())
    }

    @Test("2025-06-18 elicitation capability as an empty object means form mode")
    func elicitationCapability2025() throws {
        let json = try JSONValue(parsing: #"{"elicitation": {}, "roots": {}}"#)
        let capabilities = try expectRoundTrip(json, as: ClientCapabilities.self)
        let elicitation = try #require(capabilities.elicitation)
        #expect(elicitation.form == nil && elicitation.url == nil)
        #expect(elicitation.supportsForm)
        #expect(!elicitation.supportsURL)

        let urlOnly = try JSONValue(parsing: #"{"elicitation": {"url": {}}}"#).decode(ClientCapabilities.self)
        #expect(urlOnly.elicitation?.supportsForm == false)
        #expect(urlOnly.elicitation?.supportsURL == true)
    }

    @Test("2025-11-25 task capabilities")
    func taskCapabilities2025() throws {
        let client = try JSONValue(parsing: #"""
            {"tasks": {"list": {}, "cancel": {}, "requests": {"sampling": {"createMessage": {}}, "elicitation": {"create": {}}}}}
            """#)
        let clientCapabilities = try expectRoundTrip(client, as: ClientCapabilities.self)
        #expect(clientCapabilities.tasks?.requests?.sampling?.createMessage == [:])
        #expect(clientCapabilities.tasks?.requests?.elicitation?.create == [:])

        let server = try JSONValue(parsing: #"{"tasks": {"list": {}, "requests": {"tools": {"call": {}}}}}"#)
        let serverCapabilities = try expectRoundTrip(server, as: ServerCapabilities.self)
        #expect(serverCapabilities.tasks?.requests?.tools?.call == [:])
        #expect(serverCapabilities.tasks?.cancel == nil)
    }

    @Test("CancelledNotification with a request id, and without one (2025-11-25)")
    func cancelled() throws {
        let withID = try expectRoundTrip(
            try JSONValue(parsing: #"{"requestId": 42, "reason": "user pressed stop"}"#),
            as: CancelledNotificationParams.self
        )
        #expect(withID.requestID == 42)
        let withStringID = try JSONValue(parsing: #"{"requestId": "abc"}"#).decode(CancelledNotificationParams.self)
        #expect(withStringID.requestID == "abc")
        let withoutID = try expectRoundTrip(try JSONValue(parsing: #"{"reason": "task cancelled"}"#), as: CancelledNotificationParams.self)
        #expect(withoutID.requestID == nil)
    }

    @Test("sampling content as a single object (2024-11-05), kept single")
    func singleSamplingContent() throws {
        let json = try JSONValue(parsing: #"""
            {"messages": [{"role": "user", "content": {"type": "image", "data": "iVBORw0KGgo=", "mimeType": "image/png"}}],
             "includeContext": "thisServer", "maxTokens": 200, "stopSequences": ["END"], "metadata": {"provider": {"top_k": 5}}}
            """#)
        let params = try expectRoundTrip(json, as: CreateMessageRequestParams.self)
        let message = try #require(params.messages.first)
        guard case .single(.image(let image)) = message.content else {
            Issue.record("expected a single image block, got \(message.content)")
            return
        }
        #expect(image.decodedData == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(params.includeContext == .thisServer)
        #expect(params.tools == nil)

        let result = try expectRoundTrip(
            try JSONValue(
                parsing: #"""
                {"role": "assistant", "content": {"type": "text", "text": "Paris"}, "model": "m", "stopReason": "endTurn"}
                """#
            ),
            as: CreateMessageResult.self
        )
        #expect(result.text == "Paris")
        #expect(result.stopReason == .endTurn)
        if case .single = result.content {} else { Issue.record("a single block must stay single") }
    }

    @Test("2025-03-26 audio sampling content and progress message")
    func audioAndProgress() throws {
        let message = try expectRoundTrip(
            try JSONValue(parsing: #"{"role": "assistant", "content": {"type": "audio", "data": "UklGRg==", "mimeType": "audio/wav"}}"#),
            as: SamplingMessage.self
        )
        if case .audio = message.content.blocks.first {} else { Issue.record("expected audio") }

        let progress = try expectRoundTrip(
            try JSONValue(parsing: #"{"progressToken": "t", "progress": 3, "total": 4, "message": "nearly"}"#),
            as: ProgressNotificationParams.self
        )
        #expect(progress.progressToken == "t")
        #expect(progress.fractionCompleted == 0.75)
        // 2024-11-05 progress: no message, no total.
        let bare = try JSONValue(parsing: #"{"progressToken": 9, "progress": 1.5}"#).decode(ProgressNotificationParams.self)
        #expect(bare.total == nil && bare.message == nil && bare.fractionCompleted == nil)
    }

    @Test("2024-11-05 completion of a resource reference")
    func resourceReference2024() throws {
        let params = try expectRoundTrip(
            try JSONValue(
                parsing: #"""
                {"ref": {"type": "ref/resource", "uri": "file:///{path}"}, "argument": {"name": "path", "value": "sr"}}
                """#
            ),
            as: CompleteRequestParams.self
        )
        #expect(params.ref == .resourceTemplate("file:///{path}"))
        #expect(params.context == nil)
    }

    @Test("2024-11-05 resource with old-style annotations and no title")
    func resource2024() throws {
        let resource = try expectRoundTrip(
            try JSONValue(
                parsing: #"""
                {"uri": "file:///a", "name": "a", "annotations": {"audience": ["assistant"], "priority": 0.2}, "size": 12}
                """#
            ),
            as: Resource.self
        )
        #expect(resource.annotations?.audience == [.assistant])
        #expect(resource.displayName == "a")
        #expect(resource.icons == nil)
    }

    @Test("2025-06-18 elicitation: no mode, EnumSchema with and without enumNames, fields in order")
    func elicitation2025() throws {
        let json = try JSONValue(parsing: #"""
            {"message": "Set up your profile",
             "requestedSchema": {"type": "object", "properties": {
                "theme": {"type": "string", "title": "Theme", "enum": ["light", "dark"], "enumNames": ["Light", "Dark"]},
                "size": {"type": "string", "enum": ["s", "m", "l"]},
                "age": {"type": "integer", "minimum": 0},
                "subscribe": {"type": "boolean", "title": "Subscribe"}},
              "required": ["theme"]}}
            """#)
        let params = try expectRoundTrip(json, as: ElicitRequestParams.self)
        guard case .form(let form) = params else {
            Issue.record("an elicitation without a mode is a form")
            return
        }
        #expect(form.mode == nil)
        #expect(params.mode == .form)
        let schema = form.requestedSchema
        #expect(schema.properties.map(\.name) == ["theme", "size", "age", "subscribe"])
        guard case .legacyTitledEnum(let theme)? = schema["theme"] else {
            Issue.record("theme should be a legacy titled enum")
            return
        }
        #expect(theme.enumNames == ["Light", "Dark"])
        #expect(schema["theme"]?.options == [EnumOption(value: "light", title: "Light"), EnumOption(value: "dark", title: "Dark")])
        if case .untitledSingleSelect = schema["size"] {} else { Issue.record("size should be an untitled single select") }
        if case .number(let age)? = schema["age"] {
            #expect(age.type == .integer)
        } else {
            Issue.record("age should be a number")
        }
        #expect(schema.isRequired("theme"))
        #expect(!schema.isRequired("age"))

        let result = try expectRoundTrip(
            try JSONValue(parsing: #"{"action": "accept", "content": {"theme": "dark", "age": 30, "subscribe": false}}"#),
            as: ElicitResult.self
        )
        #expect(result.action == .accept)
        #expect(result.content?["age"] == 30)
    }

    @Test("2025-11-25 URL elicitation and its required error")
    func urlElicitation2025() throws {
        let json = try JSONValue(parsing: #"""
            {"mode": "url", "message": "Sign in", "url": "https://example.com/auth", "elicitationId": "e-1", "_meta": {"progressToken": 1}}
            """#)
        let params = try expectRoundTrip(json, as: ElicitRequestParams.self)
        guard case .url(let url) = params else {
            Issue.record("expected URL mode")
            return
        }
        #expect(url.elicitationID == "e-1")
        #expect(params.meta?["progressToken"] == 1)

        let error = try JSONRPCMessage(json: try JSONValue(parsing: #"""
            {"jsonrpc": "2.0", "id": 3, "error": {"code": -32042, "message": "Authorization needed",
             "data": {"elicitations": [{"mode": "url", "message": "Sign in", "url": "https://example.com/auth", "elicitationId": "e-1"}]}}}
            """#))
        guard case .errorResponse(let response) = error else {
            Issue.record("expected an error response")
            return
        }
        #expect(response.error.code == .urlElicitationRequired)
        let data = try expectRoundTrip(try #require(response.error.data), as: URLElicitationRequiredErrorData.self)
        #expect(data.elicitations == [url.with(meta: nil)])
    }

    @Test("2025-11-25 tasks: ttl null, flattened results, status notifications")
    func tasks2025() throws {
        let created = try expectRoundTrip(
            try JSONValue(parsing: #"""
                {"task": {"taskId": "t-1", "status": "working", "createdAt": "2025-11-25T10:00:00Z",
                 "lastUpdatedAt": "2025-11-25T10:00:00Z",
                 "ttl": null, "pollInterval": 1000}}
                """#),
            as: CreateTaskResult.self
        )
        #expect(created.task.ttl == nil)
        #expect(created.task.status == .working)
        #expect(!created.task.status.isTerminal)

        let fetched = try expectRoundTrip(
            try JSONValue(parsing: #"""
                {"taskId": "t-1", "status": "completed", "statusMessage": "done", "createdAt": "a", "lastUpdatedAt": "b", "ttl": 60000,
                 "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "t-1"}}}
                """#),
            as: GetTaskResult.self
        )
        #expect(fetched.task.status.isTerminal)
        #expect(fetched.task.ttl == 60000)
        #expect(RelatedTaskMetadata(fromMeta: fetched.meta)?.taskID == "t-1")
        #expect(fetched.additionalFields.isEmpty)
        #expect(fetched.task.additionalFields.isEmpty)

        let status = try expectRoundTrip(
            try JSONValue(parsing: #"{"taskId": "t-2", "status": "input_required", "createdAt": "a", "lastUpdatedAt": "b", "ttl": null}"#),
            as: TaskStatusNotificationParams.self
        )
        #expect(status.task.status == .inputRequired)

        let payload = try expectRoundTrip(
            try JSONValue(parsing: #"{"content": [{"type": "text", "text": "42"}], "isError": false}"#),
            as: GetTaskPayloadResult.self
        )
        #expect(try payload.decode(CallToolResult.self).text == "42")
    }

    @Test("2025-11-25 sampling with tools, tool use and tool results")
    func samplingTools2025() throws {
        let json = try JSONValue(parsing: #"""
            {"role": "user", "content": [
              {"type": "tool_result", "toolUseId": "c1", "content": [{"type": "text", "text": "18°C"}], "structuredContent": {"c": 18}},
              {"type": "tool_result", "toolUseId": "c2", "content": [], "isError": true}]}
            """#)
        let message = try expectRoundTrip(json, as: SamplingMessage.self)
        #expect(message.content.toolResults.map(\.toolUseID) == ["c1", "c2"])
        #expect(message.content.toolResults.first?.structuredContent == ["c": 18])
        #expect(message.content.toolResults.first?.text == "18°C")
    }
}

extension ElicitRequestURLParams {
    fileprivate func with(meta: JSONObject?) -> ElicitRequestURLParams {
        var copy = self
        copy.meta = meta
        return copy
    }
}
