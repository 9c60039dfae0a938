/// The parameters of `tools/call`: invoke a tool with arguments.
public struct CallToolRequestParams: RequestParams, Hashable {
    public typealias Result = CallToolResult
    public static let method = "tools/call"

    /// The tool's name.
    public var name: String
    /// The arguments, an object matching the tool's input schema.
    public var arguments: JSONObject?
    /// Run as a task instead of waiting for the result (2025-11-25).
    public var task: TaskMetadata?
    /// The client's answers to the server's previous `input_required` result, keyed as the
    /// server's input requests were (2026-07-28).
    public var inputResponses: JSONObject?
    /// The opaque state from the server's previous `input_required` result, echoed unchanged
    /// (2026-07-28).
    public var requestState: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `tools/call` parameters.
    public init(
        name: String,
        arguments: JSONObject? = nil,
        task: TaskMetadata? = nil,
        inputResponses: JSONObject? = nil,
        requestState: String? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.name = name
        self.arguments = arguments
        self.task = task
        self.inputResponses = inputResponses
        self.requestState = requestState
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CallToolRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case name, arguments, task, inputResponses, requestState
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        arguments = try container.decodeIfPresent(JSONObject.self, forKey: .arguments)
        task = try container.decodeIfPresent(TaskMetadata.self, forKey: .task)
        inputResponses = try container.decodeIfPresent(JSONObject.self, forKey: .inputResponses)
        requestState = try container.decodeIfPresent(String.self, forKey: .requestState)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(arguments, forKey: .arguments)
        try container.encodeIfPresent(task, forKey: .task)
        try container.encodeIfPresent(inputResponses, forKey: .inputResponses)
        try container.encodeIfPresent(requestState, forKey: .requestState)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `tools/call`.
///
/// A tool that fails reports it here with ``isError`` set, so the model can see the failure; a
/// protocol-level failure (unknown tool, bad arguments) is an ``MCPError`` instead.
public struct CallToolResult: Hashable, Sendable {
    /// The unstructured result.
    public var content: [ContentBlock]
    /// The structured result, conforming to the tool's output schema if it has one. An object
    /// before 2026-07-28; any JSON value from then on.
    public var structuredContent: JSONValue?
    /// Whether the tool call failed.
    public var isError: Bool?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a tool result.
    public init(
        content: [ContentBlock] = [],
        structuredContent: JSONValue? = nil,
        isError: Bool? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.content = content
        self.structuredContent = structuredContent
        self.isError = isError
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The text of every text block, joined with newlines.
    public var text: String {
        content.compactMap(\.text).joined(separator: "\n")
    }
}

extension CallToolResult: Codable {
    enum CodingKeys: String, CodingKey {
        case content, structuredContent, isError
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Tolerate servers that omit an empty content array.
        content = try container.decodeIfPresent([ContentBlock].self, forKey: .content) ?? []
        structuredContent = try container.decodeIfPresent(JSONValue.self, forKey: .structuredContent)
        isError = try container.decodeIfPresent(Bool.self, forKey: .isError)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(structuredContent, forKey: .structuredContent)
        try container.encodeIfPresent(isError, forKey: .isError)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
