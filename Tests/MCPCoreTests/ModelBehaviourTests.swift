import MCPCore
import Testing

/// The conveniences and rules of the model types beyond plain round trips.
@Suite("Model behaviour")
struct ModelBehaviourTests {
    @Test("request and notification parameters name their methods")
    func methods() {
        #expect(InitializeRequestParams.method == "initialize")
        #expect(PingRequestParams.method == "ping")
        #expect(ListResourcesRequestParams.method == "resources/list")
        #expect(ListResourceTemplatesRequestParams.method == "resources/templates/list")
        #expect(ReadResourceRequestParams.method == "resources/read")
        #expect(SubscribeRequestParams.method == "resources/subscribe")
        #expect(UnsubscribeRequestParams.method == "resources/unsubscribe")
        #expect(ListPromptsRequestParams.method == "prompts/list")
        #expect(GetPromptRequestParams.method == "prompts/get")
        #expect(CompleteRequestParams.method == "completion/complete")
        #expect(SetLevelRequestParams.method == "logging/setLevel")
        #expect(CreateMessageRequestParams.method == "sampling/createMessage")
        #expect(ElicitRequestParams.method == "elicitation/create")
        #expect(ListRootsRequestParams.method == "roots/list")
        #expect(GetTaskRequestParams.method == "tasks/get")
        #expect(GetTaskPayloadRequestParams.method == "tasks/result")
        #expect(CancelTaskRequestParams.method == "tasks/cancel")
        #expect(ListTasksRequestParams.method == "tasks/list")
        #expect(DiscoverRequestParams.method == "server/discover")
        #expect(SubscriptionsListenRequestParams.method == "subscriptions/listen")

        #expect(InitializedNotificationParams.method == "notifications/initialized")
        #expect(CancelledNotificationParams.method == "notifications/cancelled")
        #expect(ProgressNotificationParams.method == "notifications/progress")
        #expect(LoggingMessageNotificationParams.method == "notifications/message")
        #expect(ResourceUpdatedNotificationParams.method == "notifications/resources/updated")
        #expect(ResourceListChangedNotificationParams.method == "notifications/resources/list_changed")
        #expect(PromptListChangedNotificationParams.method == "notifications/prompts/list_changed")
        #expect(ToolListChangedNotificationParams.method == "notifications/tools/list_changed")
        #expect(RootsListChangedNotificationParams.method == "notifications/roots/list_changed")
        #expect(ElicitationCompleteNotificationParams.method == "notifications/elicitation/complete")
        #expect(TaskStatusNotificationParams.method == "notifications/tasks/status")
        #expect(SubscriptionsAcknowledgedNotificationParams.method == "notifications/subscriptions/acknowledged")
    }

    @Test("request parameters are tied to their result types")
    func resultTypes() {
        func answers<P: RequestParams, R>(_: P.Type, with _: R.Type) -> Bool { P.Result.self == R.self }
        #expect(answers(InitializeRequestParams.self, with: InitializeResult.self))
        #expect(answers(PingRequestParams.self, with: EmptyResult.self))
        #expect(answers(ReadResourceRequestParams.self, with: ReadResourceResult.self))
        #expect(answers(SubscribeRequestParams.self, with: EmptyResult.self))
        #expect(answers(GetPromptRequestParams.self, with: GetPromptResult.self))
        #expect(answers(CompleteRequestParams.self, with: CompleteResult.self))
        #expect(answers(SetLevelRequestParams.self, with: EmptyResult.self))
        #expect(answers(CreateMessageRequestParams.self, with: CreateMessageResult.self))
        #expect(answers(ElicitRequestParams.self, with: ElicitResult.self))
        #expect(answers(ListRootsRequestParams.self, with: ListRootsResult.self))
        #expect(answers(GetTaskRequestParams.self, with: GetTaskResult.self))
        #expect(answers(GetTaskPayloadRequestParams.self, with: GetTaskPayloadResult.self))
        #expect(answers(CancelTaskRequestParams.self, with: CancelTaskResult.self))
        #expect(answers(DiscoverRequestParams.self, with: DiscoverResult.self))
        #expect(answers(SubscriptionsListenRequestParams.self, with: SubscriptionsListenResult.self))
    }

    @Test("paginated lists expose their items and cursors")
    func pagination() throws {
        func firstPage<P: PaginatedRequestParams>(_ type: P.Type, cursor: String) -> P { P(cursor: cursor) }
        #expect(firstPage(ListResourcesRequestParams.self, cursor: "a").cursor == "a")
        #expect(firstPage(ListResourceTemplatesRequestParams.self, cursor: "b").cursor == "b")
        #expect(firstPage(ListPromptsRequestParams.self, cursor: "c").cursor == "c")
        #expect(firstPage(ListTasksRequestParams.self, cursor: "d").cursor == "d")
        #expect(try JSONValue(encoding: ListPromptsRequestParams()) == [:])

        let page = ListResourcesResult(resources: [Resource(uri: "file:///a", name: "a")], nextCursor: "n")
        #expect(page.items.map(\.uri) == ["file:///a"])
        #expect(ListPromptsResult(prompts: [Prompt(name: "p")]).items.map(\.name) == ["p"])
        #expect(ListResourceTemplatesResult(resourceTemplates: []).items.isEmpty)
        #expect(ListTasksResult(tasks: []).nextCursor == nil)
    }

    @Test("logging levels order by severity; unknown levels rank above all")
    func loggingLevels() throws {
        #expect(LoggingLevel.allKnown == LoggingLevel.allKnown.sorted())
        #expect(LoggingLevel.debug < .info)
        #expect(LoggingLevel.warning < .error)
        #expect(LoggingLevel.alert < .emergency)
        #expect(LoggingLevel.emergency < "fatal")
        #expect(!(LoggingLevel("fatal") < "fatal"))
        #expect(LoggingLevel.error.severity == 4)
        #expect(LoggingLevel("verbose").severity == nil)
        let threshold = LoggingLevel.warning
        let shown = (LoggingLevel.allKnown + ["fatal"]).filter { $0 >= threshold }
        #expect(shown == [.warning, .error, .critical, .alert, .emergency, "fatal"])
        #expect(try JSONValue(parsing: #""notice""#).decode(LoggingLevel.self) == .notice)
    }

    @Test("elicitation form fields keep their order, also when encoded")
    func elicitationFieldOrder() throws {
        let json = try JSONValue(parsing: #"""
            {"type": "object", "properties": {"zeta": {"type": "string"}, "alpha": {"type": "boolean"}, "mu": {"type": "number"}}}
            """#)
        let schema = try json.decode(ElicitationSchema.self)
        #expect(schema.properties.map(\.name) == ["zeta", "alpha", "mu"])
        let encoded = try JSONValue(encoding: schema)
        #expect(encoded["properties"]?.objectValue?.keys == ["zeta", "alpha", "mu"])
        #expect(encoded.jsonString().contains(#""zeta":{"type":"string"},"alpha":{"type":"boolean"},"mu":{"type":"number"}"#))

        let built = ElicitationSchema(properties: [
            .init(name: "b", schema: .string(StringSchema(format: .email))),
            .init(
                name: "a",
                schema: .titledMultiSelect(TitledMultiSelectEnumSchema(items: .init(options: [EnumOption(value: "x", title: "X")])))
            ),
        ], required: ["b"])
        let builtJSON = try JSONValue(encoding: built)
        #expect(builtJSON["type"] == "object")
        #expect(builtJSON["properties"]?.objectValue?.keys == ["b", "a"])
        #expect(builtJSON["properties"]?["a"] == ["type": "array", "items": ["anyOf": [["const": "x", "title": "X"]]]])
        #expect(try builtJSON.decode(ElicitationSchema.self) == built)
    }

    @Test("a form elicitation re-encodes `mode` exactly as received")
    func elicitationMode() throws {
        let withoutMode = try JSONValue(parsing: #"{"message": "m", "requestedSchema": {"type": "object", "properties": {}}}"#)
        #expect(try JSONValue(encoding: try withoutMode.decode(ElicitRequestParams.self))["mode"] == nil)
        let withMode = try JSONValue(parsing: #"{"mode": "form", "message": "m", "requestedSchema": {"type": "object", "properties": {}}}"#)
        #expect(try JSONValue(encoding: try withMode.decode(ElicitRequestParams.self))["mode"] == "form")
        let url = ElicitRequestParams.url(ElicitRequestURLParams(message: "m", url: "https://x"))
        #expect(try JSONValue(encoding: url) == ["mode": "url", "message": "m", "url": "https://x"])
        let unknown = try JSONValue(parsing: #"{"mode": "voice", "message": "say it"}"#).decode(ElicitRequestParams.self)
        #expect(unknown.mode == "voice")
        #expect(unknown.message == "say it")
    }

    @Test("sampling content keeps its shape")
    func samplingContentShape() throws {
        let single = SamplingMessageContent.text("hi")
        #expect(try JSONValue(encoding: single) == ["type": "text", "text": "hi"])
        let one = SamplingMessageContent([.text("hi")])
        #expect(one == single)
        let several = SamplingMessageContent([.text("a"), .toolUse(ToolUseContent(id: "1", name: "t", input: ["x": 1]))])
        guard case .array(let array) = try JSONValue(encoding: several) else {
            Issue.record("several blocks must encode as an array")
            return
        }
        #expect(array.count == 2)
        #expect(several.text == "a")
        #expect(several.toolUses.map(\.name) == ["t"])
        // An array of one block stays an array.
        let arrayOfOne = try JSONValue(parsing: #"[{"type": "text", "text": "x"}]"#)
        let decoded = try expectRoundTrip(arrayOfOne, as: SamplingMessageContent.self)
        #expect(decoded == .multiple([.text("x")]))
    }

    @Test("task ttl is always sent, as null when unlimited")
    func taskTTL() throws {
        let task = MCPTask(taskID: "t", status: .working, createdAt: "a", lastUpdatedAt: "b")
        let json = try JSONValue(encoding: task)
        #expect(json.objectValue?.contains(key: "ttl") == true)
        #expect(json["ttl"] == .null)
        #expect(try JSONValue(encoding: GetTaskResult(task: task))["ttl"] == .null)
        var limited = task
        limited.ttl = 1000
        #expect(try JSONValue(encoding: limited)["ttl"] == 1000)
        // A sloppy sender that omits ttl still decodes.
        let sloppy = try JSONValue(parsing: #"{"taskId": "t", "status": "failed", "createdAt": "a", "lastUpdatedAt": "b"}"#)
        #expect(try sloppy.decode(MCPTask.self).ttl == nil)
    }

    @Test("flattened task results keep members and metadata apart from the task")
    func flattenedTaskResult() throws {
        var result = CancelTaskResult(task: MCPTask(taskID: "t", status: .cancelled, createdAt: "a", lastUpdatedAt: "b", ttl: 5))
        result.meta = ["m": 1]
        result.additionalFields = ["extra": true]
        let json = try JSONValue(encoding: result)
        let expected: JSONValue = [
            "taskId": "t", "status": "cancelled", "createdAt": "a", "lastUpdatedAt": "b", "ttl": 5, "_meta": ["m": 1], "extra": true,
        ]
        #expect(json == expected)
        #expect(try json.decode(CancelTaskResult.self) == result)
    }

    @Test("input responses are built from typed results")
    func inputResponses() throws {
        var responses = InputResponses()
        try responses.set(ElicitResult.accept(["name": "octocat"]), forKey: "login")
        let answer = CreateMessageResult(role: .assistant, content: .text("Paris"), model: "m", stopReason: .endTurn)
        try responses.set(answer, forKey: "capital")
        try responses.set(ListRootsResult(roots: [Root(uri: "file:///w")]), forKey: "roots")
        #expect(responses.keys == ["login", "capital", "roots"])
        #expect(responses["login"] == ["action": "accept", "content": ["name": "octocat"]])
        #expect(responses["capital"]?["content"] == ["type": "text", "text": "Paris"])
        #expect(try responses.response(ListRootsResult.self, forKey: "roots")?.roots.first?.uri == "file:///w")
        #expect(try responses.response(ElicitResult.self, forKey: "absent") == nil)

        let built = try InputResponses(["b": ElicitResult.decline(), "a": ElicitResult.cancel()])
        #expect(built.keys == ["a", "b"])

        var params = CallToolRequestParams(name: "t")
        params.inputResponses = responses.jsonObject
        params.requestState = "state"
        let json = try JSONValue(encoding: params)
        #expect(json["inputResponses"]?["login"]?["action"] == "accept")
        #expect(json["requestState"] == "state")
    }

    @Test("input requests decode by method, and keep unknown methods")
    func inputRequests() throws {
        let json = try JSONValue(parsing: #"""
            {"resultType": "input_required", "inputRequests": {
              "r": {"method": "roots/list"},
              "x": {"method": "future/thing", "params": {"a": 1}},
              "y": {"method": "future/bare"}}}
            """#)
        let result = try expectRoundTrip(json, as: InputRequiredResult.self)
        let requests = try #require(result.inputRequests)
        #expect(requests["r"] == .roots(ListRootsRequestParams()))
        #expect(requests["x"] == .unknown(method: "future/thing", params: ["a": 1]))
        #expect(requests["y"] == .unknown(method: "future/bare", params: nil))
        #expect(requests["x"]?.method == "future/thing")
        #expect(result.requestState == nil)
        #expect(try JSONValue(encoding: InputRequiredResult())["resultType"] == "input_required")
    }

    @Test("result types are read from result objects")
    func resultType() throws {
        #expect(ResultType(of: ["resultType": "input_required"]) == .inputRequired)
        #expect(ResultType(of: ["resultType": "complete"]) == .complete)
        #expect(ResultType(of: ["resultType": "streaming"])?.rawValue == "streaming")
        #expect(ResultType(of: ["content": []]) == nil)
        #expect(ResultType(of: ["resultType": 1]) == nil)
    }

    @Test("discovery exposes the server's info and the best common version")
    func discovery() throws {
        let json = try JSONValue(parsing: #"""
            {"resultType": "complete", "supportedVersions": ["2025-11-25", "2026-07-28", "2099-01-01"], "capabilities": {},
             "_meta": {"io.modelcontextprotocol/serverInfo": {"name": "S", "version": "1.2"}}, "ttlMs": 0, "cacheScope": "private"}
            """#)
        var result = try expectRoundTrip(json, as: DiscoverResult.self)
        #expect(result.serverInfo == Implementation(name: "S", version: "1.2"))
        #expect(result.preferredVersion == .v2026_07_28)
        #expect(result.additionalFields == ["resultType": "complete"])
        result.serverInfo = Implementation(name: "T", version: "2")
        #expect(result.meta?[MetaKeys.serverInfo]?["name"] == "T")
        result.serverInfo = nil
        #expect(result.meta == nil)
    }

    @Test("subscriptions expose their identifiers")
    func subscriptions() throws {
        let listen = try JSONValue(parsing: #"{"resultType": "complete", "_meta": {"io.modelcontextprotocol/subscriptionId": "listen-1"}}"#)
        #expect(try listen.decode(SubscriptionsListenResult.self).subscriptionID == "listen-1")
        let ack = try JSONValue(
            parsing: #"""
            {"_meta": {"io.modelcontextprotocol/subscriptionId": 7}, "notifications": {"toolsListChanged": true}}
            """#
        )
        let params = try ack.decode(SubscriptionsAcknowledgedNotificationParams.self)
        #expect(params.subscriptionID == 7)
        #expect(params.notifications.toolsListChanged == true)
        #expect(params.notifications.resourceSubscriptions == nil)
    }

    @Test("open enumerations keep unknown values")
    func openEnumerations() throws {
        #expect(try JSONValue(parsing: #""refusal""#).decode(StopReason.self).rawValue == "refusal")
        #expect(try JSONValue(parsing: #""maybe""#).decode(ElicitAction.self).rawValue == "maybe")
        #expect(try JSONValue(parsing: #""paused""#).decode(TaskStatus.self).isTerminal == false)
        #expect(try JSONValue(parsing: #""time""#).decode(StringSchema.Format.self).rawValue == "time")
        #expect(try JSONValue(encoding: StringSchema.Format.dateTime) == "date-time")
        #expect(try JSONValue(encoding: IncludeContext.allServers) == "allServers")
        #expect(try JSONValue(encoding: ToolChoice(mode: ToolChoice.Mode.none)) == ["mode": "none"])
    }

    @Test("choice fields list their options with labels")
    func choiceOptions() throws {
        let untitled = PrimitiveSchemaDefinition.untitledMultiSelect(UntitledMultiSelectEnumSchema(items: .init(values: ["a", "b"])))
        #expect(untitled.options?.map(\.title) == ["a", "b"])
        #expect(untitled.allowsMultipleValues)
        let legacy = PrimitiveSchemaDefinition.legacyTitledEnum(LegacyTitledEnumSchema(values: ["a", "b"], enumNames: ["A"]))
        #expect(legacy.options?.map(\.title) == ["A", "b"])
        #expect(PrimitiveSchemaDefinition.boolean(BooleanSchema(title: "Agree")).options == nil)
        #expect(PrimitiveSchemaDefinition.boolean(BooleanSchema(title: "Agree")).title == "Agree")
    }

    @Test("completion references build and report their kind")
    func completionReferences() throws {
        #expect(try JSONValue(encoding: CompletionReference.prompt(named: "p")) == ["type": "ref/prompt", "name": "p"])
        #expect(try JSONValue(encoding: CompletionReference.resourceTemplate("x://{y}")) == ["type": "ref/resource", "uri": "x://{y}"])
        let unknown = try JSONValue(parsing: #"{"type": "ref/tool", "name": "t"}"#).decode(CompletionReference.self)
        #expect(unknown.type == "ref/tool")
    }
}
