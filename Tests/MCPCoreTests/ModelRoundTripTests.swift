import MCPCore
import Testing

/// Members this SDK does not model survive a decode/encode round trip, at the top level of every
/// type and inside its nested types.
@Suite("Unknown members round-trip")
struct ModelRoundTripTests {
    @Test("an unknown member is preserved", arguments: UnknownMemberCase.all)
    func preservesUnknownMembers(_ testCase: UnknownMemberCase) throws {
        let base = try JSONValue(parsing: testCase.json)
        // The sample itself round-trips.
        #expect(try testCase.roundTrip(base) == base, "\(testCase.name): the sample does not round-trip")

        var paths = testCase.nestedPaths.map { $0.split(separator: ".").map(String.init) }
        if testCase.topLevel { paths.insert([], at: 0) }
        #expect(!paths.isEmpty)
        var everywhere = base
        for path in paths {
            let injected = try inserting(UnknownMemberCase.extra, at: path, into: base)
            #expect(injected != base)
            let encoded = try testCase.roundTrip(injected)
            let where_ = path.isEmpty ? "top level" : path.joined(separator: ".")
            #expect(encoded == injected, "\(testCase.name) lost the member at \(where_): \(encoded.jsonString())")
            everywhere = try inserting(UnknownMemberCase.extra, at: path, into: everywhere)
        }
        #expect(try testCase.roundTrip(everywhere) == everywhere, "\(testCase.name): members at every level at once")
    }

    @Test("unknown members land in additionalFields, not in modelled properties")
    func landsInAdditionalFields() throws {
        let value = try JSONValue(parsing: #"{"uri": "file:///a", "name": "a", "x-extra": 1, "_meta": {"k": true}}"#)
        let resource = try value.decode(Resource.self)
        #expect(resource.additionalFields == ["x-extra": 1])
        #expect(resource.meta == ["k": true])

        // A modelled member wins over an additional field of the same name.
        var changed = resource
        changed.additionalFields["name"] = "shadow"
        #expect(try JSONValue(encoding: changed)["name"] == "a")
    }
}

/// Inserts the member `key: value` into the object at `path` (object keys or array indices).
private func inserting(_ member: (key: String, value: JSONValue), at path: [String], into json: JSONValue) throws -> JSONValue {
    guard let head = path.first else {
        guard case .object(var object) = json else { throw FixtureError("not an object: \(json.jsonString())") }
        object[member.key] = member.value
        return .object(object)
    }
    let rest = Array(path.dropFirst())
    switch json {
    case .object(var object):
        guard let child = object[head] else { throw FixtureError("no member \(head) in \(json.jsonString())") }
        object[head] = try inserting(member, at: rest, into: child)
        return .object(object)
    case .array(var array):
        guard let index = Int(head), array.indices.contains(index) else { throw FixtureError("no element \(head)") }
        array[index] = try inserting(member, at: rest, into: array[index])
        return .array(array)
    default:
        throw FixtureError("cannot descend into \(json.jsonString()) at \(head)")
    }
}

/// A type, a sample of it, and the nested objects that are themselves modelled types.
struct UnknownMemberCase: Sendable, CustomTestStringConvertible {
    static let extra: (key: String, value: JSONValue) = ("x-vendor-extension", ["kept": [1, "two", nil, 3.5]])

    let name: String
    let json: String
    let nestedPaths: [String]
    let topLevel: Bool
    let roundTrip: @Sendable (JSONValue) throws -> JSONValue

    var testDescription: String { name }

    static func make<T: Codable & Sendable>(
        _ type: T.Type,
        _ json: String,
        nested: [String] = [],
        topLevel: Bool = true,
        label: String? = nil
    ) -> UnknownMemberCase {
        UnknownMemberCase(
            name: label ?? String(describing: T.self),
            json: json,
            nestedPaths: nested,
            topLevel: topLevel,
            roundTrip: { try JSONValue(encoding: try $0.decode(T.self)) }
        )
    }

    static let all: [UnknownMemberCase] = lifecycle + resources + prompts + completion + logging + sampling + elicitation
        + roots + notifications + tasks + modern

    static let lifecycle: [UnknownMemberCase] = [
        make(
            ClientCapabilities.self,
            #"""
            {"experimental": {"x": {}}, "roots": {"listChanged": true}, "sampling": {"context": {}, "tools": {}},
             "elicitation": {"form": {}, "url": {}},
             "tasks": {"list": {}, "cancel": {}, "requests": {"sampling": {"createMessage": {}}, "elicitation": {"create": {}}}},
             "extensions": {"io.modelcontextprotocol/ui": {"mimeTypes": ["text/html"]}}}
            """#,
            nested: ["roots", "sampling", "elicitation", "tasks", "tasks.requests", "tasks.requests.sampling", "tasks.requests.elicitation"]
        ),
        make(
            ServerCapabilities.self,
            #"""
            {"experimental": {"x": {"a": 1}}, "logging": {}, "completions": {}, "prompts": {"listChanged": true},
             "resources": {"subscribe": true, "listChanged": false}, "tools": {"listChanged": true},
             "tasks": {"list": {}, "cancel": {}, "requests": {"tools": {"call": {}}}}, "extensions": {"io.modelcontextprotocol/tasks": {}}}
            """#,
            nested: ["prompts", "resources", "tools", "tasks", "tasks.requests", "tasks.requests.tools"]
        ),
        make(
            InitializeRequestParams.self,
            #"""
            {"protocolVersion": "2025-11-25", "capabilities": {"roots": {}}, "clientInfo": {"name": "c", "version": "1"},
             "_meta": {"progressToken": 1}}
            """#,
            nested: ["capabilities", "capabilities.roots", "clientInfo"]
        ),
        make(
            InitializeResult.self,
            #"""
            {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}}, "serverInfo": {"name": "s", "version": "2"},
             "instructions": "Be nice.", "_meta": {}}
            """#,
            nested: ["capabilities", "capabilities.tools", "serverInfo"]
        ),
        make(InitializedNotificationParams.self, #"{"_meta": {"a": 1}}"#),
        make(PingRequestParams.self, #"{}"#),
        make(
            MissingRequiredClientCapabilityErrorData.self,
            #"""
            {"requiredCapabilities": {"sampling": {}}}
            """#,
            nested: ["requiredCapabilities", "requiredCapabilities.sampling"]
        ),
    ]

    static let resources: [UnknownMemberCase] = [
        make(
            Resource.self,
            #"""
            {"uri": "file:///a.txt", "name": "a", "title": "A", "description": "d", "mimeType": "text/plain", "size": 3,
             "icons": [{"src": "https://x/i.png", "sizes": ["16x16"], "theme": "dark"}],
             "annotations": {"audience": ["user"], "priority": 0.5},
             "_meta": {"k": "v"}}
            """#,
            nested: ["icons.0", "annotations"]
        ),
        make(
            ResourceTemplate.self,
            #"""
            {"uriTemplate": "file:///{path}", "name": "files", "title": "Files", "mimeType": "text/plain", "annotations": {"priority": 1}}
            """#,
            nested: ["annotations"]
        ),
        make(ListResourcesRequestParams.self, #"{"cursor": "c1", "_meta": {"progressToken": "t"}}"#),
        make(
            ListResourcesResult.self,
            #"{"resources": [{"uri": "file:///a", "name": "a"}], "nextCursor": "n", "ttlMs": 10, "cacheScope": "private"}"#,
            nested: ["resources.0"]
        ),
        make(ListResourceTemplatesRequestParams.self, #"{"cursor": "c1"}"#),
        make(
            ListResourceTemplatesResult.self,
            #"""
            {"resourceTemplates": [{"uriTemplate": "x://{y}", "name": "y"}]}
            """#,
            nested: ["resourceTemplates.0"]
        ),
        make(
            ReadResourceRequestParams.self,
            #"{"uri": "file:///a", "inputResponses": {"k": {"action": "decline"}}, "requestState": "s", "_meta": {}}"#
        ),
        make(
            ReadResourceResult.self,
            #"""
            {"contents": [{"uri": "file:///a", "text": "hi"}, {"uri": "file:///b", "blob": "AAE="}], "ttlMs": 0, "cacheScope": "public"}
            """#,
            nested: ["contents.0", "contents.1"]
        ),
        make(SubscribeRequestParams.self, #"{"uri": "file:///a"}"#),
        make(UnsubscribeRequestParams.self, #"{"uri": "file:///a"}"#),
        make(ResourceUpdatedNotificationParams.self, #"{"uri": "file:///a", "_meta": {"io.modelcontextprotocol/subscriptionId": "s"}}"#),
        make(ResourceListChangedNotificationParams.self, #"{}"#),
    ]

    static let prompts: [UnknownMemberCase] = [
        make(
            Prompt.self,
            #"""
            {"name": "p", "title": "P", "description": "d", "arguments": [{"name": "a", "required": true}], "icons": [{"src": "data:,"}]}
            """#,
            nested: ["arguments.0", "icons.0"]
        ),
        make(PromptArgument.self, #"{"name": "a", "title": "A", "description": "d", "required": false}"#),
        make(PromptMessage.self, #"{"role": "user", "content": {"type": "text", "text": "hi"}}"#, nested: ["content"]),
        make(ListPromptsRequestParams.self, #"{}"#),
        make(ListPromptsResult.self, #"{"prompts": [{"name": "p"}], "ttlMs": 5, "cacheScope": "public"}"#, nested: ["prompts.0"]),
        make(GetPromptRequestParams.self, #"{"name": "p", "arguments": {"a": "1"}, "requestState": "s"}"#),
        make(
            GetPromptResult.self,
            #"""
            {"description": "d",
             "messages": [{"role": "assistant", "content": {"type": "resource", "resource": {"uri": "x:a", "text": "t"}}}]}
            """#,
            nested: ["messages.0", "messages.0.content", "messages.0.content.resource"]
        ),
        make(PromptListChangedNotificationParams.self, #"{"_meta": {}}"#),
        make(ToolListChangedNotificationParams.self, #"{}"#),
    ]

    static let completion: [UnknownMemberCase] = [
        make(
            CompleteRequestParams.self,
            #"""
            {"ref": {"type": "ref/prompt", "name": "p", "title": "P"}, "argument": {"name": "a", "value": "v"},
             "context": {"arguments": {"b": "c"}}}
            """#,
            nested: ["ref", "argument", "context"]
        ),
        make(
            CompleteRequestParams.self,
            #"{"ref": {"type": "ref/resource", "uri": "file:///{p}"}, "argument": {"name": "p", "value": "s"}}"#,
            nested: ["ref"],
            label: "CompleteRequestParams (resource template)"
        ),
        make(CompletionReference.self, #"{"type": "ref/tool", "name": "t"}"#, label: "CompletionReference (unknown kind)"),
        make(CompleteResult.self, #"{"completion": {"values": ["a", "b"], "total": 9, "hasMore": true}}"#, nested: ["completion"]),
        make(PromptReference.self, #"{"type": "ref/prompt", "name": "p"}"#),
        make(ResourceTemplateReference.self, #"{"type": "ref/resource", "uri": "x://{y}"}"#),
    ]

    static let logging: [UnknownMemberCase] = [
        make(SetLevelRequestParams.self, #"{"level": "warning"}"#),
        make(LoggingMessageNotificationParams.self, #"{"level": "fatal", "logger": "db", "data": ["any", 1]}"#),
    ]

    static let sampling: [UnknownMemberCase] = [
        make(
            SamplingMessage.self,
            #"""
            {"role": "user", "content": {"type": "image", "data": "AAE=", "mimeType": "image/png"}}
            """#,
            nested: ["content"]
        ),
        make(
            SamplingMessage.self,
            #"{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "audio", "data": "AA==", "mimeType": "audio/wav"}]}"#,
            nested: ["content.0", "content.1"],
            label: "SamplingMessage (several blocks)"
        ),
        make(ToolUseContent.self, #"{"type": "tool_use", "id": "c1", "name": "t", "input": {"a": 1}, "_meta": {}}"#),
        make(
            ToolResultContent.self,
            #"""
            {"type": "tool_result", "toolUseId": "c1", "content": [{"type": "text", "text": "r"}], "structuredContent": [1, 2],
             "isError": false}
            """#,
            nested: ["content.0"]
        ),
        make(SamplingContent.self, #"{"type": "thinking", "thinking": "hmm"}"#, label: "SamplingContent (unknown kind)"),
        make(
            ModelPreferences.self,
            #"""
            {"hints": [{"name": "claude"}], "costPriority": 0.1, "speedPriority": 1, "intelligencePriority": 0}
            """#,
            nested: ["hints.0"]
        ),
        make(ModelHint.self, #"{"name": "sonnet"}"#),
        make(ToolChoice.self, #"{"mode": "required"}"#),
        make(
            CreateMessageRequestParams.self,
            #"""
            {"messages": [{"role": "user", "content": {"type": "text", "text": "hi"}}],
             "modelPreferences": {"hints": [{"name": "m"}]}, "systemPrompt": "s", "includeContext": "thisServer", "temperature": 0.7,
             "maxTokens": 10, "stopSequences": ["\n"], "metadata": {"a": 1},
             "tools": [{"name": "t", "inputSchema": {"type": "object"}, "annotations": {"readOnlyHint": true}}],
             "toolChoice": {"mode": "auto"}, "task": {"ttl": 1000}, "_meta": {"progressToken": 2}}
            """#,
            nested: [
                "messages.0", "messages.0.content", "modelPreferences", "modelPreferences.hints.0", "tools.0", "tools.0.annotations",
                "toolChoice", "task",
            ]
        ),
        make(
            CreateMessageResult.self,
            #"""
            {"role": "assistant", "content": [{"type": "text", "text": "x"}, {"type": "tool_use", "id": "1", "name": "t", "input": {}}],
             "model": "m", "stopReason": "toolUse", "_meta": {}}
            """#,
            nested: ["content.0", "content.1"]
        ),
    ]

    static let elicitation: [UnknownMemberCase] = [
        make(
            ElicitRequestFormParams.self,
            #"""
            {"mode": "form", "message": "m",
             "requestedSchema": {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"z": {"type": "string", "format": "email"}, "a": {"type": "integer", "minimum": 1}}, "required": ["z"]},
             "task": {"ttl": 5}, "_meta": {}}
            """#,
            nested: ["requestedSchema", "requestedSchema.properties.z", "requestedSchema.properties.a", "task"]
        ),
        make(
            ElicitRequestURLParams.self,
            #"""
            {"mode": "url", "message": "m", "url": "https://x", "elicitationId": "e1", "task": {}}
            """#,
            nested: ["task"]
        ),
        make(
            ElicitRequestParams.self,
            #"""
            {"message": "m", "requestedSchema": {"type": "object", "properties": {}}}
            """#,
            nested: ["requestedSchema"],
            label: "ElicitRequestParams (form, no mode)"
        ),
        make(ElicitRequestParams.self, #"{"mode": "url", "message": "m", "url": "https://x"}"#, label: "ElicitRequestParams (url)"),
        make(ElicitRequestParams.self, #"{"mode": "telepathy", "message": "m"}"#, label: "ElicitRequestParams (unknown mode)"),
        make(ElicitResult.self, #"{"action": "accept", "content": {"a": "x", "b": 2, "c": true, "d": ["p", "q"]}, "_meta": {}}"#),
        make(ElicitationCompleteNotificationParams.self, #"{"elicitationId": "e1"}"#),
        make(
            URLElicitationRequiredErrorData.self,
            #"""
            {"elicitations": [{"mode": "url", "message": "m", "url": "https://x", "elicitationId": "e"}]}
            """#,
            nested: ["elicitations.0"]
        ),
        make(ElicitationSchema.self, #"{"type": "object", "properties": {"b": {"type": "boolean"}}}"#, nested: ["properties.b"]),
        make(
            StringSchema.self,
            #"""
            {"type": "string", "title": "t", "description": "d", "minLength": 1, "maxLength": 9, "format": "date", "default": "x"}
            """#
        ),
        make(NumberSchema.self, #"{"type": "integer", "title": "t", "minimum": 0, "maximum": 10, "default": 5}"#),
        make(BooleanSchema.self, #"{"type": "boolean", "default": true}"#),
        make(UntitledSingleSelectEnumSchema.self, #"{"type": "string", "enum": ["a", "b"], "default": "a"}"#),
        make(TitledSingleSelectEnumSchema.self, #"{"type": "string", "oneOf": [{"const": "a", "title": "A"}]}"#, nested: ["oneOf.0"]),
        make(
            UntitledMultiSelectEnumSchema.self,
            #"""
            {"type": "array", "items": {"type": "string", "enum": ["a"]}, "minItems": 0, "default": []}
            """#,
            nested: ["items"]
        ),
        make(
            TitledMultiSelectEnumSchema.self,
            #"""
            {"type": "array", "items": {"anyOf": [{"const": "a", "title": "A"}]}, "maxItems": 1}
            """#,
            nested: ["items", "items.anyOf.0"]
        ),
        make(LegacyTitledEnumSchema.self, #"{"type": "string", "enum": ["a", "b"], "enumNames": ["A", "B"]}"#),
        make(EnumOption.self, #"{"const": "a", "title": "A"}"#),
        make(PrimitiveSchemaDefinition.self, #"{"type": ["string", "null"]}"#, label: "PrimitiveSchemaDefinition (unknown shape)"),
    ]

    static let roots: [UnknownMemberCase] = [
        make(Root.self, #"{"uri": "file:///home", "name": "Home", "_meta": {}}"#),
        make(ListRootsRequestParams.self, #"{}"#),
        make(ListRootsResult.self, #"{"roots": [{"uri": "file:///a"}]}"#, nested: ["roots.0"]),
        make(RootsListChangedNotificationParams.self, #"{}"#),
    ]

    static let notifications: [UnknownMemberCase] = [
        make(ProgressNotificationParams.self, #"{"progressToken": 7, "progress": 0.5, "total": 1, "message": "half"}"#),
        make(CancelledNotificationParams.self, #"{"requestId": 7, "reason": "r"}"#),
    ]

    static let task = #"""
        {"taskId": "t1", "status": "working", "statusMessage": "m", "createdAt": "2025-11-25T10:00:00Z",
         "lastUpdatedAt": "2025-11-25T10:00:01Z", "ttl": null, "pollInterval": 500}
        """#

    static let tasks: [UnknownMemberCase] = [
        make(MCPTask.self, task),
        make(CreateTaskResult.self, #"{"task": \#(task), "_meta": {}}"#, nested: ["task"]),
        make(GetTaskRequestParams.self, #"{"taskId": "t1"}"#),
        make(
            GetTaskResult.self,
            #"""
            {"taskId": "t1", "status": "completed", "createdAt": "a", "lastUpdatedAt": "b", "ttl": 60000, "_meta": {}}
            """#
        ),
        make(GetTaskPayloadRequestParams.self, #"{"taskId": "t1"}"#),
        make(
            GetTaskPayloadResult.self,
            #"""
            {"content": [{"type": "text", "text": "done"}], "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "t1"}}}
            """#,
            nested: ["content.0"]
        ),
        make(CancelTaskRequestParams.self, #"{"taskId": "t1"}"#),
        make(CancelTaskResult.self, #"{"taskId": "t1", "status": "cancelled", "createdAt": "a", "lastUpdatedAt": "b", "ttl": null}"#),
        make(ListTasksRequestParams.self, #"{"cursor": "c"}"#),
        make(ListTasksResult.self, #"{"tasks": [\#(task)], "nextCursor": "n"}"#, nested: ["tasks.0"]),
        make(
            TaskStatusNotificationParams.self,
            #"""
            {"taskId": "t1", "status": "input_required", "createdAt": "a", "lastUpdatedAt": "b", "ttl": 1}
            """#
        ),
        make(RelatedTaskMetadata.self, #"{"taskId": "t1"}"#),
    ]

    static let modern: [UnknownMemberCase] = [
        make(DiscoverRequestParams.self, #"{"_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28"}}"#),
        make(
            DiscoverResult.self,
            #"""
            {"supportedVersions": ["2026-07-28"], "capabilities": {"tools": {}}, "instructions": "i", "ttlMs": 1, "cacheScope": "public"}
            """#,
            nested: ["capabilities", "capabilities.tools"]
        ),
        make(UnsupportedProtocolVersionErrorData.self, #"{"requested": "1900-01-01", "supported": ["2026-07-28"]}"#),
        make(
            InputRequiredResult.self,
            #"""
            {"resultType": "input_required", "inputRequests": {
               "a": {"method": "sampling/createMessage",
                     "params": {"messages": [{"role": "user", "content": {"type": "text", "text": "q"}}], "maxTokens": 5}},
               "b": {"method": "roots/list"},
               "c": {"method": "elicitation/create", "params": {"mode": "url", "message": "m", "url": "https://x"}},
               "d": {"method": "future/thing", "params": {"x": 1}}},
             "requestState": "s", "_meta": {}}
            """#,
            nested: ["inputRequests.a.params", "inputRequests.a.params.messages.0", "inputRequests.c.params", "inputRequests.d.params"]
        ),
        // The envelope of an input request is an enum; what it keeps is its `params`.
        make(InputRequest.self, #"{"method": "roots/list", "params": {"_meta": {"a": 1}}}"#, nested: ["params"], topLevel: false),
        make(InputResponses.self, #"{"k": {"roots": []}}"#, nested: ["k"]),
        make(
            SubscriptionFilter.self,
            #"""
            {"toolsListChanged": true, "promptsListChanged": false, "resourcesListChanged": true, "resourceSubscriptions": ["a"]}
            """#
        ),
        make(
            SubscriptionsListenRequestParams.self,
            #"""
            {"notifications": {"toolsListChanged": true}, "_meta": {}}
            """#,
            nested: ["notifications"]
        ),
        make(SubscriptionsListenResult.self, #"{"_meta": {"io.modelcontextprotocol/subscriptionId": 3}}"#),
        make(
            SubscriptionsAcknowledgedNotificationParams.self,
            #"""
            {"notifications": {"resourceSubscriptions": []}}
            """#,
            nested: ["notifications"]
        ),
    ]
}
