public import MCPCore
import Synchronization

/// A change the server announced on a ``Subscription``.
public enum SubscriptionEvent: Sendable, Hashable {
    /// The server's tools changed: list them again.
    case toolsListChanged
    /// The server's prompts changed.
    case promptsListChanged
    /// The server's resources (or resource templates) changed.
    case resourcesListChanged
    /// A subscribed resource (or a part of it) changed: read it again.
    case resourceUpdated(uri: String)
    /// A task the filter names (``SubscriptionFilter/taskIDs``) changed state. In the tasks
    /// extension the task carries its outcome or questions inline.
    case taskStatus(MCPTask)
}

/// Change notifications from one server, as an asynchronous sequence, in either protocol era:
/// a `subscriptions/listen` stream for stateless (2026-07-28) servers, or `resources/subscribe`
/// and `list_changed` notifications for handshake-era servers. Users write one loop for both:
///
/// ```swift
/// let changes = try await client.subscribe(SubscriptionFilter(toolsListChanged: true, resourceSubscriptions: ["file:///notes.md"]))
/// for try await change in changes {
///     switch change {
///     case .toolsListChanged: tools = try await client.listAllTools()
///     case .resourceUpdated(let uri): print(try await client.readResource(uri).contents)
///     default: break
///     }
/// }
/// ```
///
/// The sequence ends when ``cancel()`` is called (the listen request is cancelled, or the
/// resources unsubscribed), when the server ends the subscription, or, with an error, when the
/// connection fails. A stateless subscription whose stream breaks while the connection lives is
/// opened again, and every list it covers is reported changed, since changes may have been
/// missed in between.
public final class Subscription: AsyncSequence, Sendable {
    /// Each change the server announced.
    public typealias Element = SubscriptionEvent

    /// What was asked for.
    public let requested: SubscriptionFilter
    /// What the server agreed to send: for a stateless server its acknowledgement; for a
    /// handshake-era server what its capabilities offer.
    public var acknowledged: SubscriptionFilter { state.withLock { $0.acknowledged } }
    /// The id of the current `subscriptions/listen` request (stateless servers only).
    public var listenRequestID: RequestID? { state.withLock { $0.listenID } }

    struct State {
        var acknowledged = SubscriptionFilter()
        var listenID: RequestID?
        var ended = false
        var stop: (@Sendable () async -> Void)?
    }

    let state = Mutex(State())
    let events: AsyncThrowingStream<SubscriptionEvent, any Error>
    let continuation: AsyncThrowingStream<SubscriptionEvent, any Error>.Continuation

    init(requested: SubscriptionFilter) {
        self.requested = requested
        (events, continuation) = AsyncThrowingStream.makeStream(of: SubscriptionEvent.self, bufferingPolicy: .unbounded)
    }

    /// Ends the subscription: the server is told (the listen request is cancelled, resource
    /// subscriptions are withdrawn) and the sequence finishes. Idempotent.
    public func cancel() async {
        let stop = state.withLock { state -> (@Sendable () async -> Void)? in
            guard !state.ended else { return nil }
            state.ended = true
            defer { state.stop = nil }
            return state.stop
        }
        continuation.finish()
        await stop?()
    }

    var isEnded: Bool { state.withLock { $0.ended } }

    func finish(throwing error: (any Error)? = nil) {
        state.withLock { $0.ended = true }
        continuation.finish(throwing: error)
    }

    /// The events, in the order the server sent them.
    public func makeAsyncIterator() -> AsyncThrowingStream<SubscriptionEvent, any Error>.AsyncIterator {
        events.makeAsyncIterator()
    }

    /// The event a notification stands for, if the filter asked for it.
    static func event(for notification: ServerNotification, filter: SubscriptionFilter) -> SubscriptionEvent? {
        switch notification {
        case .toolListChanged where filter.toolsListChanged == true: return .toolsListChanged
        case .promptListChanged where filter.promptsListChanged == true: return .promptsListChanged
        case .resourceListChanged where filter.resourcesListChanged == true: return .resourcesListChanged
        case .resourceUpdated(let params):
            // A server may report a part of a subscribed resource.
            guard let uris = filter.resourceSubscriptions, uris.contains(where: { params.uri == $0 || params.uri.hasPrefix($0) }) else { return nil }
            return .resourceUpdated(uri: params.uri)
        case .taskStatus(let params):
            guard filter.taskIDs?.contains(params.task.taskID) == true else { return nil }
            return .taskStatus(params.task)
        default: return nil
        }
    }

    /// The subscription id a notification carries (stateless streams tag every notification).
    static func subscriptionID(of notification: ServerNotification) -> RequestID? {
        let meta: JSONObject?
        switch notification {
        case .toolListChanged(let params): meta = params.meta
        case .promptListChanged(let params): meta = params.meta
        case .resourceListChanged(let params): meta = params.meta
        case .resourceUpdated(let params): meta = params.meta
        case .subscriptionsAcknowledged(let params): meta = params.meta
        case .taskStatus(let params): meta = params.meta
        default: return nil
        }
        return meta?[MetaKeys.subscriptionID].flatMap { try? $0.decode(RequestID.self) }
    }
}

extension SubscriptionFilter {
    /// Whether this filter asks for anything `other` does not.
    func exceeds(_ other: SubscriptionFilter) -> Bool {
        (toolsListChanged == true && other.toolsListChanged != true)
            || (promptsListChanged == true && other.promptsListChanged != true)
            || (resourcesListChanged == true && other.resourcesListChanged != true)
            || !(Set(resourceSubscriptions ?? []).isSubset(of: Set(other.resourceSubscriptions ?? [])))
            || !(Set(taskIDs ?? []).isSubset(of: Set(other.taskIDs ?? [])))
    }

    /// Every list change this filter asks for, as events.
    var listEvents: [SubscriptionEvent] {
        var events: [SubscriptionEvent] = []
        if toolsListChanged == true { events.append(.toolsListChanged) }
        if promptsListChanged == true { events.append(.promptsListChanged) }
        if resourcesListChanged == true { events.append(.resourcesListChanged) }
        return events
    }
}
