/// A directory or file the client lets the server work with.
public struct Root: Hashable, Sendable {
    /// The root's URI; a `file://` URI in current protocol versions.
    public var uri: String
    /// A name for people to read.
    public var name: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a root.
    public init(uri: String, name: String? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.uri = uri
        self.name = name
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension Root: Codable {
    enum CodingKeys: String, CodingKey {
        case uri, name
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
