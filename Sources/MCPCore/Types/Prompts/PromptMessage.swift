/// One message of a prompt: who says it and what.
public struct PromptMessage: Hashable, Sendable {
    /// Who the message is from.
    public var role: Role
    /// What the message says.
    public var content: ContentBlock
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a prompt message.
    public init(role: Role, content: ContentBlock, additionalFields: JSONObject = [:]) {
        self.role = role
        self.content = content
        self.additionalFields = additionalFields
    }
}

extension PromptMessage: Codable {
    enum CodingKeys: String, CodingKey {
        case role, content
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        content = try container.decode(ContentBlock.self, forKey: .content)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
