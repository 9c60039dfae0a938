/// The parameters of `notifications/resources/updated`: a resource the client watches has changed
/// and may be read again.
public struct ResourceUpdatedNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/resources/updated"

    /// The URI of the resource that changed (possibly a sub-resource of the one watched).
    public var uri: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(uri: String, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.uri = uri
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ResourceUpdatedNotificationParams: Codable {
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
