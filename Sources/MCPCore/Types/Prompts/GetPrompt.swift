/// The parameters of `prompts/get`: fill in a prompt template with arguments.
public struct GetPromptRequestParams: RequestParams, Hashable {
    public typealias Result = GetPromptResult
    public static let method = "prompts/get"

    /// The prompt's name.
    public var name: String
    /// The arguments, by name.
    public var arguments: [String: String]?
    /// The client's answers to the server's previous `input_required` result, keyed as the
    /// server's input requests were (2026-07-28).
    public var inputResponses: JSONObject?
    /// The opaque state from the server's previous `input_required` result, echoed unchanged
    /// (2026-07-28).
    public var requestState: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `prompts/get` parameters.
    public init(
        name: String,
        arguments: [String: String]? = nil,
        inputResponses: JSONObject? = nil,
        requestState: String? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.name = name
        self.arguments = arguments
        self.inputResponses = inputResponses
        self.requestState = requestState
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension GetPromptRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case name, arguments, inputResponses, requestState
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        arguments = try container.decodeIfPresent([String: String].self, forKey: .arguments)
        inputResponses = try container.decodeIfPresent(JSONObject.self, forKey: .inputResponses)
        requestState = try container.decodeIfPresent(String.self, forKey: .requestState)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(arguments, forKey: .arguments)
        try container.encodeIfPresent(inputResponses, forKey: .inputResponses)
        try container.encodeIfPresent(requestState, forKey: .requestState)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `prompts/get`: the prompt's messages.
public struct GetPromptResult: Hashable, Sendable {
    /// What the prompt does.
    public var description: String?
    /// The messages, in order.
    public var messages: [PromptMessage]
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a `prompts/get` result.
    public init(description: String? = nil, messages: [PromptMessage], meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.description = description
        self.messages = messages
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension GetPromptResult: Codable {
    enum CodingKeys: String, CodingKey {
        case description, messages
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        messages = try container.decode([PromptMessage].self, forKey: .messages)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(messages, forKey: .messages)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
