/// A checkbox of an elicitation form.
public struct BooleanSchema: Hashable, Sendable {
    /// The field's label.
    public var title: String?
    /// Help text for the field.
    public var description: String?
    /// The initial value.
    public var defaultValue: Bool?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a checkbox.
    public init(title: String? = nil, description: String? = nil, defaultValue: Bool? = nil, additionalFields: JSONObject = [:]) {
        self.title = title
        self.description = description
        self.defaultValue = defaultValue
        self.additionalFields = additionalFields
    }
}

extension BooleanSchema: Codable {
    enum CodingKeys: String, CodingKey {
        case type, title, description
        case defaultValue = "default"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        defaultValue = try container.decodeIfPresent(Bool.self, forKey: .defaultValue)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("boolean", forKey: .type)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
