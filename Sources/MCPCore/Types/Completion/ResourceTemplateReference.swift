/// Identifies a resource template whose URI variable to complete.
public struct ResourceTemplateReference: Hashable, Sendable {
    /// The resource template's URI template.
    public var uri: String
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a resource template reference.
    public init(uri: String, additionalFields: JSONObject = [:]) {
        self.uri = uri
        self.additionalFields = additionalFields
    }
}

extension ResourceTemplateReference: Codable {
    enum CodingKeys: String, CodingKey {
        case type, uri
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("ref/resource", forKey: .type)
        try container.encode(uri, forKey: .uri)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
