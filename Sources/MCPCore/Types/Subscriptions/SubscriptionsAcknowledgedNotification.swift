/// The parameters of `notifications/subscriptions/acknowledged` (2026-07-28): the first message of
/// a `subscriptions/listen` stream, saying which of the requested notifications the server will
/// send.
public struct SubscriptionsAcknowledgedNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/subscriptions/acknowledged"

    /// The notifications the server will send.
    public var notifications: SubscriptionFilter
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(notifications: SubscriptionFilter, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.notifications = notifications
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The subscription's identifier, carried in ``meta`` under ``MetaKeys/subscriptionID``.
    public var subscriptionID: RequestID? {
        meta?[MetaKeys.subscriptionID].flatMap(RequestID.init(jsonValue:))
    }
}

extension SubscriptionsAcknowledgedNotificationParams: Codable {
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
