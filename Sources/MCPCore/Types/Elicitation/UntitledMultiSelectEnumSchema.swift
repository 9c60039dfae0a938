/// A multiple-choice field whose values are their own labels (2025-11-25).
public struct UntitledMultiSelectEnumSchema: Hashable, Sendable {
    /// The field's label.
    public var title: String?
    /// Help text for the field.
    public var description: String?
    /// The fewest choices allowed.
    public var minItems: Int?
    /// The most choices allowed.
    public var maxItems: Int?
    /// The choices.
    public var items: Items
    /// The initial choices.
    public var defaultValue: [String]?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// The schema of the chosen values.
    public struct Items: Hashable, Sendable {
        /// The choices.
        public var values: [String]
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the item schema.
        public init(values: [String], additionalFields: JSONObject = [:]) {
            self.values = values
            self.additionalFields = additionalFields
        }
    }

    /// Creates a multiple-choice field.
    public init(
        title: String? = nil,
        description: String? = nil,
        minItems: Int? = nil,
        maxItems: Int? = nil,
        items: Items,
        defaultValue: [String]? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.title = title
        self.description = description
        self.minItems = minItems
        self.maxItems = maxItems
        self.items = items
        self.defaultValue = defaultValue
        self.additionalFields = additionalFields
    }

    /// The choices (the `enum` of ``items``).
    public var values: [String] {
        get { items.values }
        set { items.values = newValue }
    }
}

extension UntitledMultiSelectEnumSchema: Codable {
    enum CodingKeys: String, CodingKey {
        case type, title, description, minItems, maxItems, items
        case defaultValue = "default"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        minItems = try container.decodeIfPresent(Int.self, forKey: .minItems)
        maxItems = try container.decodeIfPresent(Int.self, forKey: .maxItems)
        items = try container.decode(Items.self, forKey: .items)
        defaultValue = try container.decodeIfPresent([String].self, forKey: .defaultValue)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("array", forKey: .type)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(minItems, forKey: .minItems)
        try container.encodeIfPresent(maxItems, forKey: .maxItems)
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension UntitledMultiSelectEnumSchema.Items: Codable {
    enum CodingKeys: String, CodingKey {
        case type
        case values = "enum"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decode([String].self, forKey: .values)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("string", forKey: .type)
        try container.encode(values, forKey: .values)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
