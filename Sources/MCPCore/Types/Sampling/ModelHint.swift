/// A hint for choosing a model: a name or part of one, such as `claude-3-5-sonnet` or `sonnet`.
public struct ModelHint: Hashable, Sendable {
    /// A full or partial model name; the client may map it to an equivalent model of another
    /// provider.
    public var name: String?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a model hint.
    public init(name: String? = nil, additionalFields: JSONObject = [:]) {
        self.name = name
        self.additionalFields = additionalFields
    }
}

extension ModelHint: Codable {
    enum CodingKeys: String, CodingKey {
        case name
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
