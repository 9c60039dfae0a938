/// The parameters of `resources/read`: read the resource at a URI.
public struct ReadResourceRequestParams: RequestParams, Hashable {
    public typealias Result = ReadResourceResult
    public static let method = "resources/read"

    /// The URI of the resource to read.
    public var uri: String
    /// The client's answers to the server's previous `input_required` result, keyed as the
    /// server's input requests were (2026-07-28).
    public var inputResponses: JSONObject?
    /// The opaque state from the server's previous `input_required` result, echoed unchanged
    /// (2026-07-28).
    public var requestState: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `resources/read` parameters.
    public init(
        uri: String,
        inputResponses: JSONObject? = nil,
        requestState: String? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.uri = uri
        self.inputResponses = inputResponses
        self.requestState = requestState
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ReadResourceRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case uri, inputResponses, requestState
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        inputResponses = try container.decodeIfPresent(JSONObject.self, forKey: .inputResponses)
        requestState = try container.decodeIfPresent(String.self, forKey: .requestState)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encodeIfPresent(inputResponses, forKey: .inputResponses)
        try container.encodeIfPresent(requestState, forKey: .requestState)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `resources/read`.
public struct ReadResourceResult: Hashable, Sendable {
    /// The contents: one entry for a plain resource, several for a directory-like one.
    public var contents: [ResourceContents]
    /// How long the result may be cached, in milliseconds (2026-07-28).
    public var ttlMs: Int?
    /// Who may share a cached copy (2026-07-28).
    public var cacheScope: CacheScope?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a `resources/read` result.
    public init(
        contents: [ResourceContents],
        ttlMs: Int? = nil,
        cacheScope: CacheScope? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.contents = contents
        self.ttlMs = ttlMs
        self.cacheScope = cacheScope
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The text of every text entry, joined with newlines.
    public var text: String {
        contents.compactMap(\.text).joined(separator: "\n")
    }
}

extension ReadResourceResult: Codable {
    enum CodingKeys: String, CodingKey {
        case contents, ttlMs, cacheScope
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        contents = try container.decode([ResourceContents].self, forKey: .contents)
        ttlMs = try container.decodeIfPresent(Int.self, forKey: .ttlMs)
        cacheScope = try container.decodeIfPresent(CacheScope.self, forKey: .cacheScope)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(contents, forKey: .contents)
        try container.encodeIfPresent(ttlMs, forKey: .ttlMs)
        try container.encodeIfPresent(cacheScope, forKey: .cacheScope)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
