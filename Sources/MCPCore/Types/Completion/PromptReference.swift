/// Identifies a prompt whose argument to complete.
public struct PromptReference: Hashable, Sendable {
    /// The prompt's name.
    public var name: String
    /// A name for people to read (2025-06-18).
    public var title: String?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a prompt reference.
    public init(name: String, title: String? = nil, additionalFields: JSONObject = [:]) {
        self.name = name
        self.title = title
        self.additionalFields = additionalFields
    }
}

extension PromptReference: Codable {
    enum CodingKeys: String, CodingKey {
        case type, name, title
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("ref/prompt", forKey: .type)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(title, forKey: .title)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
