import MCPCore

/// A change the server tells clients about: by notification to handshake-era sessions, on the
/// `subscriptions/listen` streams that opted in for 2026-07-28 clients.
enum ChangeEvent: Sendable, Equatable {
    case toolsListChanged
    case promptsListChanged
    case resourcesListChanged
    case resourceUpdated(uri: String)
    /// A stateless task changed (the `io.modelcontextprotocol/tasks` extension): its complete
    /// state, outcome and questions included.
    case task(MCPTask)

    /// The notification's method.
    var method: String {
        switch self {
        case .toolsListChanged: return ToolListChangedNotificationParams.method
        case .promptsListChanged: return PromptListChangedNotificationParams.method
        case .resourcesListChanged: return ResourceListChangedNotificationParams.method
        case .resourceUpdated: return ResourceUpdatedNotificationParams.method
        case .task: return TaskNotificationParams.method
        }
    }

    /// The notification's parameters, if it has any.
    var params: JSONObject? {
        switch self {
        case .resourceUpdated(let uri): return ["uri": .string(uri)]
        case .task(let task): return (try? JSONValue(encoding: TaskNotificationParams(task: task)))?.objectValue
        case .toolsListChanged, .promptsListChanged, .resourcesListChanged: return nil
        }
    }
}

/// One open `subscriptions/listen` stream (2026-07-28): what it listens to, and where its events
/// go. The listen request's own task drains them, so each stream's notifications go out in order
/// and never before its acknowledgement.
struct Subscription: Sendable {
    /// How many undelivered events a stream holds; beyond that the oldest are dropped (a client
    /// that reads this slowly only needs to know that something changed).
    static let bufferLimit = 256

    /// The id of the `subscriptions/listen` request, which tags every notification of the stream.
    let id: RequestID
    /// What the server agreed to send.
    let filter: SubscriptionFilter
    let continuation: AsyncStream<ChangeEvent>.Continuation

    /// The part of `requested` the server honours: every standard kind the client asked for (this
    /// server can send them all), without kinds it declined or that this SDK does not know, and
    /// of the tasks asked for those in `knownTaskIDs` (the `io.modelcontextprotocol/tasks`
    /// extension).
    static func acknowledged(_ requested: SubscriptionFilter, knownTaskIDs: [String] = []) -> SubscriptionFilter {
        SubscriptionFilter(
            toolsListChanged: requested.toolsListChanged == true ? true : nil,
            promptsListChanged: requested.promptsListChanged == true ? true : nil,
            resourcesListChanged: requested.resourcesListChanged == true ? true : nil,
            resourceSubscriptions: requested.resourceSubscriptions.flatMap { $0.isEmpty ? nil : $0 },
            taskIDs: knownTaskIDs.isEmpty ? nil : knownTaskIDs
        )
    }

    /// Whether the stream carries `event`.
    func wants(_ event: ChangeEvent) -> Bool {
        switch event {
        case .toolsListChanged: return filter.toolsListChanged == true
        case .promptsListChanged: return filter.promptsListChanged == true
        case .resourcesListChanged: return filter.resourcesListChanged == true
        case .resourceUpdated(let uri): return filter.resourceSubscriptions?.contains(uri) ?? false
        case .task(let task): return filter.taskIDs?.contains(task.taskID) ?? false
        }
    }
}
