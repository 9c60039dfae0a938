/// A number field of an elicitation form.
public struct NumberSchema: Hashable, Sendable {
    /// Whether the field takes any number or integers only.
    public var type: Kind
    /// The field's label.
    public var title: String?
    /// Help text for the field.
    public var description: String?
    /// The smallest value allowed.
    public var minimum: Double?
    /// The largest value allowed.
    public var maximum: Double?
    /// The initial value (2025-11-25).
    public var defaultValue: Double?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Whether a number field takes integers only. Open-ended.
    public struct Kind: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
        public var rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// Any number.
        public static let number: Kind = "number"
        /// Integers only.
        public static let integer: Kind = "integer"
    }

    /// Creates a number field.
    public init(
        type: Kind = .number,
        title: String? = nil,
        description: String? = nil,
        minimum: Double? = nil,
        maximum: Double? = nil,
        defaultValue: Double? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.type = type
        self.title = title
        self.description = description
        self.minimum = minimum
        self.maximum = maximum
        self.defaultValue = defaultValue
        self.additionalFields = additionalFields
    }
}

extension NumberSchema: Codable {
    enum CodingKeys: String, CodingKey {
        case type, title, description, minimum, maximum
        case defaultValue = "default"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The discriminator is normally present; default to `number` if it is not.
        type = try container.decodeIfPresent(Kind.self, forKey: .type) ?? .number
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
        defaultValue = try container.decodeIfPresent(Double.self, forKey: .defaultValue)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
