import MCPClient
import MCPCore
import Testing

extension ServerNotification {
    /// The notification's method.
    var method: String {
        switch self {
        case .logMessage: return LoggingMessageNotificationParams.method
        case .progress: return ProgressNotificationParams.method
        case .cancelled: return CancelledNotificationParams.method
        case .resourceUpdated: return ResourceUpdatedNotificationParams.method
        case .resourceListChanged: return ResourceListChangedNotificationParams.method
        case .toolListChanged: return ToolListChangedNotificationParams.method
        case .promptListChanged: return PromptListChangedNotificationParams.method
        case .elicitationComplete: return ElicitationCompleteNotificationParams.method
        case .taskStatus: return TaskStatusNotificationParams.method
        case .subscriptionsAcknowledged: return SubscriptionsAcknowledgedNotificationParams.method
        case .other(let notification): return notification.method
        }
    }
}

extension IncomingMessage {
    /// A short, comparable account of the message.
    var summary: String {
        switch self {
        case .request(let request): return "request \(request.method)"
        case .notification(.other(let notification)): return "other \(notification.method)"
        case .notification(let notification): return "notification \(notification.method)"
        case .unmatchedResponse(let message): return "unmatched \(message.responseID?.description ?? "nil")"
        case .invalidMessage: return "invalid message"
        case .invalidNotification(let method, _): return "invalid notification \(method)"
        case .sendFailed: return "send failed"
        case .closed: return "closed"
        }
    }
}

/// The first `count` messages of `stream`; fails after `timeout`.
func first(_ count: Int, of stream: AsyncStream<IncomingMessage>, timeout: Duration = .seconds(5)) async throws -> [IncomingMessage] {
    try await collect(from: stream, timeout: timeout) { $0.count >= count }
}

/// Every message of `stream` until it ends; fails if it does not end within `timeout`.
func untilEnd(of stream: AsyncStream<IncomingMessage>, timeout: Duration = .seconds(5)) async throws -> [IncomingMessage] {
    try await collect(from: stream, timeout: timeout) { _ in false }
}

private func collect(
    from stream: AsyncStream<IncomingMessage>,
    timeout: Duration,
    until done: @escaping @Sendable ([IncomingMessage]) -> Bool
) async throws -> [IncomingMessage] {
    let collected = LockedBox<[IncomingMessage]>([])
    let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            for await message in stream {
                let enough = collected.withLock { messages in
                    messages.append(message)
                    return done(messages)
                }
                if enough { return true }
            }
            return true
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return false
        }
        defer { group.cancelAll() }
        return try await group.next() ?? false
    }
    guard finished else {
        throw ConditionTimedOut(description: "the stream did not deliver in time; got \(collected.value.map(\.summary))")
    }
    return collected.value
}
