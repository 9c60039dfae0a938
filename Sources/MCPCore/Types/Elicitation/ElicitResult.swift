/// The result of `elicitation/create`: what the user did, and in form mode what they entered.
public struct ElicitResult: Hashable, Sendable {
    /// What the user did.
    public var action: ElicitAction
    /// The submitted values by field name, when the user accepted a form: strings, numbers,
    /// booleans, or (2025-11-25) arrays of strings.
    public var content: JSONObject?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates an `elicitation/create` result.
    public init(action: ElicitAction, content: JSONObject? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.action = action
        self.content = content
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The user accepted, with the values they entered (none in URL mode).
    public static func accept(_ content: JSONObject? = nil) -> ElicitResult {
        ElicitResult(action: .accept, content: content)
    }

    /// The user refused.
    public static func decline() -> ElicitResult {
        ElicitResult(action: .decline)
    }

    /// The user dismissed the request.
    public static func cancel() -> ElicitResult {
        ElicitResult(action: .cancel)
    }
}

extension ElicitResult: Codable {
    enum CodingKeys: String, CodingKey {
        case action, content
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        action = try container.decode(ElicitAction.self, forKey: .action)
        content = try container.decodeIfPresent(JSONObject.self, forKey: .content)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// What the user did with an elicitation. Open-ended.
public struct ElicitAction: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Submitted the form (with ``ElicitResult/content``) or agreed to open the URL.
    public static let accept: ElicitAction = "accept"
    /// Explicitly refused.
    public static let decline: ElicitAction = "decline"
    /// Dismissed without choosing.
    public static let cancel: ElicitAction = "cancel"
}

extension ElicitAction: CustomStringConvertible {
    public var description: String { rawValue }
}
