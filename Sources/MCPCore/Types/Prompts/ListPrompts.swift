/// The parameters of `prompts/list`: one page of the server's prompts.
public struct ListPromptsRequestParams: PaginatedRequestParams, Hashable {
    public typealias Result = ListPromptsResult
    public static let method = "prompts/list"

    /// Where to continue from, or `nil` for the first page.
    public var cursor: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `prompts/list` parameters.
    public init(cursor: String? = nil) {
        self.init(cursor: cursor, meta: nil)
    }

    /// Creates `prompts/list` parameters with metadata.
    public init(cursor: String?, meta: JSONObject?, additionalFields: JSONObject = [:]) {
        self.cursor = cursor
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ListPromptsRequestParams: Codable {
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

/// One page of `prompts/list`.
public struct ListPromptsResult: PaginatedResult, Hashable {
    /// The prompts on this page.
    public var prompts: [Prompt]
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

    /// Creates a page of prompts.
    public init(
        prompts: [Prompt],
        nextCursor: String? = nil,
        ttlMs: Int? = nil,
        cacheScope: CacheScope? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.prompts = prompts
        self.nextCursor = nextCursor
        self.ttlMs = ttlMs
        self.cacheScope = cacheScope
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The prompts on this page (``PaginatedResult`` conformance).
    public var items: [Prompt] { prompts }
}

extension ListPromptsResult: Codable {
    enum CodingKeys: String, CodingKey {
        case prompts, nextCursor, ttlMs, cacheScope
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prompts = try container.decode([Prompt].self, forKey: .prompts)
        nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        ttlMs = try container.decodeIfPresent(Int.self, forKey: .ttlMs)
        cacheScope = try container.decodeIfPresent(CacheScope.self, forKey: .cacheScope)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prompts, forKey: .prompts)
        try container.encodeIfPresent(nextCursor, forKey: .nextCursor)
        try container.encodeIfPresent(ttlMs, forKey: .ttlMs)
        try container.encodeIfPresent(cacheScope, forKey: .cacheScope)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
