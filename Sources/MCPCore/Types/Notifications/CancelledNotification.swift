/// The parameters of `notifications/cancelled`: the sender no longer wants the result of a request
/// it sent.
public struct CancelledNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/cancelled"

    /// The identifier of the request to cancel. Required before 2025-11-25, where it may be
    /// omitted for task cancellation.
    public var requestID: RequestID?
    /// Why, for logs or people.
    public var reason: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(requestID: RequestID? = nil, reason: String? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.requestID = requestID
        self.reason = reason
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CancelledNotificationParams: Codable {
    enum CodingKeys: String, CodingKey {
        case reason
        case requestID = "requestId"
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requestID = try container.decodeIfPresent(RequestID.self, forKey: .requestID)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(requestID, forKey: .requestID)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
