/// The parameters of `notifications/elicitation/complete`: the user finished a URL-mode elicitation
/// (2025-11-25).
public struct ElicitationCompleteNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/elicitation/complete"

    /// The `elicitationId` of the URL-mode request that finished.
    public var elicitationID: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(elicitationID: String, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.elicitationID = elicitationID
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ElicitationCompleteNotificationParams: Codable {
    enum CodingKeys: String, CodingKey {
        case elicitationID = "elicitationId"
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        elicitationID = try container.decode(String.self, forKey: .elicitationID)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(elicitationID, forKey: .elicitationID)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
