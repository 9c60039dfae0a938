/// The parameters of a form-mode `elicitation/create`: show the user a form and return what they
/// enter (2025-06-18).
public struct ElicitRequestFormParams: Hashable, Sendable {
    /// The `mode` member as sent: ``ElicitRequestParams/Mode/form``, or `nil` when omitted (form is
    /// the default, and the only mode before 2025-11-25). Kept so the message re-encodes as received.
    public var mode: ElicitRequestParams.Mode?
    /// What to ask, for the user.
    public var message: String
    /// The form: a flat object schema whose properties are primitive fields.
    public var requestedSchema: ElicitationSchema
    /// Run as a task instead of waiting for the result (2025-11-25).
    public var task: TaskMetadata?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates form-mode parameters.
    public init(
        message: String,
        requestedSchema: ElicitationSchema,
        mode: ElicitRequestParams.Mode? = nil,
        task: TaskMetadata? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.message = message
        self.requestedSchema = requestedSchema
        self.mode = mode
        self.task = task
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ElicitRequestFormParams: Codable {
    enum CodingKeys: String, CodingKey {
        case mode, message, requestedSchema, task
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mode = try container.decodeIfPresent(ElicitRequestParams.Mode.self, forKey: .mode)
        message = try container.decode(String.self, forKey: .message)
        requestedSchema = try container.decode(ElicitationSchema.self, forKey: .requestedSchema)
        task = try container.decodeIfPresent(TaskMetadata.self, forKey: .task)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(mode, forKey: .mode)
        try container.encode(message, forKey: .message)
        try container.encode(requestedSchema, forKey: .requestedSchema)
        try container.encodeIfPresent(task, forKey: .task)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
