/// The parameters of `tasks/cancel`: stop a task (2025-11-25).
public struct CancelTaskRequestParams: RequestParams, Hashable {
    public typealias Result = CancelTaskResult
    public static let method = "tasks/cancel"

    /// The task's identifier.
    public var taskID: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `tasks/cancel` parameters.
    public init(taskID: String, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.taskID = taskID
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CancelTaskRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case taskID = "taskId"
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskID, forKey: .taskID)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `tasks/cancel`: the task's state after cancellation (2025-11-25), or an empty
/// acknowledgement (the `io.modelcontextprotocol/tasks` extension, where cancellation is
/// cooperative and eventually consistent: poll `tasks/get` to see its effect).
public struct CancelTaskResult: Hashable, Sendable {
    /// The task (2025-11-25); `nil` for the extension's empty acknowledgement. Its members sit at
    /// the top level on the wire.
    public var task: MCPTask?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the result.
    public init(task: MCPTask?, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.task = task
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CancelTaskResult: Codable {
    typealias CodingKeys = FlattenedTaskCodingKeys

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if try !decoder.container(keyedBy: AnyCodingKey.self).contains(AnyCodingKey(stringValue: "taskId")) {
            task = nil
        } else {
            var task = try MCPTask(from: decoder)
            // Unknown members belong to this value, not to the task decoded from the same object.
            task.additionalFields = [:]
            self.task = task
        }
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excludingNames: flattenedTaskMemberNames)
    }

    public func encode(to encoder: any Encoder) throws {
        try task?.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excludingNames: flattenedTaskMemberNames)
    }
}
