/// One message of a conversation sent for sampling.
public struct SamplingMessage: Hashable, Sendable {
    /// Who the message is from.
    public var role: Role
    /// What the message says: one block, or several (2025-11-25).
    public var content: SamplingMessageContent
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a sampling message.
    public init(role: Role, content: SamplingMessageContent, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.role = role
        self.content = content
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension SamplingMessage: Codable {
    enum CodingKeys: String, CodingKey {
        case role, content
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        content = try container.decode(SamplingMessageContent.self, forKey: .content)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
