/// The parameters of `notifications/tasks` (the `io.modelcontextprotocol/tasks` extension): a
/// task's complete current state, as `tasks/get` would return it, sent on a
/// `subscriptions/listen` stream that asked for the task (``SubscriptionFilter/taskIDs``).
public struct TaskNotificationParams: NotificationParams, Hashable {
    public static let method = "notifications/tasks"

    /// The task, outcome included. Its members sit at the top level on the wire.
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

extension TaskNotificationParams: FlattenedTaskCarrier {
    public init(from decoder: any Decoder) throws {
        try self.init(flattenedFrom: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var task = task
        task.wireStyle = .tasksExtension
        try encodeFlattened(task, to: encoder)
    }
}
