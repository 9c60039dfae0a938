/// A multiple-choice field with a label for each value (2025-11-25).
public struct TitledMultiSelectEnumSchema: Hashable, Sendable {
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
        /// The choices, with their labels.
        public var options: [EnumOption]
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the item schema.
        public init(options: [EnumOption], additionalFields: JSONObject = [:]) {
            self.options = options
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

    /// The choices with their labels (the `anyOf` of ``items``).
    public var options: [EnumOption] {
        get { items.options }
        set { items.options = newValue }
    }
}

extension TitledMultiSelectEnumSchema: Codable {
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

extension TitledMultiSelectEnumSchema.Items: Codable {
    enum CodingKeys: String, CodingKey {
        case options = "anyOf"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        options = try container.decode([EnumOption].self, forKey: .options)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(options, forKey: .options)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
