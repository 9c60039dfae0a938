import Synchronization

/// The JSON-RPC engine under both client and server sessions: request ids, pending requests,
/// timeouts, cancellation, progress routing and concurrent handling of the peer's requests.
///
/// It knows nothing of MCP methods beyond `notifications/cancelled` and
/// `notifications/progress`, which JSON-RPC-level bookkeeping needs.
///
/// Lifetime: ``start(handlers:)`` once, any number of requests and notifications, then
/// ``close()``, which ends every pending request at once and waits for the reader to stop.
package final class JSONRPCConnection: Sendable {
    package struct Configuration: Sendable {
        /// The timeout of requests that do not set their own; `nil` for none.
        package var defaultTimeout: Duration?
        /// Whether progress restarts a request's timeout by default.
        package var resetTimeoutOnProgress: Bool
        /// A hard limit on any request's total wait, by default; `nil` for none.
        package var maximumTotalTimeout: Duration?

        package init(defaultTimeout: Duration?, resetTimeoutOnProgress: Bool, maximumTotalTimeout: Duration?) {
            self.defaultTimeout = defaultTimeout
            self.resetTimeoutOnProgress = resetTimeoutOnProgress
            self.maximumTotalTimeout = maximumTotalTimeout
        }
    }

    /// What the connection reports besides requests and notifications.
    package enum Event: Sendable {
        /// A frame that was not a valid JSON-RPC message (already answered if it was a request).
        case invalidMessage(InvalidMessageError)
        /// A response whose id matches no pending request (late, duplicate or bogus).
        case unmatchedResponse(JSONRPCMessage)
        /// Sending a message failed after the caller had moved on (responses, cancellations).
        case sendFailed(JSONRPCMessage, any Error)
        /// The connection ended; every pending request has failed with `reason`.
        case closed(reason: ClientError)
    }

    package struct Handlers: Sendable {
        /// Answers one request from the peer; runs in its own task, concurrently with others.
        /// Throw an ``MCPError`` to answer with that error.
        package var request: @Sendable (JSONRPCRequest) async throws -> JSONValue
        /// Receives notifications in order, on the reader: must return quickly.
        package var notification: @Sendable (JSONRPCNotification) -> Void
        /// Receives ``Event``s, on the reader: must return quickly.
        package var event: @Sendable (Event) -> Void

        package init(
            request: @escaping @Sendable (JSONRPCRequest) async throws -> JSONValue,
            notification: @escaping @Sendable (JSONRPCNotification) -> Void,
            event: @escaping @Sendable (Event) -> Void
        ) {
            self.request = request
            self.notification = notification
            self.event = event
        }
    }

    private typealias Continuation = CheckedContinuation<JSONValue, any Error>

    private enum Lifecycle {
        case idle
        case running(reader: Task<Void, Never>)
        case closed(reason: ClientError, reader: Task<Void, Never>?)
    }

    /// A peer's request being answered: the handle of the task answering it, set once that task
    /// exists, and whether it was cancelled before then.
    ///
    /// Its own lock, not `state`'s: only the reader (attaching the task, cancelling it) and
    /// `finishAll` take it, never the task itself, so a task that ends at once does not contend
    /// for a lock with the code that just created it.
    private final class InboundRequest: Sendable {
        private let handle = Mutex<(task: Task<Void, Never>?, cancelled: Bool)>((nil, false))

        func attach(_ task: Task<Void, Never>) {
            let cancelled = handle.withLock { handle in
                handle.task = task
                return handle.cancelled
            }
            if cancelled { task.cancel() }
        }

        func cancel() {
            let task = handle.withLock { handle in
                handle.cancelled = true
                return handle.task
            }
            task?.cancel()
        }
    }

    private struct State {
        var lifecycle: Lifecycle = .idle
        var nextID = 0
        var pending = PendingRequests<Continuation>()
        /// The peer's requests being answered, so `notifications/cancelled` can reach them.
        var inbound: [RequestID: InboundRequest] = [:]
        /// Requests being sent, so that a `notifications/cancelled` for one follows it.
        var sending: [RequestID: Task<Void, Never>] = [:]
        var timer: (generation: Int, deadline: ContinuousClock.Instant, task: Task<Void, Never>?)?
        var timerGeneration = 0
        /// Set by `close()`, so the reader can tell our own close from the peer's.
        var closeRequested = false

        var closeReason: ClientError? {
            if case .closed(let reason, _) = lifecycle { return reason }
            return nil
        }
    }

    private let transport: any Transport
    /// The transport, if its sends only queue (requests are then sent without a task of their own).
    private let queueingTransport: (any QueueingTransport)?
    private let configuration: Configuration
    private let state = Mutex(State())
    private let clock = ContinuousClock()

    package init(transport: any Transport, configuration: Configuration) {
        self.transport = transport
        self.queueingTransport = transport as? any QueueingTransport
        self.configuration = configuration
    }

    /// The transport this connection runs on.
    package var underlyingTransport: any Transport { transport }

    /// Why the connection closed, or `nil` while it is open (or not yet started).
    package var closeReason: ClientError? {
        state.withLock { $0.closeReason }
    }

    /// The number of requests waiting for a response.
    package var pendingRequestCount: Int {
        state.withLock { $0.pending.count }
    }

    // MARK: Lifecycle

    /// Connects the transport and starts reading.
    package func start(handlers: Handlers) async throws {
        if let direct = transport as? any DirectDeliveryTransport {
            try await start(direct, handlers: handlers)
            return
        }
        let inbound: AsyncThrowingStream<TransportEvent, any Error>
        do {
            inbound = try await transport.connect()
        } catch {
            let reason = ClientError(.connectionClosed, "could not connect: \(error)", underlyingError: error)
            state.withLock { $0.lifecycle = .closed(reason: reason, reader: nil) }
            throw error
        }
        try state.withLock { state in
            guard case .idle = state.lifecycle else {
                throw ClientError(.connectionClosed, "the connection was already started or closed")
            }
            let reader = Task { await self.read(inbound, handlers: handlers) }
            state.lifecycle = .running(reader: reader)
        }
    }

    /// Closes the connection: the transport closes, pending requests fail with
    /// ``ClientError/Code-swift.struct/connectionClosed``, the peer's requests still being handled
    /// are cancelled, and the reader stops. Idempotent; returns once the reader has stopped.
    package func close() async {
        let reader: Task<Void, Never>? = state.withLock { state in
            switch state.lifecycle {
            case .idle:
                state.lifecycle = .closed(reason: ClientError(.connectionClosed, "the connection is closed"), reader: nil)
                return nil
            case .running(let reader):
                state.closeRequested = true
                return reader
            case .closed(_, let reader):
                return reader
            }
        }
        await transport.close()
        // A transport whose stream does not finish on close must not keep us waiting.
        reader?.cancel()
        await reader?.value
    }

    // MARK: Outbound

    /// Sends a request and waits for its result.
    ///
    /// - Throws: ``MCPError`` if the peer answers with an error; ``ClientError`` for a timeout,
    ///   a closed connection or a send failure; `CancellationError` if the calling task is cancelled
    ///   (the peer is then sent `notifications/cancelled`, unless `notifiesPeerOnCancel` is false).
    package func sendRequest(
        method: String,
        params: JSONObject?,
        options: RequestOptions = .default,
        notifiesPeerOnCancel: Bool = true
    ) async throws -> JSONValue {
        try Task.checkCancellation()
        let now = clock.now
        let (id, timerToStart, othersInFlight) = try register(method: method, options: options, notifiesPeerOnCancel: notifiesPeerOnCancel, now: now)
        if let timerToStart { startTimer(timerToStart) }
        options.onRequestID?(id)

        var params = params
        if options.onProgress != nil || options.meta != nil {
            var meta = params?["_meta"]?.objectValue ?? [:]
            if let extra = options.meta { meta.merge(extra) }
            if options.onProgress != nil { meta[MetaKeys.progressToken] = id.jsonValue }
            if params == nil { params = [:] }
            params?["_meta"] = .object(meta)
        }
        let request = JSONRPCMessage.request(JSONRPCRequest(id: id, method: method, params: params))

        if let queueingTransport {
            // Queued before the cancellation handler can run, so a `notifications/cancelled`
            // always follows its request; a response that comes before we wait is kept for us.
            queueingTransport.enqueue(request, coalescing: othersInFlight) { error in
                guard let error else { return }
                self.sendFailed(id, method: method, error: error)
            }
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: Continuation) in
                    let action = state.withLock { $0.pending.startWaiting(id, continuation: continuation) }
                    if case .resume(let outcome) = action {
                        continuation.resume(with: outcome)
                    }
                }
            } onCancel: {
                self.abandon(id, error: CancellationError(), reason: "The request was cancelled by the client")
            }
        }

        return try await withTaskCancellationHandler {
            // Sent beside the wait, not before it: a send that blocks (an HTTP POST whose answer
            // never comes, a full pipe to a server that stopped reading) must not hold off the
            // timeout, cancellation or close.
            let sending = state.withLock { state in
                let task = Task {
                    do {
                        try await self.transport.send(request)
                    } catch {
                        self.sendFailed(id, method: method, error: error)
                    }
                }
                state.sending[id] = task
                return task
            }
            defer { state.withLock { _ = $0.sending.removeValue(forKey: id) } }
            do {
                return try await withCheckedThrowingContinuation { (continuation: Continuation) in
                    let action = state.withLock { $0.pending.startWaiting(id, continuation: continuation) }
                    if case .resume(let outcome) = action {
                        continuation.resume(with: outcome)
                    }
                }
            } catch {
                // Given up on (or answered with an error): stop a send still in progress, as
                // cancelling the caller's task always did.
                sending.cancel()
                throw error
            }
        } onCancel: {
            self.abandon(id, error: CancellationError(), reason: "The request was cancelled by the client")
        }
    }

    /// The request with `id` could not be sent: its caller gets the connection's close reason or
    /// the send's error.
    private func sendFailed(_ id: RequestID, method: String, error: any Error) {
        let failure = state.withLock { $0.closeReason }
            ?? ClientError(.connectionClosed, "could not send the request", method: method, underlyingError: error)
        // If close, cancellation or a timeout already finished the entry, theirs stands.
        let action = state.withLock { $0.pending.finish(id, with: .failure(failure)) }
        if case .resume(let continuation, let outcome) = action {
            continuation.resume(with: outcome)
        }
    }

    /// Abandons the request with `id`, if it is still pending: its caller gets a
    /// `CancellationError` and the peer is sent `notifications/cancelled` with `reason`.
    package func cancelRequest(_ id: RequestID, reason: String) {
        abandon(id, error: CancellationError(), reason: reason)
    }

    /// Sends a notification.
    package func sendNotification(method: String, params: JSONObject?) async throws {
        if let reason = state.withLock({ $0.closeReason }) { throw reason }
        do {
            try await transport.send(.notification(JSONRPCNotification(method: method, params: params)))
        } catch {
            throw ClientError(.connectionClosed, "could not send \(method): \(error)", method: method, underlyingError: error)
        }
    }

    private func register(
        method: String,
        options: RequestOptions,
        notifiesPeerOnCancel: Bool,
        now: ContinuousClock.Instant
    ) throws -> (RequestID, (generation: Int, deadline: ContinuousClock.Instant)?, othersInFlight: Bool) {
        let timeout: Duration?
        switch options.timeout {
        case .sessionDefault: timeout = configuration.defaultTimeout
        case .never: timeout = nil
        case .after(let duration): timeout = duration
        }
        let hardLimit = options.maximumTotalTimeout ?? configuration.maximumTotalTimeout
        let hardDeadline = hardLimit.map { now + $0 }
        var deadline = timeout.map { now + $0 }
        if let hard = hardDeadline, deadline == nil || hard < deadline! { deadline = hard }
        let resetsOnProgress = options.resetTimeoutOnProgress ?? configuration.resetTimeoutOnProgress

        return try state.withLock { state in
            switch state.lifecycle {
            case .idle:
                throw ClientError(.notConnected, "the connection has not been started", method: method)
            case .closed(let reason, _):
                throw ClientError(reason.code, reason.message, method: method, underlyingError: reason.underlyingError)
            case .running:
                break
            }
            let id = RequestID.int(state.nextID)
            state.nextID += 1
            state.pending.register(
                id,
                .init(
                    method: method,
                    deadline: deadline,
                    progressTimeout: resetsOnProgress ? timeout : nil,
                    hardDeadline: hardDeadline,
                    onProgress: options.onProgress,
                    notifiesPeerOnCancel: notifiesPeerOnCancel
                )
            )
            let othersInFlight = state.pending.count > 1
            guard let deadline else { return (id, nil, othersInFlight) }
            if let timer = state.timer, timer.deadline <= deadline { return (id, nil, othersInFlight) }
            // This deadline comes before any timer already set: (re)arm the timer for it.
            state.timer?.task?.cancel()
            state.timerGeneration += 1
            state.timer = (state.timerGeneration, deadline, nil)
            return (id, (state.timerGeneration, deadline), othersInFlight)
        }
    }

    /// Gives up on a request: resumes its waiter with `error` and tells the peer if it should.
    private func abandon(_ id: RequestID, error: any Error, reason: String) {
        let (action, notifyPeer, sending) = state.withLock { state in
            let (action, notifyPeer) = state.pending.abandon(id, with: error)
            return (action, notifyPeer, state.sending[id])
        }
        if case .resume(let continuation, let outcome) = action {
            continuation.resume(with: outcome)
        }
        guard notifyPeer else { return }
        let notification = JSONRPCMessage.notification(
            JSONRPCNotification(method: "notifications/cancelled", params: ["requestId": id.jsonValue, "reason": .string(reason)])
        )
        Task {
            // Never before the request itself: wait for its send to end.
            await sending?.value
            do {
                try await self.transport.send(notification)
            } catch {
                // The connection is going away; nothing to tell.
            }
        }
    }

    // MARK: Timeouts

    private func startTimer(_ timer: (generation: Int, deadline: ContinuousClock.Instant)) {
        let task = Task {
            do {
                try await Task.sleep(until: timer.deadline, clock: self.clock)
            } catch {
                return  // superseded or closed
            }
            self.timerFired(generation: timer.generation)
        }
        state.withLock { state in
            if state.timer?.generation == timer.generation {
                state.timer?.task = task
            } else {
                task.cancel()
            }
        }
    }

    private func timerFired(generation: Int) {
        let now = clock.now
        let (expired, next): ([(RequestID, String)], (generation: Int, deadline: ContinuousClock.Instant)?) = state.withLock { state in
            guard state.timer?.generation == generation else { return ([], nil) }
            state.timer = nil
            let (expiredIDs, nextDeadline) = state.pending.expired(at: now)
            let expired = expiredIDs.map { ($0, state.pending.method(of: $0) ?? "") }
            guard let nextDeadline, state.closeReason == nil else { return (expired, nil) }
            state.timerGeneration += 1
            state.timer = (state.timerGeneration, nextDeadline, nil)
            return (expired, (state.timerGeneration, nextDeadline))
        }
        for (id, method) in expired {
            let error = ClientError(.timedOut, "no response within the timeout", method: method)
            abandon(id, error: error, reason: "Request timed out")
        }
        if let next { startTimer(next) }
    }

    /// Starts with events delivered on the transport's own thread: no reader task in between.
    private func start(_ direct: any DirectDeliveryTransport, handlers: Handlers) async throws {
        // The "reader" is a task that ends when the transport does, so close() can await it.
        let (ended, endedContinuation) = AsyncStream.makeStream(of: Never.self)
        try state.withLock { state in
            guard case .idle = state.lifecycle else {
                throw ClientError(.connectionClosed, "the connection was already started or closed")
            }
            let reader = Task { for await _ in ended {} }
            state.lifecycle = .running(reader: reader)
        }
        let consumer = TransportConsumer(
            receive: { [weak self] event in self?.process(event, handlers: handlers) },
            finish: { [weak self] failure in
                self?.readerEnded(failure: failure, handlers: handlers)
                endedContinuation.finish()
            }
        )
        do {
            try await direct.connect(delivering: consumer)
        } catch {
            let reason = ClientError(.connectionClosed, "could not connect: \(error)", underlyingError: error)
            let reader = state.withLock { state -> Task<Void, Never>? in
                defer { state.lifecycle = .closed(reason: reason, reader: nil) }
                if case .running(let reader) = state.lifecycle { return reader }
                return nil
            }
            endedContinuation.finish()
            await reader?.value
            throw error
        }
    }

    // MARK: Inbound

    private func read(_ inbound: AsyncThrowingStream<TransportEvent, any Error>, handlers: Handlers) async {
        var failure: (any Error)?
        do {
            for try await event in inbound {
                process(event, handlers: handlers)
            }
        } catch {
            failure = error
        }
        readerEnded(failure: failure, handlers: handlers)
    }

    /// Takes one event from the transport (on the reader task, or on the transport's thread).
    private func process(_ event: TransportEvent, handlers: Handlers) {
        switch event {
        case .message(let message):
            handle(message, handlers: handlers)
        case .invalidMessage(let error):
            if let id = error.requestID {
                let response = JSONRPCMessage.errorResponse(JSONRPCErrorResponse(id: id, error: .invalidRequest(error.reason)))
                Task { await self.respond(with: response, handlers: handlers) }
            }
            if let id = error.responseID {
                // The answer to one of our requests arrived unreadable: fail it now rather than at its timeout.
                let method = state.withLock { $0.pending.method(of: id) }
                let failure = ClientError(.invalidResponse, "the response could not be read: \(error.reason)", method: method, underlyingError: error)
                if case .resume(let continuation, let outcome) = state.withLock({ $0.pending.finish(id, with: .failure(failure)) }) {
                    continuation.resume(with: outcome)
                }
            }
            handlers.event(.invalidMessage(error))
        case .requestFailed(let id, let error):
            let method = state.withLock { $0.pending.method(of: id) }
            let failure = ClientError(.connectionClosed, "the transport lost the response", method: method, underlyingError: error)
            if case .resume(let continuation, let outcome) = state.withLock({ $0.pending.finish(id, with: .failure(failure)) }) {
                continuation.resume(with: outcome)
            }
        }
    }

    /// The transport ended: everything pending fails with the reason.
    private func readerEnded(failure: (any Error)?, handlers: Handlers) {
        let reason: ClientError
        if state.withLock({ $0.closeRequested }) {
            reason = ClientError(.connectionClosed, "the connection was closed")
        } else if let failure {
            reason = ClientError(.connectionClosed, "the connection failed: \(failure)", underlyingError: failure)
        } else {
            reason = ClientError(.connectionClosed, "the peer closed the connection")
        }
        finishAll(reason: reason, handlers: handlers)
    }

    private func finishAll(reason: ClientError, handlers: Handlers) {
        let (waiters, inbound, timer) = state.withLock { state in
            if case .running(let reader) = state.lifecycle {
                state.lifecycle = .closed(reason: reason, reader: reader)
            }
            let waiters = state.pending.finishAll(with: reason)
            let inbound = Array(state.inbound.values)
            state.inbound = [:]
            let timer = state.timer?.task
            state.timer = nil
            return (waiters, inbound, timer)
        }
        timer?.cancel()
        for request in inbound { request.cancel() }
        for (continuation, outcome) in waiters { continuation.resume(with: outcome) }
        handlers.event(.closed(reason: reason))
    }

    private func handle(_ message: JSONRPCMessage, handlers: Handlers) {
        switch message {
        case .response(let response):
            finish(response.id, with: .success(response.result), message: message, handlers: handlers)
        case .errorResponse(let response):
            guard let id = response.id else {
                handlers.event(.unmatchedResponse(message))
                return
            }
            finish(id, with: .failure(response.error), message: message, handlers: handlers)
        case .request(let request):
            startHandling(request, handlers: handlers)
        case .notification(let notification):
            switch notification.method {
            case "notifications/cancelled":
                if let id = notification.params?["requestId"].flatMap(RequestID.init(jsonValue:)) {
                    let request = state.withLock { $0.inbound[id] }
                    request?.cancel()
                }
            case "notifications/progress":
                routeProgress(notification.params)
            default:
                break
            }
            handlers.notification(notification)
        }
    }

    private func finish(_ id: RequestID, with outcome: Result<JSONValue, any Error>, message: JSONRPCMessage, handlers: Handlers) {
        switch state.withLock({ $0.pending.finish(id, with: outcome) }) {
        case .resume(let continuation, let outcome):
            continuation.resume(with: outcome)
        case .stored:
            break
        case .unknown:
            handlers.event(.unmatchedResponse(message))
        }
    }

    private func routeProgress(_ params: JSONObject?) {
        guard let params,
            let token = params["progressToken"].flatMap(ProgressToken.init(jsonValue:)),
            let progress = params["progress"]?.doubleValue
        else { return }
        let now = clock.now
        let handler = state.withLock { $0.pending.recordProgress(RequestID(token), now: now) }
        handler?(ProgressUpdate(progress: progress, total: params["total"]?.doubleValue, message: params["message"]?.stringValue))
    }

    private func startHandling(_ request: JSONRPCRequest, handlers: Handlers) {
        // Registered before its task exists, and the task created outside the lock: everything
        // this code writes to `state` then happens before the task starts (task creation is an
        // edge ThreadSanitizer sees), and a task that answers at once does not find the lock still
        // held by its creator. Creating the task inside `state.withLock` and storing it after was
        // correct (the task's removal waits for the lock), but a contended `Synchronization.Mutex`
        // takes the futex slow path inside the uninstrumented standard library, so TSan did not
        // see that ordering and reported a race on `inbound`.
        let entry = InboundRequest()
        let registered = state.withLock { state in
            guard state.closeReason == nil else { return false }
            state.inbound[request.id] = entry
            return true
        }
        guard registered else { return }
        let task = Task {
            let response: JSONRPCMessage
            do {
                let result = try await handlers.request(request)
                response = .response(JSONRPCResponse(id: request.id, result: result))
            } catch let error as MCPError {
                response = .errorResponse(JSONRPCErrorResponse(id: request.id, error: error))
            } catch {
                response = .errorResponse(
                    JSONRPCErrorResponse(id: request.id, error: .internalError(String(describing: error)))
                )
            }
            let wasCancelled = Task.isCancelled
            self.state.withLock { state in
                // Not a later request the peer sent with the same id.
                if state.inbound[request.id] === entry { state.inbound.removeValue(forKey: request.id) }
            }
            // A request the peer cancelled (or that close cancelled) gets no response.
            if !wasCancelled {
                await self.respond(with: response, handlers: handlers)
            }
        }
        // If close (finishAll) cancelled the entry meanwhile, attaching cancels the task.
        entry.attach(task)
    }

    private func respond(with response: JSONRPCMessage, handlers: Handlers) async {
        do {
            try await transport.send(response)
        } catch {
            if state.withLock({ $0.closeReason }) == nil {
                handlers.event(.sendFailed(response, error))
            }
        }
    }
}
