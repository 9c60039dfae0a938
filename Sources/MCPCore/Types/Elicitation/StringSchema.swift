/// A text field of an elicitation form.
public struct StringSchema: Hashable, Sendable {
    /// The field's label.
    public var title: String?
    /// Help text for the field.
    public var description: String?
    /// The fewest characters allowed.
    public var minLength: Int?
    /// The most characters allowed.
    public var maxLength: Int?
    /// The format the text must have.
    public var format: Format?
    /// The initial value (2025-11-25).
    public var defaultValue: String?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// A string format. Open-ended.
    public struct Format: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
        public var rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// A full date, `2025-01-31`.
        public static let date: Format = "date"
        /// A date and time, `2025-01-31T12:00:00Z`.
        public static let dateTime: Format = "date-time"
        /// An email address.
        public static let email: Format = "email"
        /// A URI.
        public static let uri: Format = "uri"
    }

    /// Creates a text field.
    public init(
        title: String? = nil,
        description: String? = nil,
        minLength: Int? = nil,
        maxLength: Int? = nil,
        format: Format? = nil,
        defaultValue: String? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.title = title
        self.description = description
        self.minLength = minLength
        self.maxLength = maxLength
        self.format = format
        self.defaultValue = defaultValue
        self.additionalFields = additionalFields
    }
}

extension StringSchema: Codable {
    enum CodingKeys: String, CodingKey {
        case type, title, description, minLength, maxLength, format
        case defaultValue = "default"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        minLength = try container.decodeIfPresent(Int.self, forKey: .minLength)
        maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength)
        format = try container.decodeIfPresent(Format.self, forKey: .format)
        defaultValue = try container.decodeIfPresent(String.self, forKey: .defaultValue)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("string", forKey: .type)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(minLength, forKey: .minLength)
        try container.encodeIfPresent(maxLength, forKey: .maxLength)
        try container.encodeIfPresent(format, forKey: .format)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
