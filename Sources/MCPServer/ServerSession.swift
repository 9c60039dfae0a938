import MCPCore
import Synchronization

/// One client's connection to an ``MCPServer``: its protocol era, and for the handshake era the
/// handshake, the client's declared capabilities and log level and its resource subscriptions;
/// for the stateless era its open `subscriptions/listen` streams. Dispatches requests. The tasks
/// it creates live in the server's ``TaskStore``: owned by the session in the handshake era, by
/// the server in the stateless one.
///
/// The first request settles the era for the connection's lifetime, as the specification has a
/// dual-era server do: `initialize` (or any request without 2026-07-28 metadata) selects the
/// handshake era; a request whose `_meta` carries `io.modelcontextprotocol/protocolVersion` and
/// passes the envelope checks selects the stateless era.
final class ServerSession: Sendable {
    /// The protocol era of the connection.
    enum Era: Sendable, Equatable {
        /// No request has settled it yet.
        case undecided
        /// `initialize` and a session (2025-11-25 and earlier).
        case handshake
        /// Per-request metadata, no session (2026-07-28 and later).
        case stateless
    }

    private struct State {
        var era = Era.undecided
        var initialized = false
        var protocolVersion: ProtocolVersion = .latestLegacy
        var clientCapabilities = ClientCapabilities()
        var clientInfo: Implementation?
        var logLevel: LoggingLevel?
        var subscriptions: Set<String> = []
        /// Open `subscriptions/listen` streams, by request id (stateless era).
        var listeners: [RequestID: Subscription] = [:]
    }

    let server: MCPServer
    private let connection: JSONRPCConnection
    private let state = Mutex(State())

    init(server: MCPServer, transport: any Transport) {
        self.server = server
        self.connection = JSONRPCConnection(
            transport: transport,
            configuration: .init(defaultTimeout: .seconds(60), resetTimeoutOnProgress: true, maximumTotalTimeout: nil)
        )
    }

    var era: Era { state.withLock { $0.era } }

    /// The protocol version the handshake settled (handshake era).
    var protocolVersion: ProtocolVersion { state.withLock { $0.protocolVersion } }

    /// Tells the client about `event` as its era has it: a notification to an initialized
    /// handshake session (resource updates only if it subscribed), or an event for each
    /// `subscriptions/listen` stream that opted in.
    func deliver(_ event: ChangeEvent) {
        let (era, initialized, subscribed, listeners) = state.withLock { state in
            (state.era, state.initialized, state.subscriptions, Array(state.listeners.values))
        }
        switch era {
        case .handshake:
            // Handshake-era tasks notify their own session (`notifications/tasks/status`).
            if case .task = event { return }
            if case .resourceUpdated(let uri) = event {
                guard subscribed.contains(uri) else { return }
            } else {
                guard initialized else { return }
            }
            Task { try? await self.connection.sendNotification(method: event.method, params: event.params) }
        case .stateless:
            for listener in listeners where listener.wants(event) { listener.continuation.yield(event) }
        case .undecided:
            break
        }
    }

    /// Registers an open `subscriptions/listen` stream.
    func addListener(_ subscription: Subscription) {
        state.withLock { $0.listeners[subscription.id] = subscription }
    }

    /// Forgets a `subscriptions/listen` stream that ended.
    func removeListener(_ id: RequestID) {
        _ = state.withLock { $0.listeners.removeValue(forKey: id) }
    }

    /// Ends every `subscriptions/listen` stream gracefully: each request is answered with its result.
    func endListeners() {
        for listener in state.withLock({ Array($0.listeners.values) }) { listener.continuation.finish() }
    }

    /// Serves until the connection closes or the calling task is cancelled.
    func run() async throws {
        let (closed, signal) = AsyncStream.makeStream(of: Void.self)
        try await connection.start(handlers: .init(
            request: { [weak self] request in
                guard let self else { throw MCPError.internalError("the server session is gone") }
                return try await self.handle(request)
            },
            notification: { [weak self] notification in
                self?.handle(notification)
            },
            event: { event in
                if case .closed = event { signal.finish() }
            }
        ))
        await withTaskCancellationHandler {
            for await _ in closed {}
        } onCancel: {
            signal.finish()
        }
        await connection.close()
    }

    // MARK: Outbound

    func notify<Params: NotificationParams>(_ params: Params) async {
        await notify(params, meta: nil)
    }

    /// Sends a notification with `meta` added to its `_meta` (a task's related-task tag).
    func notify<Params: NotificationParams>(_ params: Params, meta: JSONObject?) async {
        guard let value = try? JSONValue(encoding: params) else { return }
        var object = value.objectValue ?? [:]
        if let meta { object["_meta"] = .object((object["_meta"]?.objectValue ?? [:]).merging(meta)) }
        try? await connection.sendNotification(method: Params.method, params: object.isEmpty ? nil : object)
    }

    func notify(method: String, params: JSONObject?) async {
        try? await connection.sendNotification(method: method, params: params)
    }

    /// Sends a session-wide log message. Stateless clients get log messages only about the
    /// request that asked for them, never session-wide ones.
    func log(_ level: LoggingLevel, _ data: JSONValue, logger: String?, meta: JSONObject? = nil) async {
        let (era, wanted) = state.withLock { ($0.era, $0.logLevel) }
        guard era == .handshake else { return }
        if let wanted, level < wanted { return }
        await notify(LoggingMessageNotificationParams(level: level, logger: logger, data: data), meta: meta)
    }

    func request<Params: RequestParams>(_ params: Params, options: RequestOptions) async throws -> Params.Result {
        guard case .object(let object) = try JSONValue(encoding: params) else {
            throw ClientError(.invalidRequest, "parameters must encode as an object", method: Params.method)
        }
        let result = try await connection.sendRequest(method: Params.method, params: object, options: options)
        do {
            return try result.decode(Params.Result.self)
        } catch let error as DecodingError {
            throw ClientError(.invalidResponse, "the client's result could not be read: \(error.pathDescription)", method: Params.method, underlyingError: error)
        }
    }

    // MARK: Inbound

    private func handle(_ notification: JSONRPCNotification) {
        switch notification.method {
        case InitializedNotificationParams.method:
            state.withLock { $0.initialized = true }
        case RootsListChangedNotificationParams.method where era != .stateless:
            // 2026-07-28 removed this notification.
            if let handler = server.registry.withLock({ $0.onRootsListChanged }) {
                Task { await handler() }
            }
        default:
            break
        }
    }

    func context(for request: JSONRPCRequest) -> ServerContext {
        let (capabilities, info, version) = state.withLock { ($0.clientCapabilities, $0.clientInfo, $0.protocolVersion) }
        return ServerContext(
            requestID: request.id,
            method: request.method,
            meta: request.params?["_meta"]?.objectValue,
            clientCapabilities: capabilities,
            clientInfo: info,
            protocolVersion: version,
            session: self,
            scope: .session
        )
    }

    func decode<Params: Decodable>(_ type: Params.Type, _ request: JSONRPCRequest) throws -> Params {
        do {
            return try JSONValue.object(request.params ?? [:]).decode(Params.self)
        } catch let error as DecodingError {
            throw MCPError.invalidParams("invalid \(request.method) parameters: \(error.pathDescription)")
        }
    }

    func encode(_ result: some Encodable) throws -> JSONValue {
        try JSONValue(encoding: result)
    }

    /// Settles the connection's era on its first request, then routes each request to the rules
    /// of that era.
    private func handle(_ request: JSONRPCRequest) async throws -> JSONValue {
        let hasEnvelope = RequestEnvelope.isPresent(in: request.params)
        switch state.withLock({ $0.era }) {
        case .undecided:
            if request.method != InitializeRequestParams.method, hasEnvelope {
                // A request that fails the envelope checks leaves the era open, so a client whose
                // probe was refused (`-32022`) can still fall back to `initialize`.
                let envelope = try RequestEnvelope(
                    params: request.params,
                    supported: server.configuration.statelessProtocolVersions,
                    advertised: server.configuration.statelessProtocolVersions + server.configuration.protocolVersions
                )
                if settleEra(.stateless) == .stateless { return try await handleStateless(request, envelope: envelope) }
                return try await handleLegacy(request, hasEnvelope: hasEnvelope)
            }
            if settleEra(.handshake) == .stateless { return try await handleStateless(request) }
            return try await handleLegacy(request, hasEnvelope: hasEnvelope)
        case .handshake:
            return try await handleLegacy(request, hasEnvelope: hasEnvelope)
        case .stateless:
            return try await handleStateless(request)
        }
    }

    /// Sets the era unless a concurrent first request already did; returns the era in force.
    private func settleEra(_ era: Era) -> Era {
        state.withLock { state in
            if state.era == .undecided { state.era = era }
            return state.era
        }
    }

    private func handleLegacy(_ request: JSONRPCRequest, hasEnvelope: Bool) async throws -> JSONValue {
        if hasEnvelope, request.method != InitializeRequestParams.method {
            throw MCPError.invalidRequest(
                "this connection speaks the handshake era (it began with initialize); requests with 2026-07-28 metadata are not accepted on it"
            )
        }
        switch request.method {
        case InitializeRequestParams.method:
            return try encode(initialize(try decode(InitializeRequestParams.self, request)))
        case PingRequestParams.method:
            return [:]
        case ListToolsRequestParams.method:
            // `execution` arrived with 2025-11-25; earlier schemas do not have it.
            let params = try decode(ListToolsRequestParams.self, request)
            return try encode(listTools(params, keepingExecution: Self.handshakeHasTasks(protocolVersion)))
        case CallToolRequestParams.method:
            let params = try decode(CallToolRequestParams.self, request)
            if let created = try callToolAsTask(params, request: request) { return try encode(created) }
            return try encode(try await callTool(params, context: context(for: request)))
        case GetTaskRequestParams.method, GetTaskPayloadRequestParams.method, ListTasksRequestParams.method, CancelTaskRequestParams.method:
            return try await handleTaskRequest(request)
        case ListResourcesRequestParams.method:
            return try encode(listResources(try decode(ListResourcesRequestParams.self, request)))
        case ListResourceTemplatesRequestParams.method:
            return try encode(listResourceTemplates(try decode(ListResourceTemplatesRequestParams.self, request)))
        case ReadResourceRequestParams.method:
            let params = try decode(ReadResourceRequestParams.self, request)
            return try encode(ReadResourceResult(contents: try await readResource(params.uri, context: context(for: request))))
        case SubscribeRequestParams.method:
            let params = try decode(SubscribeRequestParams.self, request)
            state.withLock { _ = $0.subscriptions.insert(params.uri) }
            return [:]
        case UnsubscribeRequestParams.method:
            let params = try decode(UnsubscribeRequestParams.self, request)
            state.withLock { _ = $0.subscriptions.remove(params.uri) }
            return [:]
        case ListPromptsRequestParams.method:
            return try encode(listPrompts(try decode(ListPromptsRequestParams.self, request)))
        case GetPromptRequestParams.method:
            return try encode(try await getPrompt(try decode(GetPromptRequestParams.self, request), context: context(for: request)))
        case CompleteRequestParams.method:
            return try encode(try await complete(try decode(CompleteRequestParams.self, request), context: context(for: request)))
        case SetLevelRequestParams.method:
            let params = try decode(SetLevelRequestParams.self, request)
            state.withLock { $0.logLevel = params.level }
            return [:]
        default:
            throw MCPError.methodNotFound(request.method)
        }
    }

    // MARK: Operations shared by both eras

    /// - Parameter keepingExecution: Whether the protocol has `Tool.execution` (2025-11-25 only:
    ///   earlier versions did not have it, and 2026-07-28 moved tasks to an extension).
    func listTools(_ params: ListToolsRequestParams, keepingExecution: Bool) throws -> ListToolsResult {
        var tools = server.registry.withLock { $0.tools.map(\.0) }
        if !keepingExecution {
            for index in tools.indices { tools[index].execution = nil }
        }
        let (page, next) = try paginate(tools, cursor: params.cursor)
        return ListToolsResult(tools: page, nextCursor: next)
    }

    func listResources(_ params: ListResourcesRequestParams) throws -> ListResourcesResult {
        let resources = server.registry.withLock { $0.resources.map(\.0) }
        let (page, next) = try paginate(resources, cursor: params.cursor)
        return ListResourcesResult(resources: page, nextCursor: next)
    }

    func listResourceTemplates(_ params: ListResourceTemplatesRequestParams) throws -> ListResourceTemplatesResult {
        let templates = server.registry.withLock { $0.templates.map(\.0) }
        let (page, next) = try paginate(templates, cursor: params.cursor)
        return ListResourceTemplatesResult(resourceTemplates: page, nextCursor: next)
    }

    func listPrompts(_ params: ListPromptsRequestParams) throws -> ListPromptsResult {
        let prompts = server.registry.withLock { $0.prompts.map(\.0) }
        let (page, next) = try paginate(prompts, cursor: params.cursor)
        return ListPromptsResult(prompts: page, nextCursor: next)
    }

    func getPrompt(_ params: GetPromptRequestParams, context: ServerContext) async throws -> GetPromptResult {
        let handler = server.registry.withLock { $0.prompts.first { $0.0.name == params.name }?.1 }
        guard let handler else { throw MCPError.invalidParams("Unknown prompt: \(params.name)") }
        return try await handler(params.arguments ?? [:], context)
    }

    func complete(_ params: CompleteRequestParams, context: ServerContext) async throws -> CompleteResult {
        guard let handler = server.registry.withLock({ $0.completion }) else {
            throw MCPError.methodNotFound(CompleteRequestParams.method)
        }
        return try await handler(params, context)
    }

    private func initialize(_ params: InitializeRequestParams) -> InitializeResult {
        let supported = server.configuration.protocolVersions
        let version = supported.contains(params.protocolVersion) ? params.protocolVersion : (supported.last ?? .latestLegacy)
        state.withLock { state in
            state.protocolVersion = version
            state.clientCapabilities = params.capabilities
            state.clientInfo = params.clientInfo
        }
        return InitializeResult(
            protocolVersion: version,
            capabilities: server.declaredCapabilities(handshakeVersion: version),
            serverInfo: server.configuration.serverInfo,
            instructions: server.configuration.instructions
        )
    }

    func callTool(_ params: CallToolRequestParams, context: ServerContext) async throws -> CallToolResult {
        let handler = server.registry.withLock { $0.tools.first { $0.0.name == params.name }?.1 }
        guard let handler else { throw MCPError.invalidParams("Unknown tool: \(params.name)") }
        do {
            return try await handler(params.arguments ?? [:], context)
        } catch let error as MCPError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // A failing tool is reported to the model as a result, not a protocol error.
            return CallToolResult(content: [.text(String(describing: error))], isError: true)
        }
    }

    func readResource(_ uri: String, context: ServerContext) async throws -> [ResourceContents] {
        let (direct, templates) = server.registry.withLock { registry in
            (registry.resources.first { $0.0.uri == uri }?.1, registry.templates.map { ($0.1, $0.2) })
        }
        if let direct { return try await direct(context) }
        for (template, handler) in templates {
            if let variables = template.match(uri) { return try await handler(uri, variables, context) }
        }
        throw MCPError(code: .resourceNotFound, message: "Resource not found", data: ["uri": .string(uri)])
    }

    func paginate<Item>(_ items: [Item], cursor: String?) throws -> ([Item], String?) {
        guard let pageSize = server.configuration.pageSize, pageSize > 0 else {
            if cursor != nil { throw MCPError.invalidParams("Invalid cursor") }
            return (items, nil)
        }
        var start = 0
        if let cursor {
            guard cursor.hasPrefix("offset:"), let offset = Int(cursor.dropFirst(7)), offset >= 0, offset <= items.count else {
                throw MCPError.invalidParams("Invalid cursor")
            }
            start = offset
        }
        let end = min(start + pageSize, items.count)
        return (Array(items[start..<end]), end < items.count ? "offset:\(end)" : nil)
    }
}
