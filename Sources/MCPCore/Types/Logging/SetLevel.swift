/// The parameters of `logging/setLevel`: send log messages at this level and above (before
/// 2026-07-28).
public struct SetLevelRequestParams: RequestParams, Hashable {
    public typealias Result = EmptyResult
    public static let method = "logging/setLevel"

    /// The least severe level to send.
    public var level: LoggingLevel
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `logging/setLevel` parameters.
    public init(level: LoggingLevel, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.level = level
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension SetLevelRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case level
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(LoggingLevel.self, forKey: .level)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
