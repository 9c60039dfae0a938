/// The parameters of `tasks/get`: poll a task's state (2025-11-25).
public struct GetTaskRequestParams: RequestParams, Hashable {
    public typealias Result = GetTaskResult
    public static let method = "tasks/get"

    /// The task's identifier.
    public var taskID: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `tasks/get` parameters.
    public init(taskID: String, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.taskID = taskID
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension GetTaskRequestParams: Codable {
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

/// The result of `tasks/get`: the task's current state (2025-11-25).
public struct GetTaskResult: Hashable, Sendable {
    /// The task. Its members sit at the top level on the wire.
    public var task: MCPTask
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the result.
    public init(task: MCPTask, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.task = task
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension GetTaskResult: FlattenedTaskCarrier {
    public init(from decoder: any Decoder) throws {
        try self.init(flattenedFrom: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeFlattened(task, to: encoder)
    }
}
