import Foundation
import MCPCore
import Testing

/// Every example message published with the 2026-07-28 schema decodes into its Swift type and
/// re-encodes to equal JSON. A directory of examples without a mapping fails, so nothing is
/// skipped silently.
@Suite("2026-07-28 spec examples")
struct SpecExampleTests {
    @Test("each example directory round-trips", arguments: try SpecExamples.directoryNames())
    func directory(_ name: String) throws {
        let kind = try #require(SpecExamples.kinds[name], "no Swift type is mapped to the example directory \(name)")
        let files = try SpecExamples.files(in: name)
        #expect(!files.isEmpty, "\(name) has no examples")
        for file in files {
            let json = try SpecExamples.load(file)
            let label = "\(name)/\(file.lastPathComponent)"
            do {
                try kind.check(json, label)
            } catch let error as DecodingError {
                Issue.record("\(label): \(error.pathDescription)")
            } catch {
                Issue.record("\(label): \(error)")
            }
        }
    }

    @Test("every mapping names an example directory")
    func noStaleMappings() throws {
        let names = Set(try SpecExamples.directoryNames())
        for name in SpecExamples.kinds.keys.sorted() {
            #expect(names.contains(name), "the mapping for \(name) matches no example directory")
        }
    }

    @Test("typed error data decodes from the error examples")
    func errorData() throws {
        let unsupported = try SpecExamples.error(in: "UnsupportedProtocolVersionError")
        #expect(unsupported.code == .unsupportedProtocolVersion)
        let versions = try #require(unsupported.data).decode(UnsupportedProtocolVersionErrorData.self)
        #expect(versions.requested == "1900-01-01")
        #expect(versions.supported == [.v2026_07_28, .v2025_11_25])

        let missing = try SpecExamples.error(in: "MissingRequiredClientCapabilityError")
        #expect(missing.code == .missingRequiredClientCapability)
        let capabilities = try #require(missing.data).decode(MissingRequiredClientCapabilityErrorData.self)
        #expect(capabilities.requiredCapabilities.elicitation?.supportsForm == true)

        let mismatch = try SpecExamples.error(in: "HeaderMismatchError")
        #expect(mismatch.code == .headerMismatch)
        #expect(mismatch.data == nil)
    }

    @Test("input requests and responses decode into their typed cases")
    func inputRoundTripTypes() throws {
        let requests = try SpecExamples.first(in: "InputRequests").decode(InputRequests.self)
        guard case .elicitation(.form(let form))? = requests["github_login"] else {
            Issue.record("github_login should be a form elicitation")
            return
        }
        #expect(form.requestedSchema.properties.map(\.name) == ["name"])
        guard case .sampling(let sampling)? = requests["capital_of_france"] else {
            Issue.record("capital_of_france should be a sampling request")
            return
        }
        #expect(sampling.maxTokens == 100)
        #expect(sampling.messages.first?.content.text == "What is the capital of France?")

        let responses = try SpecExamples.first(in: "InputResponses").decode(InputResponses.self)
        #expect(try responses.response(ElicitResult.self, forKey: "github_login")?.content?["name"] == "octocat")
        #expect(try responses.response(CreateMessageResult.self, forKey: "capital_of_france")?.stopReason == .endTurn)
    }
}

// MARK: - Locating and reading the examples

enum SpecExamples {
    /// The shared folder: `$MCP_SHARED_DIR`, else `../shared` beside the package root.
    static func sharedDirectory() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["MCP_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // MCPCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
        return packageRoot.appendingPathComponent("../shared", isDirectory: true).standardizedFileURL
    }

    static func examplesDirectory() throws -> URL {
        let directory = try sharedDirectory().appendingPathComponent("spec/2026-07-28/examples", isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FixtureError(
                "the 2026-07-28 spec examples are missing: expected a directory at \(directory.path) "
                    + "(set MCP_SHARED_DIR to the folder that holds spec/)"
            )
        }
        return directory
    }

    static func directoryNames() throws -> [String] {
        let root = try examplesDirectory()
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        guard !names.isEmpty else { throw FixtureError("no example directories in \(root.path)") }
        return names.sorted()
    }

    static func files(in directory: String) throws -> [URL] {
        let folder = try examplesDirectory().appendingPathComponent(directory, isDirectory: true)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }

    static func load(_ file: URL) throws -> JSONValue {
        try JSONValue(parsing: Array(try Data(contentsOf: file)))
    }

    static func first(in directory: String) throws -> JSONValue {
        guard let file = try files(in: directory).first else { throw FixtureError("no example in \(directory)") }
        return try load(file)
    }

    static func error(in directory: String) throws -> MCPError {
        guard case .errorResponse(let response) = try JSONRPCMessage(json: try first(in: directory)) else {
            throw FixtureError("\(directory) is not an error response")
        }
        return response.error
    }

    /// How each example directory is checked.
    static let kinds: [String: ExampleKind] = [
        "AudioContent": .value(AudioContent.self, ContentBlock.self),
        "BlobResourceContents": .value(BlobResourceContents.self, ResourceContents.self),
        "BooleanSchema": .schema(BooleanSchema.self) { if case .boolean = $0 { true } else { false } },
        "CallToolRequest": .request(CallToolRequestParams.self),
        "CallToolRequestParams": .value(CallToolRequestParams.self),
        "CallToolResult": .value(CallToolResult.self),
        "CallToolResultResponse": .resultResponse(CallToolResult.self),
        "CancelledNotification": .notification(CancelledNotificationParams.self),
        "CancelledNotificationParams": .value(CancelledNotificationParams.self),
        "ClientCapabilities": .value(ClientCapabilities.self),
        "CompleteRequest": .request(CompleteRequestParams.self),
        "CompleteRequestParams": .value(CompleteRequestParams.self),
        "CompleteResult": .value(CompleteResult.self),
        "CompleteResultResponse": .resultResponse(CompleteResult.self),
        "CreateMessageRequest": .request(CreateMessageRequestParams.self),
        "CreateMessageRequestParams": .value(CreateMessageRequestParams.self),
        "CreateMessageResult": .value(CreateMessageResult.self),
        "DiscoverRequest": .request(DiscoverRequestParams.self),
        "DiscoverResult": .value(DiscoverResult.self),
        "DiscoverResultResponse": .resultResponse(DiscoverResult.self),
        "ElicitRequest": .request(ElicitRequestParams.self),
        "ElicitRequestFormParams": .value(ElicitRequestFormParams.self, ElicitRequestParams.self),
        "ElicitRequestURLParams": .value(ElicitRequestURLParams.self, ElicitRequestParams.self),
        "ElicitResult": .value(ElicitResult.self),
        "EmbeddedResource": .value(EmbeddedResource.self, ContentBlock.self),
        "GetPromptRequest": .request(GetPromptRequestParams.self),
        "GetPromptRequestParams": .value(GetPromptRequestParams.self),
        "GetPromptResult": .value(GetPromptResult.self),
        "GetPromptResultResponse": .resultResponse(GetPromptResult.self),
        "HeaderMismatchError": .errorResponse(.headerMismatch),
        "ImageContent": .value(ImageContent.self, ContentBlock.self),
        "InputRequests": .value(InputRequests.self),
        "InputRequiredResult": .value(InputRequiredResult.self),
        "InputResponses": .value(InputResponses.self),
        "InternalError": .errorObject(.internalError),
        "InvalidParamsError": .errorObject(.invalidParams),
        "ListPromptsRequest": .request(ListPromptsRequestParams.self),
        "ListPromptsResult": .value(ListPromptsResult.self),
        "ListPromptsResultResponse": .resultResponse(ListPromptsResult.self),
        "ListResourceTemplatesRequest": .request(ListResourceTemplatesRequestParams.self),
        "ListResourceTemplatesResult": .value(ListResourceTemplatesResult.self),
        "ListResourceTemplatesResultResponse": .resultResponse(ListResourceTemplatesResult.self),
        "ListResourcesRequest": .request(ListResourcesRequestParams.self),
        "ListResourcesResult": .value(ListResourcesResult.self),
        "ListResourcesResultResponse": .resultResponse(ListResourcesResult.self),
        "ListRootsRequest": .request(ListRootsRequestParams.self),
        "ListRootsResult": .value(ListRootsResult.self),
        "ListToolsRequest": .request(ListToolsRequestParams.self),
        "ListToolsResult": .value(ListToolsResult.self),
        "ListToolsResultResponse": .resultResponse(ListToolsResult.self),
        "LoggingMessageNotification": .notification(LoggingMessageNotificationParams.self),
        "LoggingMessageNotificationParams": .value(LoggingMessageNotificationParams.self),
        "MethodNotFoundError": .errorObject(.methodNotFound),
        "MissingRequiredClientCapabilityError": .errorResponse(
            .missingRequiredClientCapability,
            data: MissingRequiredClientCapabilityErrorData.self
        ),
        "ModelPreferences": .value(ModelPreferences.self),
        "NumberSchema": .schema(NumberSchema.self) { if case .number = $0 { true } else { false } },
        "PaginatedRequestParams": .value(
            ListToolsRequestParams.self, ListPromptsRequestParams.self, ListResourcesRequestParams.self,
            ListResourceTemplatesRequestParams.self, ListTasksRequestParams.self
        ),
        "ParseError": .errorObject(.parseError),
        "ProgressNotification": .notification(ProgressNotificationParams.self),
        "ProgressNotificationParams": .value(ProgressNotificationParams.self),
        "PromptListChangedNotification": .notification(PromptListChangedNotificationParams.self),
        "ReadResourceRequest": .request(ReadResourceRequestParams.self),
        "ReadResourceResult": .value(ReadResourceResult.self),
        "ReadResourceResultResponse": .resultResponse(ReadResourceResult.self),
        "Resource": .value(Resource.self),
        "ResourceLink": .value(ResourceLink.self, ContentBlock.self),
        "ResourceListChangedNotification": .notification(ResourceListChangedNotificationParams.self),
        "ResourceUpdatedNotification": .notification(ResourceUpdatedNotificationParams.self),
        "ResourceUpdatedNotificationParams": .value(ResourceUpdatedNotificationParams.self),
        "Root": .value(Root.self),
        "SamplingMessage": .value(SamplingMessage.self),
        "ServerCapabilities": .value(ServerCapabilities.self),
        "StringSchema": .schema(StringSchema.self) { if case .string = $0 { true } else { false } },
        "SubscriptionsAcknowledgedNotification": .notification(SubscriptionsAcknowledgedNotificationParams.self),
        "SubscriptionsListenRequest": .request(SubscriptionsListenRequestParams.self),
        "SubscriptionsListenResult": .value(SubscriptionsListenResult.self),
        "SubscriptionsListenResultResponse": .resultResponse(SubscriptionsListenResult.self),
        "TextContent": .value(TextContent.self, ContentBlock.self, SamplingContent.self),
        "TextResourceContents": .value(TextResourceContents.self, ResourceContents.self),
        "TitledMultiSelectEnumSchema": .schema(TitledMultiSelectEnumSchema.self) {
            if case .titledMultiSelect = $0 { true } else { false }
        },
        "TitledSingleSelectEnumSchema": .schema(TitledSingleSelectEnumSchema.self) {
            if case .titledSingleSelect = $0 { true } else { false }
        },
        "Tool": .value(Tool.self),
        "ToolListChangedNotification": .notification(ToolListChangedNotificationParams.self),
        "ToolResultContent": .value(ToolResultContent.self, SamplingContent.self),
        "ToolUseContent": .value(ToolUseContent.self, SamplingContent.self),
        "UnsupportedProtocolVersionError": .errorResponse(.unsupportedProtocolVersion, data: UnsupportedProtocolVersionErrorData.self),
        "UntitledMultiSelectEnumSchema": .schema(UntitledMultiSelectEnumSchema.self) {
            if case .untitledMultiSelect = $0 { true } else { false }
        },
        "UntitledSingleSelectEnumSchema": .schema(UntitledSingleSelectEnumSchema.self) {
            if case .untitledSingleSelect = $0 { true } else { false }
        },
    ]
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Checks

/// How the examples of one directory are checked; `check` throws or records an issue on failure.
struct ExampleKind: Sendable {
    let check: @Sendable (JSONValue, String) throws -> Void

    /// A definition: the example round-trips through each of `types`.
    static func value<each T: Codable & Hashable & Sendable>(_ types: repeat (each T).Type) -> ExampleKind {
        ExampleKind { json, label in
            repeat try checkRoundTrip(json, as: (each T).self, label)
        }
    }

    private static func checkRoundTrip<T: Codable & Hashable>(_ json: JSONValue, as type: T.Type, _ label: String) throws {
        try expectRoundTrip(json, as: type, label)
    }

    /// A field schema: round-trips through its own type, and through ``PrimitiveSchemaDefinition``
    /// as the expected case.
    static func schema<T: Codable & Hashable & Sendable>(
        _ type: T.Type,
        isExpectedCase: @escaping @Sendable (PrimitiveSchemaDefinition) -> Bool
    ) -> ExampleKind {
        ExampleKind { json, label in
            try expectRoundTrip(json, as: T.self, label)
            let definition = try expectRoundTrip(json, as: PrimitiveSchemaDefinition.self, label)
            #expect(isExpectedCase(definition), "\(label) decoded as \(definition)")
        }
    }

    /// A request envelope (`<X>Request`): the method is `Params.method` and the parameters
    /// round-trip through `Params`. Envelopes of input requests carry no `jsonrpc` member.
    static func request<Params: RequestParams & Hashable>(_ type: Params.Type) -> ExampleKind {
        ExampleKind { json, label in
            #expect(json["method"] == .string(Params.method), "\(label): method")
            if json["jsonrpc"] != nil {
                let message = try JSONRPCMessage(json: json)
                guard case .request = message else {
                    Issue.record("\(label) is not a request")
                    return
                }
                #expect(message.jsonValue == json, "\(label): envelope")
            }
            try expectRoundTrip(json["params"] ?? [:], as: Params.self, label)
        }
    }

    /// A notification envelope: the method is `Params.method` and the parameters round-trip.
    static func notification<Params: NotificationParams & Hashable>(_ type: Params.Type) -> ExampleKind {
        ExampleKind { json, label in
            #expect(json["method"] == .string(Params.method), "\(label): method")
            let message = try JSONRPCMessage(json: json)
            guard case .notification = message else {
                Issue.record("\(label) is not a notification")
                return
            }
            #expect(message.jsonValue == json, "\(label): envelope")
            try expectRoundTrip(json["params"] ?? [:], as: Params.self, label)
        }
    }

    /// A result envelope: the result round-trips through `Result`, or through
    /// ``InputRequiredResult`` when it says so.
    static func resultResponse<Result: Codable & Hashable & Sendable>(_ type: Result.Type) -> ExampleKind {
        ExampleKind { json, label in
            let message = try JSONRPCMessage(json: json)
            guard case .response(let response) = message else {
                Issue.record("\(label) is not a result response")
                return
            }
            #expect(message.jsonValue == json, "\(label): envelope")
            if let object = response.result.objectValue, ResultType(of: object) == .inputRequired {
                try expectRoundTrip(response.result, as: InputRequiredResult.self, label)
            } else {
                try expectRoundTrip(response.result, as: Result.self, label)
            }
        }
    }

    /// A bare `error` object.
    static func errorObject(_ code: ErrorCode) -> ExampleKind {
        ExampleKind { json, label in
            let error = try expectRoundTrip(json, as: MCPError.self, label)
            #expect(error.code == code, "\(label): code")
        }
    }

    /// An error response envelope, with typed `data` when the error defines it.
    static func errorResponse(_ code: ErrorCode) -> ExampleKind {
        ExampleKind { json, label in
            _ = try errorEnvelope(json, code: code, label)
        }
    }

    /// An error response envelope whose `data` round-trips through `Data`.
    static func errorResponse<ErrorData: Codable & Hashable & Sendable>(_ code: ErrorCode, data: ErrorData.Type) -> ExampleKind {
        ExampleKind { json, label in
            let error = try errorEnvelope(json, code: code, label)
            try expectRoundTrip(try #require(error.data, "\(label): data"), as: ErrorData.self, label)
        }
    }

    private static func errorEnvelope(_ json: JSONValue, code: ErrorCode, _ label: String) throws -> MCPError {
        let message = try JSONRPCMessage(json: json)
        guard case .errorResponse(let response) = message else {
            throw FixtureError("\(label) is not an error response")
        }
        #expect(message.jsonValue == json, "\(label): envelope")
        #expect(response.error.code == code, "\(label): code")
        return response.error
    }
}

/// Decodes `json` as `type`, re-encodes it, and expects equal JSON and an equal value on a second
/// decode. Returns the decoded value.
@discardableResult
func expectRoundTrip<T: Codable & Hashable>(_ json: JSONValue, as type: T.Type, _ label: String = "") throws -> T {
    let value = try json.decode(T.self)
    let encoded = try JSONValue(encoding: value)
    #expect(encoded == json, "\(label) through \(T.self): re-encoded as \(encoded.jsonString())")
    #expect(try encoded.decode(T.self) == value, "\(label) through \(T.self): decoding the encoding differs")
    return value
}
