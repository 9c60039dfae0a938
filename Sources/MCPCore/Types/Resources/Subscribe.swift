/// The parameters of `resources/subscribe`: ask for `notifications/resources/updated` whenever
/// the resource at a URI changes (before 2026-07-28).
public struct SubscribeRequestParams: RequestParams, Hashable {
    public typealias Result = EmptyResult
    public static let method = "resources/subscribe"

    /// The URI of the resource to watch.
    public var uri: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `resources/subscribe` parameters.
    public init(uri: String, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.uri = uri
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension SubscribeRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case uri
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The parameters of `resources/unsubscribe`: stop the updates a `resources/subscribe` asked for
/// (before 2026-07-28).
public struct UnsubscribeRequestParams: RequestParams, Hashable {
    public typealias Result = EmptyResult
    public static let method = "resources/unsubscribe"

    /// The URI of the resource to stop watching.
    public var uri: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `resources/unsubscribe` parameters.
    public init(uri: String, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.uri = uri
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension UnsubscribeRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case uri
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
