/// The parameters of `notifications/tasks/status`: a task's state changed (2025-11-25).
public struct TaskStatusNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/tasks/status"

    /// The task. Its members sit at the top level on the wire.
    public var task: MCPTask
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the notification's parameters.
    public init(task: MCPTask, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.task = task
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension TaskStatusNotificationParams: Codable {
    typealias CodingKeys = FlattenedTaskCodingKeys

    public init(from decoder: any Decoder) throws {
        var task = try MCPTask(from: decoder)
        // Unknown members belong to this value, not to the task decoded from the same object.
        task.additionalFields = [:]
        self.task = task
        let container = try decoder.container(keyedBy: CodingKeys.self)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excludingNames: flattenedTaskMemberNames)
    }

    public func encode(to encoder: any Encoder) throws {
        try task.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excludingNames: flattenedTaskMemberNames)
    }
}
