/// A choice of a titled enumeration: the value sent back and the label shown.
public struct EnumOption: Hashable, Sendable {
    /// The value, sent back when chosen.
    public var value: String
    /// The label shown for it.
    public var title: String
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates an option.
    public init(value: String, title: String, additionalFields: JSONObject = [:]) {
        self.value = value
        self.title = title
        self.additionalFields = additionalFields
    }
}

extension EnumOption: Codable {
    enum CodingKeys: String, CodingKey {
        case title
        case value = "const"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        title = try container.decode(String.self, forKey: .title)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(title, forKey: .title)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
