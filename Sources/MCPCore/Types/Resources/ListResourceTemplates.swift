/// The parameters of `resources/templates/list`: one page of the server's resource templates.
public struct ListResourceTemplatesRequestParams: PaginatedRequestParams, Hashable {
    public typealias Result = ListResourceTemplatesResult
    public static let method = "resources/templates/list"

    /// Where to continue from, or `nil` for the first page.
    public var cursor: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `resources/templates/list` parameters.
    public init(cursor: String? = nil) {
        self.init(cursor: cursor, meta: nil)
    }

    /// Creates `resources/templates/list` parameters with metadata.
    public init(cursor: String?, meta: JSONObject?, additionalFields: JSONObject = [:]) {
        self.cursor = cursor
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ListResourceTemplatesRequestParams: Codable {
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

/// One page of `resources/templates/list`.
public struct ListResourceTemplatesResult: PaginatedResult, Hashable {
    /// The resource templates on this page.
    public var resourceTemplates: [ResourceTemplate]
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

    /// Creates a page of resource templates.
    public init(
        resourceTemplates: [ResourceTemplate],
        nextCursor: String? = nil,
        ttlMs: Int? = nil,
        cacheScope: CacheScope? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.resourceTemplates = resourceTemplates
        self.nextCursor = nextCursor
        self.ttlMs = ttlMs
        self.cacheScope = cacheScope
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The resource templates on this page (``PaginatedResult`` conformance).
    public var items: [ResourceTemplate] { resourceTemplates }
}

extension ListResourceTemplatesResult: Codable {
    enum CodingKeys: String, CodingKey {
        case resourceTemplates, nextCursor, ttlMs, cacheScope
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resourceTemplates = try container.decode([ResourceTemplate].self, forKey: .resourceTemplates)
        nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        ttlMs = try container.decodeIfPresent(Int.self, forKey: .ttlMs)
        cacheScope = try container.decodeIfPresent(CacheScope.self, forKey: .cacheScope)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resourceTemplates, forKey: .resourceTemplates)
        try container.encodeIfPresent(nextCursor, forKey: .nextCursor)
        try container.encodeIfPresent(ttlMs, forKey: .ttlMs)
        try container.encodeIfPresent(cacheScope, forKey: .cacheScope)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
