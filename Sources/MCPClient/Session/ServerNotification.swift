public import MCPCore

/// A notification from the server, decoded.
public enum ServerNotification: Sendable, Hashable {
    /// `notifications/message`: a log message.
    case logMessage(LoggingMessageNotificationParams)
    /// `notifications/progress`.
    case progress(ProgressNotificationParams)
    /// `notifications/cancelled`: the server abandoned a request it sent (or, in 2026-07-28 over
    /// stdio, ended a subscription).
    case cancelled(CancelledNotificationParams)
    /// `notifications/resources/updated`.
    case resourceUpdated(ResourceUpdatedNotificationParams)
    /// `notifications/resources/list_changed`.
    case resourceListChanged(ResourceListChangedNotificationParams)
    /// `notifications/tools/list_changed`.
    case toolListChanged(ToolListChangedNotificationParams)
    /// `notifications/prompts/list_changed`.
    case promptListChanged(PromptListChangedNotificationParams)
    /// `notifications/elicitation/complete` (2025-11-25).
    case elicitationComplete(ElicitationCompleteNotificationParams)
    /// A task's state changed: `notifications/tasks/status` (2025-11-25), or `notifications/tasks`
    /// of the `io.modelcontextprotocol/tasks` extension (whose task carries its outcome inline).
    case taskStatus(TaskStatusNotificationParams)
    /// `notifications/subscriptions/acknowledged` (2026-07-28).
    case subscriptionsAcknowledged(SubscriptionsAcknowledgedNotificationParams)
    /// Any other notification, or one whose parameters could not be decoded, as received.
    case other(JSONRPCNotification)

    /// Decodes a notification; never fails (anything unrecognised is ``other(_:)``).
    ///
    /// - Returns: the notification, and the decoding error if a known method had bad parameters.
    public static func decode(_ notification: JSONRPCNotification) -> (ServerNotification, DecodingError?) {
        let params = JSONValue.object(notification.params ?? [:])
        func typed<P: Decodable>(_ type: P.Type, _ wrap: (P) -> ServerNotification) -> (ServerNotification, DecodingError?) {
            do {
                return (wrap(try params.decode(P.self)), nil)
            } catch let error as DecodingError {
                return (.other(notification), error)
            } catch {
                return (.other(notification), nil)
            }
        }
        switch notification.method {
        case LoggingMessageNotificationParams.method: return typed(LoggingMessageNotificationParams.self, ServerNotification.logMessage)
        case ProgressNotificationParams.method: return typed(ProgressNotificationParams.self, ServerNotification.progress)
        case CancelledNotificationParams.method: return typed(CancelledNotificationParams.self, ServerNotification.cancelled)
        case ResourceUpdatedNotificationParams.method: return typed(ResourceUpdatedNotificationParams.self, ServerNotification.resourceUpdated)
        case ResourceListChangedNotificationParams.method:
            return typed(ResourceListChangedNotificationParams.self, ServerNotification.resourceListChanged)
        case ToolListChangedNotificationParams.method: return typed(ToolListChangedNotificationParams.self, ServerNotification.toolListChanged)
        case PromptListChangedNotificationParams.method:
            return typed(PromptListChangedNotificationParams.self, ServerNotification.promptListChanged)
        case ElicitationCompleteNotificationParams.method:
            return typed(ElicitationCompleteNotificationParams.self, ServerNotification.elicitationComplete)
        case TaskStatusNotificationParams.method: return typed(TaskStatusNotificationParams.self, ServerNotification.taskStatus)
        case TaskNotificationParams.method:
            // One case for both task protocols, so one code path follows tasks in either era.
            return typed(TaskNotificationParams.self) {
                .taskStatus(TaskStatusNotificationParams(task: $0.task, meta: $0.meta, additionalFields: $0.additionalFields))
            }
        case SubscriptionsAcknowledgedNotificationParams.method:
            return typed(SubscriptionsAcknowledgedNotificationParams.self, ServerNotification.subscriptionsAcknowledged)
        default: return (.other(notification), nil)
        }
    }
}

/// Everything the client receives or notices, for logging and inspection: see
/// ``ClientSession/incomingMessages()``.
public enum IncomingMessage: Sendable {
    /// A request from the server (it is being handled).
    case request(JSONRPCRequest)
    /// A notification from the server.
    case notification(ServerNotification)
    /// A response whose id matches no request in flight (late, duplicate or bogus).
    case unmatchedResponse(JSONRPCMessage)
    /// A message that could not be read (bad JSON, wrong types); the connection carried on.
    case invalidMessage(InvalidMessageError)
    /// A known notification whose parameters had the wrong shape (it is also delivered as
    /// ``ServerNotification/other(_:)``).
    case invalidNotification(method: String, error: DecodingError)
    /// Sending a message failed after its sender had moved on (a response, a cancellation).
    case sendFailed(JSONRPCMessage, any Error)
    /// The connection ended.
    case closed(ClientError)
}
