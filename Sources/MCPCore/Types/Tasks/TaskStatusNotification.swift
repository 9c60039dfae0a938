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

extension TaskStatusNotificationParams: FlattenedTaskCarrier {
    public init(from decoder: any Decoder) throws {
        try self.init(flattenedFrom: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeFlattened(task, to: encoder)
    }
}
