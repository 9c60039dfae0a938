/// The parameters of `notifications/progress`: how far a long-running request has got.
public struct ProgressNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/progress"

    /// The token from the `_meta` of the request this reports on.
    public var progressToken: ProgressToken
    /// The progress so far; it increases with every notification, even when the total is unknown.
    public var progress: Double
    /// The progress at completion, if known.
    public var total: Double?
    /// What is happening, for people (2025-03-26).
    public var message: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(
        progressToken: ProgressToken,
        progress: Double,
        total: Double? = nil,
        message: String? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.progressToken = progressToken
        self.progress = progress
        self.total = total
        self.message = message
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The completed fraction, from 0 to 1, when the total is known and positive.
    public var fractionCompleted: Double? {
        guard let total, total > 0 else { return nil }
        return min(max(progress / total, 0), 1)
    }
}

extension ProgressNotificationParams: Codable {
    enum CodingKeys: String, CodingKey {
        case progressToken, progress, total, message
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        progressToken = try container.decode(ProgressToken.self, forKey: .progressToken)
        progress = try container.decode(Double.self, forKey: .progress)
        total = try container.decodeIfPresent(Double.self, forKey: .total)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(progressToken, forKey: .progressToken)
        try container.encode(progress, forKey: .progress)
        try container.encodeIfPresent(total, forKey: .total)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
