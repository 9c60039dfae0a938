/// The parameters of `notifications/roots/list_changed`, which a client sends when its roots change
/// (before 2026-07-28).
public struct RootsListChangedNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/roots/list_changed"

    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension RootsListChangedNotificationParams: Codable {
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
