/// The parameters of `sampling/createMessage`: a server asks the client to run a language model
/// on a conversation.
///
/// The client decides which model to use, and should let the user review both the request and
/// the answer.
public struct CreateMessageRequestParams: RequestParams, Hashable {
    public typealias Result = CreateMessageResult
    public static let method = "sampling/createMessage"

    /// The conversation so far.
    public var messages: [SamplingMessage]
    /// What the server would like in a model.
    public var modelPreferences: ModelPreferences?
    /// A system prompt the server asks for; the client may change or ignore it.
    public var systemPrompt: String?
    /// Which servers' context to add to the prompt.
    public var includeContext: IncludeContext?
    /// The sampling temperature.
    public var temperature: Double?
    /// The most tokens to generate.
    public var maxTokens: Int
    /// Sequences that end generation.
    public var stopSequences: [String]?
    /// Provider-specific parameters, passed through.
    public var metadata: JSONObject?
    /// Tools the model may call (2025-11-25; needs the client's `sampling.tools` capability).
    public var tools: [Tool]?
    /// How the model may use ``tools`` (2025-11-25).
    public var toolChoice: ToolChoice?
    /// Run as a task instead of waiting for the result (2025-11-25).
    public var task: TaskMetadata?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `sampling/createMessage` parameters.
    public init(
        messages: [SamplingMessage],
        modelPreferences: ModelPreferences? = nil,
        systemPrompt: String? = nil,
        includeContext: IncludeContext? = nil,
        temperature: Double? = nil,
        maxTokens: Int,
        stopSequences: [String]? = nil,
        metadata: JSONObject? = nil,
        tools: [Tool]? = nil,
        toolChoice: ToolChoice? = nil,
        task: TaskMetadata? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.messages = messages
        self.modelPreferences = modelPreferences
        self.systemPrompt = systemPrompt
        self.includeContext = includeContext
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stopSequences = stopSequences
        self.metadata = metadata
        self.tools = tools
        self.toolChoice = toolChoice
        self.task = task
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CreateMessageRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case messages, modelPreferences, systemPrompt, includeContext, temperature, maxTokens, stopSequences, metadata
        case tools, toolChoice, task
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decode([SamplingMessage].self, forKey: .messages)
        modelPreferences = try container.decodeIfPresent(ModelPreferences.self, forKey: .modelPreferences)
        systemPrompt = try container.decodeIfPresent(String.self, forKey: .systemPrompt)
        includeContext = try container.decodeIfPresent(IncludeContext.self, forKey: .includeContext)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        maxTokens = try container.decode(Int.self, forKey: .maxTokens)
        stopSequences = try container.decodeIfPresent([String].self, forKey: .stopSequences)
        metadata = try container.decodeIfPresent(JSONObject.self, forKey: .metadata)
        tools = try container.decodeIfPresent([Tool].self, forKey: .tools)
        toolChoice = try container.decodeIfPresent(ToolChoice.self, forKey: .toolChoice)
        task = try container.decodeIfPresent(TaskMetadata.self, forKey: .task)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messages, forKey: .messages)
        try container.encodeIfPresent(modelPreferences, forKey: .modelPreferences)
        try container.encodeIfPresent(systemPrompt, forKey: .systemPrompt)
        try container.encodeIfPresent(includeContext, forKey: .includeContext)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        try container.encode(maxTokens, forKey: .maxTokens)
        try container.encodeIfPresent(stopSequences, forKey: .stopSequences)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(tools, forKey: .tools)
        try container.encodeIfPresent(toolChoice, forKey: .toolChoice)
        try container.encodeIfPresent(task, forKey: .task)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `sampling/createMessage`: the model's message.
public struct CreateMessageResult: Hashable, Sendable {
    /// Who the message is from, normally ``Role/assistant``.
    public var role: Role
    /// What the model produced: one block, or several (2025-11-25).
    public var content: SamplingMessageContent
    /// The name of the model that produced it.
    public var model: String
    /// Why generation stopped.
    public var stopReason: StopReason?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a `sampling/createMessage` result.
    public init(
        role: Role,
        content: SamplingMessageContent,
        model: String,
        stopReason: StopReason? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.role = role
        self.content = content
        self.model = model
        self.stopReason = stopReason
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The text of every text block, joined with newlines.
    public var text: String { content.text }
}

extension CreateMessageResult: Codable {
    enum CodingKeys: String, CodingKey {
        case role, content, model, stopReason
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        content = try container.decode(SamplingMessageContent.self, forKey: .content)
        model = try container.decode(String.self, forKey: .model)
        stopReason = try container.decodeIfPresent(StopReason.self, forKey: .stopReason)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(stopReason, forKey: .stopReason)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
