import MCPCore
import Synchronization

/// One client's connection to an ``MCPServer``: the handshake, the client's declared
/// capabilities and log level, its resource subscriptions, and the dispatch of its requests.
final class ServerSession: Sendable {
    private struct State {
        var initialized = false
        var protocolVersion: ProtocolVersion = .latestLegacy
        var clientCapabilities = ClientCapabilities()
        var clientInfo: Implementation?
        var logLevel: LoggingLevel?
        var subscriptions: Set<String> = []
    }

    private let server: MCPServer
    private let connection: JSONRPCConnection
    private let state = Mutex(State())

    init(server: MCPServer, transport: any Transport) {
        self.server = server
        self.connection = JSONRPCConnection(
            transport: transport,
            configuration: .init(defaultTimeout: .seconds(60), resetTimeoutOnProgress: true, maximumTotalTimeout: nil)
        )
    }

    var isInitialized: Bool { state.withLock { $0.initialized } }

    func isSubscribed(to uri: String) -> Bool { state.withLock { $0.subscriptions.contains(uri) } }

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
        guard let value = try? JSONValue(encoding: params) else { return }
        let object = value.objectValue.flatMap { $0.isEmpty ? nil : $0 }
        try? await connection.sendNotification(method: Params.method, params: object)
    }

    func log(_ level: LoggingLevel, _ data: JSONValue, logger: String?) async {
        let wanted = state.withLock { $0.logLevel }
        if let wanted, level < wanted { return }
        await notify(LoggingMessageNotificationParams(level: level, logger: logger, data: data))
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
        case RootsListChangedNotificationParams.method:
            if let handler = server.registry.withLock({ $0.onRootsListChanged }) {
                Task { await handler() }
            }
        default:
            break
        }
    }

    private func context(for request: JSONRPCRequest) -> ServerContext {
        let (capabilities, info, version) = state.withLock { ($0.clientCapabilities, $0.clientInfo, $0.protocolVersion) }
        return ServerContext(
            requestID: request.id,
            meta: request.params?["_meta"]?.objectValue,
            clientCapabilities: capabilities,
            clientInfo: info,
            protocolVersion: version,
            session: self
        )
    }

    private func decode<Params: Decodable>(_ type: Params.Type, _ request: JSONRPCRequest) throws -> Params {
        do {
            return try JSONValue.object(request.params ?? [:]).decode(Params.self)
        } catch let error as DecodingError {
            throw MCPError.invalidParams("invalid \(request.method) parameters: \(error.pathDescription)")
        }
    }

    private func encode(_ result: some Encodable) throws -> JSONValue {
        try JSONValue(encoding: result)
    }

    private func handle(_ request: JSONRPCRequest) async throws -> JSONValue {
        switch request.method {
        case InitializeRequestParams.method:
            return try encode(initialize(try decode(InitializeRequestParams.self, request)))
        case PingRequestParams.method:
            return [:]
        case ListToolsRequestParams.method:
            let params = try decode(ListToolsRequestParams.self, request)
            let tools = server.registry.withLock { $0.tools.map(\.0) }
            let (page, next) = try paginate(tools, cursor: params.cursor)
            return try encode(ListToolsResult(tools: page, nextCursor: next))
        case CallToolRequestParams.method:
            return try encode(try await callTool(try decode(CallToolRequestParams.self, request), context: context(for: request)))
        case ListResourcesRequestParams.method:
            let params = try decode(ListResourcesRequestParams.self, request)
            let resources = server.registry.withLock { $0.resources.map(\.0) }
            let (page, next) = try paginate(resources, cursor: params.cursor)
            return try encode(ListResourcesResult(resources: page, nextCursor: next))
        case ListResourceTemplatesRequestParams.method:
            let params = try decode(ListResourceTemplatesRequestParams.self, request)
            let templates = server.registry.withLock { $0.templates.map(\.0) }
            let (page, next) = try paginate(templates, cursor: params.cursor)
            return try encode(ListResourceTemplatesResult(resourceTemplates: page, nextCursor: next))
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
            let params = try decode(ListPromptsRequestParams.self, request)
            let prompts = server.registry.withLock { $0.prompts.map(\.0) }
            let (page, next) = try paginate(prompts, cursor: params.cursor)
            return try encode(ListPromptsResult(prompts: page, nextCursor: next))
        case GetPromptRequestParams.method:
            let params = try decode(GetPromptRequestParams.self, request)
            let handler = server.registry.withLock { $0.prompts.first { $0.0.name == params.name }?.1 }
            guard let handler else { throw MCPError.invalidParams("Unknown prompt: \(params.name)") }
            return try encode(try await handler(params.arguments ?? [:], context(for: request)))
        case CompleteRequestParams.method:
            let params = try decode(CompleteRequestParams.self, request)
            guard let handler = server.registry.withLock({ $0.completion }) else {
                throw MCPError.methodNotFound(request.method)
            }
            return try encode(try await handler(params, context(for: request)))
        case SetLevelRequestParams.method:
            let params = try decode(SetLevelRequestParams.self, request)
            state.withLock { $0.logLevel = params.level }
            return [:]
        default:
            throw MCPError.methodNotFound(request.method)
        }
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
            capabilities: server.capabilities,
            serverInfo: server.configuration.serverInfo,
            instructions: server.configuration.instructions
        )
    }

    private func callTool(_ params: CallToolRequestParams, context: ServerContext) async throws -> CallToolResult {
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

    private func readResource(_ uri: String, context: ServerContext) async throws -> [ResourceContents] {
        let (direct, templates) = server.registry.withLock { registry in
            (registry.resources.first { $0.0.uri == uri }?.1, registry.templates.map { ($0.1, $0.2) })
        }
        if let direct { return try await direct(context) }
        for (template, handler) in templates {
            if let variables = template.match(uri) { return try await handler(uri, variables, context) }
        }
        throw MCPError(code: .resourceNotFound, message: "Resource not found", data: ["uri": .string(uri)])
    }

    private func paginate<Item>(_ items: [Item], cursor: String?) throws -> ([Item], String?) {
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
