/// A model's request to call a tool, in sampling (2025-11-25).
public struct ToolUseContent: Hashable, Sendable {
    /// The call's identifier, which the matching ``ToolResultContent`` repeats.
    public var id: String
    /// The name of the tool to call.
    public var name: String
    /// The arguments, an object matching the tool's input schema.
    public var input: JSONObject
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a tool call.
    public init(id: String, name: String, input: JSONObject = [:], meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.id = id
        self.name = name
        self.input = input
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ToolUseContent: Codable {
    enum CodingKeys: String, CodingKey {
        case type, id, name, input
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        input = try container.decode(JSONObject.self, forKey: .input)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("tool_use", forKey: .type)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(input, forKey: .input)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
