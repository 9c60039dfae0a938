public import MCPCore
import Synchronization

extension Client {
    /// Subscribes to the server's change notifications: list changes and updates of resources.
    ///
    /// With a stateless (2026-07-28) server this opens a `subscriptions/listen` stream and
    /// returns once the server acknowledged it; with a handshake-era server it sends
    /// `resources/subscribe` for each URI and follows the `list_changed` notifications the server
    /// declared. Either way the returned ``Subscription`` yields the same events, and several
    /// subscriptions can be open at once.
    ///
    /// - Throws: ``ClientError`` with code ``ClientError/Code-swift.struct/invalidResponse`` if the
    ///   server acknowledges notifications that were not asked for, ``ClientError/Code-swift.struct/timedOut``
    ///   if no acknowledgement arrives within the request timeout, or the server's error.
    public func subscribe(_ filter: SubscriptionFilter) async throws -> Subscription {
        let session = try session()
        let subscription = Subscription(requested: filter)
        if case .modern = session.era {
            try await SubscriptionListener(session: session, subscription: subscription, timeout: configuration.requestTimeout).start()
        } else {
            try await subscribeWithHandshakeProtocol(session, subscription)
        }
        return subscription
    }

    private func subscribeWithHandshakeProtocol(_ session: ClientSession, _ subscription: Subscription) async throws {
        let requested = subscription.requested
        let capabilities = serverCapabilities
        var agreed = SubscriptionFilter()
        if requested.toolsListChanged == true, capabilities?.tools?.listChanged == true { agreed.toolsListChanged = true }
        if requested.promptsListChanged == true, capabilities?.prompts?.listChanged == true { agreed.promptsListChanged = true }
        if requested.resourcesListChanged == true, capabilities?.resources?.listChanged == true { agreed.resourcesListChanged = true }
        let uris = capabilities?.resources?.subscribe == true ? requested.resourceSubscriptions ?? [] : []
        if !uris.isEmpty { agreed.resourceSubscriptions = uris }
        // A 2025-11-25 server may report its tasks' states unasked; nothing to subscribe to.
        if let taskIDs = requested.taskIDs, !taskIDs.isEmpty, capabilities?.tasks != nil { agreed.taskIDs = taskIDs }
        subscription.state.withLock { $0.acknowledged = agreed }

        // Listen before subscribing, so no update is missed.
        let messages = session.incomingMessages()
        let pump = Task {
            for await message in messages {
                switch message {
                case .notification(let notification):
                    if let event = Subscription.event(for: notification, filter: agreed) { subscription.continuation.yield(event) }
                case .closed(let reason):
                    if !subscription.isEnded { subscription.finish(throwing: reason) }
                    return
                default:
                    break
                }
            }
        }
        var subscribed: [String] = []
        do {
            for uri in uris {
                _ = try await session.send(SubscribeRequestParams(uri: uri))
                subscribed.append(uri)
            }
        } catch {
            pump.cancel()
            for uri in subscribed { _ = try? await session.send(UnsubscribeRequestParams(uri: uri)) }
            throw error
        }
        let withdrawn = subscribed
        subscription.state.withLock { state in
            state.stop = {
                pump.cancel()
                for uri in withdrawn { _ = try? await session.send(UnsubscribeRequestParams(uri: uri)) }
            }
        }
    }
}

/// The stateless side of a ``Subscription``: one `subscriptions/listen` request kept open,
/// notifications demultiplexed by the subscription id they carry, and the request opened again
/// if its stream breaks while the connection lives.
struct SubscriptionListener: Sendable {
    let session: ClientSession
    let subscription: Subscription
    let timeout: Duration?

    /// The most times a broken stream is opened again before the subscription fails.
    static let maximumRestarts = 5

    func start() async throws {
        let listen = try await open(isRestart: false)
        subscription.state.withLock { $0.stop = { listen.cancel() } }
    }

    /// Sends the listen request and waits for its acknowledgement; returns the task that keeps
    /// the request open (cancelling it ends the stream).
    private func open(isRestart: Bool, attempt: Int = 0) async throws -> Task<Void, Never> {
        let requested = subscription.requested
        let subscription = subscription
        let currentID = Mutex<RequestID?>(nil)
        let acknowledgement = Acknowledgement()

        let messages = session.incomingMessages()
        let pump = Task {
            for await message in messages {
                guard case .notification(let notification) = message,
                    let id = Subscription.subscriptionID(of: notification),
                    id == currentID.withLock({ $0 })
                else { continue }
                if case .subscriptionsAcknowledged(let params) = notification {
                    acknowledgement.fulfil(.success(params.notifications))
                } else if let event = Subscription.event(for: notification, filter: requested) {
                    subscription.continuation.yield(event)
                }
            }
        }
        var options = RequestOptions.default
        options.timeout = .never
        options.onRequestID = { id in
            currentID.withLock { $0 = id }
            subscription.state.withLock { $0.listenID = id }
        }
        let session = session
        let listener = self
        let request = Task {
            defer { pump.cancel() }
            do {
                _ = try await session.send(SubscriptionsListenRequestParams(notifications: requested), options: options)
                // The server ended the subscription gracefully.
                acknowledgement.fulfil(.failure(ClientError(.connectionClosed, "the server ended the subscription", method: SubscriptionsListenRequestParams.method)))
                subscription.finish()
            } catch is CancellationError {
                acknowledgement.fulfil(.failure(CancellationError()))
                subscription.finish()
            } catch {
                acknowledgement.fulfil(.failure(error))
                guard acknowledgement.wasFulfilledSuccessfully, !subscription.isEnded else { return }
                // The stream broke after it was established: open it again if the connection lives.
                await listener.restart(after: error, attempt: attempt + 1)
            }
        }
        let timer = Task {
            guard let timeout else { return }
            try? await Task.sleep(for: timeout)
            acknowledgement.fulfil(.failure(ClientError(.timedOut, "the server did not acknowledge the subscription within \(timeout)", method: SubscriptionsListenRequestParams.method)))
        }
        defer { timer.cancel() }
        switch await acknowledgement.value {
        case .success(let agreed):
            if agreed.exceeds(requested) {
                request.cancel()
                throw ClientError(
                    .invalidResponse,
                    "the server acknowledged notifications that were not asked for (asked \(requested), acknowledged \(agreed))",
                    method: SubscriptionsListenRequestParams.method
                )
            }
            subscription.state.withLock { $0.acknowledged = agreed }
            if isRestart {
                // Changes may have happened while the stream was down.
                for event in agreed.listEvents { subscription.continuation.yield(event) }
            }
            return request
        case .failure(let error):
            request.cancel()
            throw error
        }
    }

    private func restart(after error: any Error, attempt: Int) async {
        guard attempt <= Self.maximumRestarts, session.closeReason == nil else {
            subscription.finish(throwing: error)
            return
        }
        try? await Task.sleep(for: .milliseconds(100 * (1 << min(attempt - 1, 5))))
        guard !subscription.isEnded else { return }
        do {
            let listen = try await open(isRestart: true, attempt: attempt)
            subscription.state.withLock { $0.stop = { listen.cancel() } }
        } catch {
            subscription.finish(throwing: error)
        }
    }
}

/// The outcome of opening a listen stream (the acknowledged filter, or why not), set once and
/// awaited by the opener.
final class Acknowledgement: Sendable {
    private struct State {
        var outcome: Result<SubscriptionFilter, any Error>?
        var waiter: CheckedContinuation<Result<SubscriptionFilter, any Error>, Never>?
    }

    private let state = Mutex(State())

    /// Sets the outcome if none was set; resumes the waiter.
    func fulfil(_ outcome: Result<SubscriptionFilter, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<SubscriptionFilter, any Error>, Never>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: outcome)
    }

    /// Whether the stream was acknowledged.
    var wasFulfilledSuccessfully: Bool {
        state.withLock { state in
            if case .success? = state.outcome { return true }
            return false
        }
    }

    /// The outcome, once set.
    var value: Result<SubscriptionFilter, any Error> {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Result<SubscriptionFilter, any Error>? in
                    if let outcome = state.outcome { return outcome }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
