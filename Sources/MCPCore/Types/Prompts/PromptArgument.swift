/// An argument a prompt accepts.
public struct PromptArgument: Hashable, Sendable {
    /// The argument's name.
    public var name: String
    /// A name for people to read (2025-06-18).
    public var title: String?
    /// What the argument is for.
    public var description: String?
    /// Whether the argument must be given.
    public var required: Bool?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a prompt argument.
    public init(name: String, title: String? = nil, description: String? = nil, required: Bool? = nil, additionalFields: JSONObject = [:]) {
        self.name = name
        self.title = title
        self.description = description
        self.required = required
        self.additionalFields = additionalFields
    }
}

extension PromptArgument: Codable {
    enum CodingKeys: String, CodingKey {
        case name, title, description, required
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        required = try container.decodeIfPresent(Bool.self, forKey: .required)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(required, forKey: .required)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
