/// The parameters of `subscriptions/listen` (2026-07-28): open a stream of the notifications the
/// filter selects. The request stays open while the stream lasts.
public struct SubscriptionsListenRequestParams: RequestParams, Hashable {
    public typealias Result = SubscriptionsListenResult
    public static let method = "subscriptions/listen"

    /// Which notifications to send.
    public var notifications: SubscriptionFilter
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `subscriptions/listen` parameters.
    public init(notifications: SubscriptionFilter, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.notifications = notifications
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension SubscriptionsListenRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case notifications
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        notifications = try container.decode(SubscriptionFilter.self, forKey: .notifications)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(notifications, forKey: .notifications)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `subscriptions/listen`, sent when the server ends the stream (2026-07-28).
public struct SubscriptionsListenResult: Hashable, Sendable {
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a `subscriptions/listen` result.
    public init(meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The subscription's identifier, carried in ``meta`` under ``MetaKeys/subscriptionID``.
    public var subscriptionID: RequestID? {
        meta?[MetaKeys.subscriptionID].flatMap(RequestID.init(jsonValue:))
    }

    /// The server's name and version, carried in ``meta`` under ``MetaKeys/serverInfo``.
    public var serverInfo: Implementation? {
        get { try? meta?[MetaKeys.serverInfo]?.decode(Implementation.self) }
        set {
            var meta = self.meta ?? [:]
            meta[MetaKeys.serverInfo] = newValue.flatMap { try? JSONValue(encoding: $0) }
            self.meta = meta.isEmpty ? nil : meta
        }
    }
}

extension SubscriptionsListenResult: Codable {
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
