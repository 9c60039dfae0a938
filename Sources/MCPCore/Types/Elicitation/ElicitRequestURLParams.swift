/// The parameters of a URL-mode `elicitation/create`: send the user to a web page, outside the
/// client, to provide something the client must not see, such as credentials (2025-11-25).
public struct ElicitRequestURLParams: Hashable, Sendable {
    /// Why the user should visit the page.
    public var message: String
    /// The page to open.
    public var url: String
    /// The identifier that `notifications/elicitation/complete` will carry. Required in
    /// 2025-11-25; absent in 2026-07-28.
    public var elicitationID: String?
    /// Run as a task instead of waiting for the result (2025-11-25).
    public var task: TaskMetadata?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates URL-mode parameters.
    public init(
        message: String,
        url: String,
        elicitationID: String? = nil,
        task: TaskMetadata? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.message = message
        self.url = url
        self.elicitationID = elicitationID
        self.task = task
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ElicitRequestURLParams: Codable {
    enum CodingKeys: String, CodingKey {
        case mode, message, url, task
        case elicitationID = "elicitationId"
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decode(String.self, forKey: .message)
        url = try container.decode(String.self, forKey: .url)
        elicitationID = try container.decodeIfPresent(String.self, forKey: .elicitationID)
        task = try container.decodeIfPresent(TaskMetadata.self, forKey: .task)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("url", forKey: .mode)
        try container.encode(message, forKey: .message)
        try container.encode(url, forKey: .url)
        try container.encodeIfPresent(elicitationID, forKey: .elicitationID)
        try container.encodeIfPresent(task, forKey: .task)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
