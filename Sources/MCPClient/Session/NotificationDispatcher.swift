import Synchronization
import MCPCore

/// Runs notification callbacks one at a time, in arrival order, off the connection's reader, and
/// fans events out to every ``ClientSession/incomingMessages()`` subscriber.
final class NotificationDispatcher: Sendable {
    enum Work: Sendable {
        case notification(ServerNotification)
        case message(IncomingMessage)
    }

    private struct State {
        var subscribers: [Int: AsyncStream<IncomingMessage>.Continuation] = [:]
        var nextSubscriber = 0
        var finished = false
    }

    private let queue: AsyncStream<Work>.Continuation
    private let worker: Task<Void, Never>
    private let state: Mutex<State>

    init(handlers: ClientHandlers) {
        let (stream, continuation) = AsyncStream.makeStream(of: Work.self)
        let state = Mutex(State())
        self.queue = continuation
        self.state = state
        self.worker = Task {
            for await work in stream {
                switch work {
                case .notification(let notification):
                    await Self.deliver(notification, to: handlers)
                case .message(let message):
                    await handlers.onMessage?(message)
                }
            }
        }
    }

    private static func deliver(_ notification: ServerNotification, to handlers: ClientHandlers) async {
        switch notification {
        case .logMessage(let params): await handlers.onLogMessage?(params)
        case .progress(let params): await handlers.onProgress?(params)
        case .resourceUpdated(let params): await handlers.onResourceUpdated?(params)
        case .resourceListChanged: await handlers.onListChanged?(.resources)
        case .toolListChanged: await handlers.onListChanged?(.tools)
        case .promptListChanged: await handlers.onListChanged?(.prompts)
        case .elicitationComplete(let params): await handlers.onElicitationComplete?(params)
        case .taskStatus(let params): await handlers.onTaskStatus?(params)
        case .cancelled, .subscriptionsAcknowledged, .other: break
        }
        await handlers.onNotification?(notification)
        await handlers.onMessage?(.notification(notification))
    }

    /// Queues a notification for the callbacks and subscribers. Never blocks.
    func enqueue(_ notification: ServerNotification) {
        queue.yield(.notification(notification))
        broadcast(.notification(notification))
    }

    /// Queues any other event for ``ClientHandlers/onMessage`` and subscribers. Never blocks.
    func enqueue(_ message: IncomingMessage) {
        queue.yield(.message(message))
        broadcast(message)
    }

    private func broadcast(_ message: IncomingMessage) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(message) }
    }

    /// A new stream of every incoming message from now on; it ends when the session closes.
    func subscribe() -> AsyncStream<IncomingMessage> {
        let (stream, continuation) = AsyncStream.makeStream(of: IncomingMessage.self)
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends the subscribers' streams (after what was already broadcast), and those of later
    /// subscribers at once; callbacks keep running. For when the connection ended.
    func finishSubscribers() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// Stops: callbacks already queued still run (for up to `grace`, after which they are
    /// cancelled and the rest dropped), and subscribers' streams end. Waits for the worker.
    func finish(grace: Duration = .seconds(1)) async {
        finishSubscribers()
        queue.finish()
        let worker = self.worker
        let watchdog = Task {
            try? await Task.sleep(for: grace)
            worker.cancel()
        }
        await worker.value
        watchdog.cancel()
    }
}
