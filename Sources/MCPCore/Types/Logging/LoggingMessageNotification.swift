/// The parameters of `notifications/message`: a log message from the server.
public struct LoggingMessageNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/message"

    /// How severe the message is.
    public var level: LoggingLevel
    /// The name of the logger that sent it.
    public var logger: String?
    /// The message: a string or any JSON value.
    public var data: JSONValue
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(level: LoggingLevel, logger: String? = nil, data: JSONValue, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.level = level
        self.logger = logger
        self.data = data
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension LoggingMessageNotificationParams: Codable {
    enum CodingKeys: String, CodingKey {
        case level, logger, data
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(LoggingLevel.self, forKey: .level)
        logger = try container.decodeIfPresent(String.self, forKey: .logger)
        // Tolerate servers that omit the data of an empty message.
        data = try container.decodeIfPresent(JSONValue.self, forKey: .data) ?? .null
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encodeIfPresent(logger, forKey: .logger)
        try container.encode(data, forKey: .data)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
