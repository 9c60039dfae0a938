/// A single-choice field labelled with the non-standard `enumNames` (2025-06-18; deprecated in
/// 2025-11-25 in favour of ``TitledSingleSelectEnumSchema``).
public struct LegacyTitledEnumSchema: Hashable, Sendable {
    /// The field's label.
    public var title: String?
    /// Help text for the field.
    public var description: String?
    /// The choices.
    public var values: [String]
    /// The labels, in the order of ``values``.
    public var enumNames: [String]?
    /// The initial choice.
    public var defaultValue: String?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a single-choice field.
    public init(
        title: String? = nil,
        description: String? = nil,
        values: [String],
        enumNames: [String]? = nil,
        defaultValue: String? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.title = title
        self.description = description
        self.values = values
        self.enumNames = enumNames
        self.defaultValue = defaultValue
        self.additionalFields = additionalFields
    }
}

extension LegacyTitledEnumSchema: Codable {
    enum CodingKeys: String, CodingKey {
        case type, title, description, enumNames
        case values = "enum"
        case defaultValue = "default"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        values = try container.decode([String].self, forKey: .values)
        enumNames = try container.decodeIfPresent([String].self, forKey: .enumNames)
        defaultValue = try container.decodeIfPresent(String.self, forKey: .defaultValue)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("string", forKey: .type)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(values, forKey: .values)
        try container.encodeIfPresent(enumNames, forKey: .enumNames)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
