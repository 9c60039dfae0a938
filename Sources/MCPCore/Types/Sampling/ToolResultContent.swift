/// The result of a tool call, given back to the model in sampling (2025-11-25).
public struct ToolResultContent: Hashable, Sendable {
    /// The identifier of the ``ToolUseContent`` this answers.
    public var toolUseID: String
    /// The unstructured result.
    public var content: [ContentBlock]
    /// The structured result, if the tool declares an output schema. An object in 2025-11-25;
    /// any JSON value from 2026-07-28 on.
    public var structuredContent: JSONValue?
    /// Whether the tool call failed.
    public var isError: Bool?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a tool result.
    public init(
        toolUseID: String,
        content: [ContentBlock] = [],
        structuredContent: JSONValue? = nil,
        isError: Bool? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.toolUseID = toolUseID
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

extension ToolResultContent: Codable {
    enum CodingKeys: String, CodingKey {
        case type, content, structuredContent, isError
        case toolUseID = "toolUseId"
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        toolUseID = try container.decode(String.self, forKey: .toolUseID)
        // Tolerate senders that omit an empty content array.
        content = try container.decodeIfPresent([ContentBlock].self, forKey: .content) ?? []
        structuredContent = try container.decodeIfPresent(JSONValue.self, forKey: .structuredContent)
        isError = try container.decodeIfPresent(Bool.self, forKey: .isError)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("tool_result", forKey: .type)
        try container.encode(toolUseID, forKey: .toolUseID)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(structuredContent, forKey: .structuredContent)
        try container.encodeIfPresent(isError, forKey: .isError)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
