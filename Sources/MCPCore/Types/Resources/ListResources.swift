/// The parameters of `resources/list`: one page of the server's resources.
public struct ListResourcesRequestParams: PaginatedRequestParams, Hashable {
    public typealias Result = ListResourcesResult
    public static let method = "resources/list"

    /// Where to continue from, or `nil` for the first page.
    public var cursor: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `resources/list` parameters.
    public init(cursor: String? = nil) {
        self.init(cursor: cursor, meta: nil)
    }

    /// Creates `resources/list` parameters with metadata.
    public init(cursor: String?, meta: JSONObject?, additionalFields: JSONObject = [:]) {
        self.cursor = cursor
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ListResourcesRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case cursor
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cursor = try container.decodeIfPresent(String.self, forKey: .cursor)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(cursor, forKey: .cursor)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// One page of `resources/list`.
public struct ListResourcesResult: PaginatedResult, Hashable {
    /// The resources on this page.
    public var resources: [Resource]
    /// The cursor of the next page, or `nil` on the last page.
    public var nextCursor: String?
    /// How long the result may be cached, in milliseconds (2026-07-28).
    public var ttlMs: Int?
    /// Who may share a cached copy (2026-07-28).
    public var cacheScope: CacheScope?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a page of resources.
    public init(
        resources: [Resource],
        nextCursor: String? = nil,
        ttlMs: Int? = nil,
        cacheScope: CacheScope? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.resources = resources
        self.nextCursor = nextCursor
        self.ttlMs = ttlMs
        self.cacheScope = cacheScope
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The resources on this page (``PaginatedResult`` conformance).
    public var items: [Resource] { resources }
}

extension ListResourcesResult: Codable {
    enum CodingKeys: String, CodingKey {
        case resources, nextCursor, ttlMs, cacheScope
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resources = try container.decode([Resource].self, forKey: .resources)
        nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        ttlMs = try container.decodeIfPresent(Int.self, forKey: .ttlMs)
        cacheScope = try container.decodeIfPresent(CacheScope.self, forKey: .cacheScope)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resources, forKey: .resources)
        try container.encodeIfPresent(nextCursor, forKey: .nextCursor)
        try container.encodeIfPresent(ttlMs, forKey: .ttlMs)
        try container.encodeIfPresent(cacheScope, forKey: .cacheScope)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
