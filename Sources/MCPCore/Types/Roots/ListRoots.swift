/// The parameters of `roots/list`, which a server sends to learn the client's roots.
public struct ListRootsRequestParams: RequestParams, Hashable {
    public typealias Result = ListRootsResult
    public static let method = "roots/list"

    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `roots/list` parameters.
    public init(meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ListRootsRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `roots/list`.
public struct ListRootsResult: Hashable, Sendable {
    /// The client's roots.
    public var roots: [Root]
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a `roots/list` result.
    public init(roots: [Root], meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.roots = roots
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ListRootsResult: Codable {
    enum CodingKeys: String, CodingKey {
        case roots
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        roots = try container.decode([Root].self, forKey: .roots)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roots, forKey: .roots)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
