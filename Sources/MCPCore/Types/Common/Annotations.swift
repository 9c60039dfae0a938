/// Hints for the client about how an object is meant to be used or shown.
public struct Annotations: Hashable, Sendable {
    /// Who the object is meant for: the user, the assistant, or both.
    public var audience: [Role]?
    /// How important the object is, from 0 (optional) to 1 (effectively required).
    public var priority: Double?
    /// When the object was last modified, as an ISO 8601 string.
    public var lastModified: String?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates annotations.
    public init(audience: [Role]? = nil, priority: Double? = nil, lastModified: String? = nil, additionalFields: JSONObject = [:]) {
        self.audience = audience
        self.priority = priority
        self.lastModified = lastModified
        self.additionalFields = additionalFields
    }
}

extension Annotations: Codable {
    enum CodingKeys: String, CodingKey {
        case audience, priority, lastModified
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        audience = try container.decodeIfPresent([Role].self, forKey: .audience)
        priority = try container.decodeIfPresent(Double.self, forKey: .priority)
        lastModified = try container.decodeIfPresent(String.self, forKey: .lastModified)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(audience, forKey: .audience)
        try container.encodeIfPresent(priority, forKey: .priority)
        try container.encodeIfPresent(lastModified, forKey: .lastModified)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
