public import MCPCore
import Synchronization

/// The client side of the Model Context Protocol over any ``Transport``.
///
/// A session sends typed requests and notifications, matches responses, applies timeouts,
/// answers the server's requests with the handlers you install, and delivers the server's
/// notifications to callbacks and streams. It works in both protocol eras: after
/// ``initialize()`` (2024-11-05 through 2025-11-25), or statelessly after
/// ``useStatelessProtocol(_:discovered:)`` (2026-07-28), where every request carries the
/// protocol version and the client's capabilities in its `_meta`.
///
/// Most code uses ``Client``, which owns a session and adds convenience; use a session directly
/// for full control.
///
/// ```swift
/// let session = ClientSession(transport: transport)
/// try await session.start()
/// let initialized = try await session.initialize()
/// let tools = try await session.send(ListToolsRequestParams())
/// await session.close()
/// ```
public final class ClientSession: Sendable {
    /// Which protocol the session speaks once set up.
    public enum Era: Sendable, Hashable {
        /// Not yet initialized or set up.
        case undetermined
        /// A handshake version (2024-11-05 … 2025-11-25), negotiated by `initialize`.
        case legacy(InitializeResult)
        /// The stateless protocol at this version; the `server/discover` result if one was fetched.
        case modern(ProtocolVersion, DiscoverResult?)
    }

    private struct State {
        var era: Era = .undetermined
        /// The log level that 2026-07-28 requests opt in to.
        var logLevel: LoggingLevel?
    }

    /// The session's configuration.
    public let configuration: Configuration
    /// The session's handlers.
    public let handlers: ClientHandlers
    let connection: JSONRPCConnection
    let dispatcher: NotificationDispatcher
    /// Wakes the followers of tasks when the server reports a task's state unasked.
    let taskWatchers = TaskWatchers()
    private let state = Mutex(State())

    /// Creates a session over `transport`. Nothing is sent until ``start()``.
    public init(transport: any Transport, configuration: Configuration = .init(), handlers: ClientHandlers = .init()) {
        self.configuration = configuration
        self.handlers = handlers
        self.connection = JSONRPCConnection(
            transport: transport,
            configuration: .init(
                defaultTimeout: configuration.requestTimeout,
                resetTimeoutOnProgress: configuration.resetTimeoutOnProgress,
                maximumTotalTimeout: configuration.maximumTotalTimeout
            )
        )
        self.dispatcher = NotificationDispatcher(handlers: handlers)
    }

    /// The capabilities this client declares: ``Configuration/capabilities`` plus those its
    /// handlers justify.
    public var capabilities: ClientCapabilities {
        handlers.capabilities(base: configuration.capabilities)
    }

    /// The capabilities each stateless (2026-07-28) request declares: ``capabilities``, plus the
    /// `io.modelcontextprotocol/tasks` extension when ``TaskOptions/declaresExtension``.
    public var statelessCapabilities: ClientCapabilities {
        var capabilities = capabilities
        if configuration.tasks.declaresExtension {
            capabilities.extensions = (capabilities.extensions ?? [:]).merging([TasksExtension.identifier: [:]]) { mine, _ in mine }
        }
        return capabilities
    }

    /// Which protocol the session speaks.
    public var era: Era { state.withLock { $0.era } }

    /// The stateless protocol version, if the session speaks one (without copying the era).
    var statelessVersion: ProtocolVersion? {
        state.withLock { state in
            guard case .modern(let version, _) = state.era else { return nil }
            return version
        }
    }

    /// The protocol version in use, once determined.
    public var protocolVersion: ProtocolVersion? {
        switch era {
        case .undetermined: return nil
        case .legacy(let result): return result.protocolVersion
        case .modern(let version, _): return version
        }
    }

    /// Why the session ended, or `nil` while it is open.
    public var closeReason: ClientError? { connection.closeReason }

    /// The transport under this session.
    public var transport: any Transport { connection.underlyingTransport }

    // MARK: Lifecycle

    /// Connects the transport and starts receiving. Does not send anything.
    public func start() async throws {
        try await connection.start(handlers: .init(
            request: { [weak self] request in
                guard let self else { throw MCPError.internalError("the session is gone") }
                return try await self.handleServerRequest(request)
            },
            notification: { [weak self] notification in
                self?.handleNotification(notification)
            },
            event: { [weak self] event in
                self?.handleConnectionEvent(event)
            }
        ))
    }

    /// Performs the handshake of the protocol versions before 2026-07-28: `initialize`, offering
    /// ``Configuration/protocolVersion``, then `notifications/initialized`.
    ///
    /// - Throws: ``ClientError`` with code ``ClientError/Code-swift.struct/unsupportedProtocolVersion``
    ///   if the server answers with a version this client does not speak (the session is then
    ///   closed), or the server's ``MCPError``.
    @discardableResult
    public func initialize() async throws -> InitializeResult {
        try await initialize(offering: configuration.protocolVersion.isModern ? .latestLegacy : configuration.protocolVersion, exactly: false)
    }

    /// The handshake, offering `version`; with `exactly`, any other answer is refused.
    @discardableResult
    func initialize(offering version: ProtocolVersion, exactly: Bool) async throws -> InitializeResult {
        let params = InitializeRequestParams(
            protocolVersion: version,
            capabilities: capabilities,
            clientInfo: configuration.clientInfo
        )
        let result = try await send(params, options: .default, notifiesPeerOnCancel: false)
        if exactly, result.protocolVersion != version {
            await close()
            throw ClientError(
                .unsupportedProtocolVersion,
                "the server answered initialize with protocol version \(result.protocolVersion), not the pinned \(version)",
                method: InitializeRequestParams.method
            )
        }
        guard ProtocolVersion.legacyVersions.contains(result.protocolVersion) else {
            await close()
            throw ClientError(
                .unsupportedProtocolVersion,
                "the server answered initialize with protocol version \(result.protocolVersion), which this client does not speak "
                    + "(it speaks \(ProtocolVersion.legacyVersions.map(\.rawValue).joined(separator: ", ")))",
                method: InitializeRequestParams.method
            )
        }
        state.withLock { $0.era = .legacy(result) }
        try await notify(InitializedNotificationParams())
        return result
    }

    /// Switches the session to the stateless protocol at `version` (2026-07-28): from now on every
    /// request carries the protocol version, the client's capabilities and info in its `_meta`.
    public func useStatelessProtocol(_ version: ProtocolVersion, discovered: DiscoverResult? = nil) {
        state.withLock { $0.era = .modern(version, discovered) }
    }

    /// Whether the server takes `tools/call` as a task when asked (2025-11-25 servers only). Read
    /// in place, under the lock: ``era`` would copy the whole initialize result on every call.
    var takesToolCallsAsTasks: Bool {
        state.withLock { state in
            guard case .legacy(let initialized) = state.era else { return false }
            return initialized.capabilities.tasks?.requests?.tools?.call != nil
        }
    }

    /// Moves a stateless session to another stateless version; `false` if the session is not
    /// stateless or already at it.
    func adoptVersion(_ version: ProtocolVersion) -> Bool {
        state.withLock { state in
            guard case .modern(let current, let discovered) = state.era, current != version else { return false }
            state.era = .modern(version, discovered)
            return true
        }
    }

    /// The newest stateless version this client speaks among those a `-32022` error lists.
    static func mutualModernVersion(in error: MCPError) -> ProtocolVersion? {
        guard let data = try? error.data?.decode(UnsupportedProtocolVersionErrorData.self) else { return nil }
        return ProtocolVersion.supported.filter { $0.isModern && data.supported.contains($0) }.max()
    }

    /// Sets the log level 2026-07-28 requests opt in to (`nil`: no log messages). Legacy sessions
    /// use `logging/setLevel` instead.
    public func setRequestLogLevel(_ level: LoggingLevel?) {
        state.withLock { $0.logLevel = level }
    }

    /// Closes the session: pending requests fail with ``ClientError/Code-swift.struct/connectionClosed``,
    /// handlers still running are cancelled, the transport closes, notification callbacks finish.
    /// Idempotent.
    public func close() async {
        await connection.close()
        await dispatcher.finish()
    }

    /// Every message the session receives or notices, from now on, as a stream. Each call returns
    /// a new, independent stream; it ends when the connection ends (after
    /// ``IncomingMessage/closed(_:)``), whether this side closed it or not.
    public func incomingMessages() -> AsyncStream<IncomingMessage> {
        dispatcher.subscribe()
    }

    // MARK: Requests

    /// Sends a request and decodes its result.
    ///
    /// In the 2026-07-28 protocol, `input_required` results are fulfilled with the session's
    /// handlers and the request retried (with a new id), up to
    /// ``Configuration/maximumInputRounds`` times.
    ///
    /// - Throws: the server's ``MCPError``; ``ClientError`` for timeouts, a closed connection or
    ///   an undecodable result (its message names the offending path); `CancellationError` if the
    ///   calling task is cancelled, after telling the server.
    public func send<Params: RequestParams>(_ params: Params, options: RequestOptions = .default) async throws -> Params.Result {
        try await send(params, options: options, notifiesPeerOnCancel: true)
    }

    private func send<Params: RequestParams>(
        _ params: Params,
        options: RequestOptions,
        notifiesPeerOnCancel: Bool
    ) async throws -> Params.Result {
        let result = try await sendRequest(
            method: Params.method,
            params: Self.encodeParams(params),
            options: options,
            notifiesPeerOnCancel: notifiesPeerOnCancel
        )
        return try Self.decodeResult(Params.Result.self, from: result, method: Params.method)
    }

    /// Sends a `tools/call`: ``send(_:options:)`` without its generic conversions, for the
    /// hottest request there is (no dynamic casts, no existential boxes).
    func callTool(_ params: CallToolRequestParams, options: RequestOptions) async throws -> CallToolResult {
        let encoded = try params.fastEncoded ?? Self.encodeParams(params)
        let result = try await sendRequest(method: CallToolRequestParams.method, params: encoded, options: options, notifiesPeerOnCancel: true)
        if let fast = CallToolResult(fastDecoding: result) { return fast }
        return try Self.decodeResult(CallToolResult.self, from: result, method: CallToolRequestParams.method)
    }

    /// Sends a request given as a method name and raw parameters and returns the complete
    /// result object (after any `input_required` rounds), without decoding it.
    public func sendRequest(method: String, params: JSONObject?, options: RequestOptions = .default) async throws -> JSONObject {
        try await sendRequest(method: method, params: params, options: options, notifiesPeerOnCancel: true)
    }

    /// - Parameter keepsTasks: return a task the server created for the request (its result
    ///   object, `resultType` kept) instead of following it to its end.
    func sendRequest(
        method: String,
        params: JSONObject?,
        options: RequestOptions,
        notifiesPeerOnCancel: Bool,
        stampedAt probeVersion: ProtocolVersion? = nil,
        keepsTasks: Bool = false
    ) async throws -> JSONObject {
        var params = params
        var round = 0
        var renegotiated = false
        // Only stateless results carry caching hints; probes are never cached.
        let cache: ResponseCache?
        if probeVersion == nil, statelessVersion != nil, ResponseCache.cacheableMethods.contains(method) {
            cache = configuration.responseCache
        } else {
            cache = nil
        }
        if let cache, options.cachePolicy == .use,
            var hit = cache.lookup(method: method, params: params, partition: configuration.authorizationContext)
        {
            hit.removeValue(forKey: "resultType")
            return hit
        }
        while true {
            let value: JSONValue
            do {
                value = try await connection.sendRequest(
                    method: method,
                    params: withProtocolMeta(params, version: probeVersion),
                    options: options,
                    notifiesPeerOnCancel: notifiesPeerOnCancel
                )
            } catch let error as MCPError where error.code == .unsupportedProtocolVersion && probeVersion == nil && !renegotiated {
                // The server no longer takes our version (it was upgraded, say): retry once at
                // the newest version both sides speak.
                guard let version = Self.mutualModernVersion(in: error), adoptVersion(version) else { throw error }
                renegotiated = true
                continue
            }
            guard case .object(var result) = value else {
                throw ClientError(.invalidResponse, "the result must be an object, not \(value.typeName)", method: method)
            }
            switch result["resultType"] {
            case nil, .string(ResultType.complete.rawValue)?:
                // Consumed here: the typed result does not carry it.
                result.removeValue(forKey: "resultType")
                // A result that answered input is the user's, never reused.
                if let cache, round == 0, options.cachePolicy != .bypass {
                    cache.store(result, method: method, params: params, partition: configuration.authorizationContext)
                }
                return result
            case .string(ResultType.inputRequired.rawValue)?:
                round += 1
                guard round <= configuration.maximumInputRounds else {
                    throw ClientError(
                        .tooManyRounds,
                        "the server still needed input after \(configuration.maximumInputRounds) rounds",
                        method: method
                    )
                }
                let inputRequired = try Self.decodeResult(InputRequiredResult.self, from: result, method: method)
                guard configuration.fulfilsInputRequests else {
                    throw InputRequiredError(method: method, params: params ?? [:], result: inputRequired)
                }
                params = try await prepareRetry(params ?? [:], answering: inputRequired)
            case .string(CreateTaskResult.resultType.rawValue)?:
                // A client that did not ask for tasks, or a method that cannot be one, must not
                // get a task.
                guard TasksExtension.taskCapableMethods.contains(method), configuration.tasks.declaresExtension, probeVersion == nil else {
                    throw ClientError(.invalidResponse, "the server answered \(method) with a task, which this request cannot be", method: method)
                }
                if keepsTasks { return result }
                let created = try Self.decodeResult(CreateTaskResult.self, from: result, method: method)
                return try await followTask(created.task, method: method, options: options)
            case let other?:
                throw ClientError(.invalidResponse, "unknown resultType \(other.jsonString())", method: method)
            }
        }
    }

    /// Sends a notification.
    public func notify<Params: NotificationParams>(_ params: Params) async throws {
        let encoded: JSONObject?
        do {
            let value = try JSONValue(encoding: params)
            encoded = value.objectValue.flatMap { $0.isEmpty ? nil : $0 }
        } catch {
            throw ClientError(.invalidRequest, "could not encode the notification: \(error)", method: Params.method, underlyingError: error)
        }
        try await connection.sendNotification(method: Params.method, params: encoded)
    }

    /// Sends a notification given as a method name and raw parameters.
    public func notify(method: String, params: JSONObject?) async throws {
        try await connection.sendNotification(method: method, params: params)
    }

    /// A request's parameters as a JSON object, or the ``ClientError`` that says why not.
    static func encodeParams<Params: RequestParams>(_ params: Params) throws -> JSONObject {
        do {
            guard case .object(let object) = try JSONValue(encoding: params) else {
                throw ClientError(.invalidRequest, "parameters must encode as a JSON object", method: Params.method)
            }
            return object
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError(.invalidRequest, "could not encode the parameters: \(error)", method: Params.method, underlyingError: error)
        }
    }

    static func decodeResult<Result: Decodable>(_ type: Result.Type, from object: JSONObject, method: String) throws -> Result {
        do {
            return try JSONValue.object(object).decode(Result.self)
        } catch let error as DecodingError {
            throw ClientError(
                .invalidResponse,
                "the result could not be read as \(Result.self): \(error.pathDescription)",
                method: method,
                underlyingError: error
            )
        }
    }

    /// Adds the 2026-07-28 per-request metadata when the session speaks that protocol (or, for a
    /// probe, at the version given).
    private func withProtocolMeta(_ params: JSONObject?, version probeVersion: ProtocolVersion? = nil) throws -> JSONObject? {
        let (current, logLevel) = state.withLock { state -> (ProtocolVersion?, LoggingLevel?) in
            // Only the version: copying the whole era (an initialize result) costs every request.
            guard case .modern(let version, _) = state.era else { return (nil, state.logLevel) }
            return (version, state.logLevel)
        }
        guard let version = probeVersion ?? current else { return params }
        var params = params ?? [:]
        var meta = params["_meta"]?.objectValue ?? [:]
        meta[MetaKeys.protocolVersion] = .string(version.rawValue)
        meta[MetaKeys.clientCapabilities] = try JSONValue(encoding: statelessCapabilities)
        meta[MetaKeys.clientInfo] = try JSONValue(encoding: configuration.clientInfo)
        if let logLevel { meta[MetaKeys.logLevel] = .string(logLevel.rawValue) }
        params["_meta"] = .object(meta)
        return params
    }

    // MARK: Incoming

    private func handleNotification(_ notification: JSONRPCNotification) {
        let (decoded, error) = ServerNotification.decode(notification)
        configuration.responseCache?.invalidate(for: decoded)
        if case .taskStatus(let params) = decoded { taskWatchers.post(params.task) }
        if let error {
            dispatcher.enqueue(.invalidNotification(method: notification.method, error: error))
        }
        dispatcher.enqueue(decoded)
    }

    private func handleConnectionEvent(_ event: JSONRPCConnection.Event) {
        switch event {
        case .invalidMessage(let error): dispatcher.enqueue(.invalidMessage(error))
        case .unmatchedResponse(let message): dispatcher.enqueue(.unmatchedResponse(message))
        case .sendFailed(let message, let error): dispatcher.enqueue(.sendFailed(message, error))
        case .closed(let reason):
            dispatcher.enqueue(.closed(reason))
            // However the connection ended (our close, the peer's, a failure), the streams end.
            dispatcher.finishSubscribers()
        }
    }
}
