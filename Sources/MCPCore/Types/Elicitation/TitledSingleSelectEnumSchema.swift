/// A single-choice field with a label for each value (2025-11-25).
public struct TitledSingleSelectEnumSchema: Hashable, Sendable {
    /// The field's label.
    public var title: String?
    /// Help text for the field.
    public var description: String?
    /// The choices, with their labels.
    public var options: [EnumOption]
    /// The initial choice.
    public var defaultValue: String?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a single-choice field.
    public init(
        title: String? = nil,
        description: String? = nil,
        options: [EnumOption],
        defaultValue: String? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.title = title
        self.description = description
        self.options = options
        self.defaultValue = defaultValue
        self.additionalFields = additionalFields
    }
}

extension TitledSingleSelectEnumSchema: Codable {
    enum CodingKeys: String, CodingKey {
        case type, title, description
        case options = "oneOf"
        case defaultValue = "default"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        options = try container.decode([EnumOption].self, forKey: .options)
        defaultValue = try container.decodeIfPresent(String.self, forKey: .defaultValue)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("string", forKey: .type)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(options, forKey: .options)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
