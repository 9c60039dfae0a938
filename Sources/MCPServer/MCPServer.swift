public import MCPCore
import Synchronization

/// A small MCP server that runs in this process: for tests, demos, benchmarks and embedding.
///
/// Register tools, resources, resource templates, prompts and a completion provider as
/// closures, then serve connections over any transport, or connect a `Client` to it directly:
///
/// ```swift
/// let server = MCPServer(name: "demo", version: "1.0")
/// server.addTool(Tool(name: "add", inputSchema: ["type": "object"])) { arguments, context in
///     let sum = (arguments["a"]?.doubleValue ?? 0) + (arguments["b"]?.doubleValue ?? 0)
///     return CallToolResult(content: [.text("\(sum)")])
/// }
/// try await withClient(connectingTo: server) { client in … }
/// ```
///
/// Handlers run concurrently, each in its own task; a handler's task is cancelled when the
/// client cancels its request. Changing the registered tools, resources or prompts while clients
/// are connected sends them the matching list-changed notification.
///
/// ## Protocol eras
///
/// The server is dual-era: each connection (a stdio process, an in-memory pair) speaks the era
/// its first request chooses, for its whole life.
///
/// - `initialize` (or any request without 2026-07-28 metadata) opens a **handshake-era**
///   session at a version of ``Configuration/protocolVersions``: capabilities and log level are
///   per session, `resources/subscribe` and list-changed notifications work as they always did,
///   and handlers' questions to the client are requests of the server's own. Requests carrying
///   2026-07-28 metadata are refused on it (`-32600`).
/// - A request whose `_meta` carries `io.modelcontextprotocol/protocolVersion` opens a
///   **stateless** connection (2026-07-28, ``Configuration/statelessProtocolVersions``). Every
///   request is then checked and served on its own: missing `protocolVersion` or
///   `clientCapabilities` is `-32602`; a version not served is `-32022` listing the versions
///   (while the era is still open, the handshake versions too); `initialize` is `-32022`; the
///   methods 2026-07-28 removed (`ping`, `logging/setLevel`, `resources/subscribe`,
///   `resources/unsubscribe`) are `-32601`. `server/discover` answers with the versions,
///   capabilities, instructions and ``Configuration/cacheHint``. Every result carries
///   `resultType` and the server's info in `_meta`; the cacheable ones carry `ttlMs` and
///   `cacheScope`; an unknown resource is `-32602` instead of `-32002`.
///
/// In the stateless era, log messages go only to a request whose `_meta` asks for a log level
/// (and only at or above it), progress only to the request that asked with a progress token,
/// and `notifications/cancelled` cancels the request's handler as in the handshake era.
/// Change notifications go only to open `subscriptions/listen` requests: the server first
/// sends `notifications/subscriptions/acknowledged` with the part of the filter it honours (all
/// four standard kinds), then each list-changed and `resources/updated` notification the filter
/// asks for, tagged with the listen request's id in `_meta["io.modelcontextprotocol/subscriptionId"]`,
/// until the client cancels the request (no response then) or ``endSubscriptions()`` answers it.
///
/// ### Questions to the client (multi round-trip requests)
///
/// Handler code such as `try await context.createMessage(…)` works unchanged in both eras. In
/// the stateless era the server *replays* the handler: an unanswered question is listed in an
/// `input_required` result (keyed by a digest of the question) and the call throws
/// ``ClientInputPending``; when the client retries with `inputResponses`, the handler runs again
/// from the start and every question answered so far returns its answer at once. The answers of
/// earlier rounds travel in `requestState`, sealed with HMAC-SHA-256 under a key of this server
/// instance and bound to the method, the request's parameters and an expiry
/// (``Configuration/inputRequestLifetime``), so the server keeps nothing between rounds: a retry
/// may come on any connection to this instance, and nothing needs evicting. A request may ask
/// at most 64 questions in all. Only `tools/call`, `prompts/get` and `resources/read` may ask;
/// questions needing a capability the request's `clientCapabilities` lacks fail with `-32021`.
/// Because the handler runs once per round, keep what it does before its questions repeatable.
///
/// ### Tasks
///
/// With ``Configuration/tasks`` set, tools whose `execution.taskSupport` is `optional` or
/// `required` can run as tasks: the call is answered at once with the task, the handler runs
/// once in the background, and the client polls. Handshake sessions at 2025-11-25 follow the
/// experimental tasks of that version (`task` in the request, `tasks/get`, `tasks/result`,
/// `tasks/list`, `tasks/cancel`, `notifications/tasks/status`; questions are requests tagged
/// with the task). Stateless requests follow the `io.modelcontextprotocol/tasks` extension when
/// they declare it (`tasks/get` with the outcome inline, `tasks/update` answering the task's
/// `inputRequests`, `tasks/cancel`, `notifications/tasks` on `subscriptions/listen` streams
/// listing the task). A tool result, `isError` or not, completes the task; an ``MCPError`` fails
/// it; `tasks/cancel` cancels the handler's Swift task.
public final class MCPServer: InProcessServer, Sendable {
    /// How the server presents itself.
    public struct Configuration: Sendable {
        /// The server's name, version and details.
        public var serverInfo: Implementation
        /// Guidance for the model on using this server.
        public var instructions: String?
        /// Items per page in list results; `nil` lists everything in one page.
        public var pageSize: Int?
        /// The protocol versions the server accepts in `initialize`, oldest first; it answers with
        /// the client's version if listed, else with the newest listed.
        public var protocolVersions: [ProtocolVersion]
        /// The stateless protocol versions (2026-07-28 and later) the server serves requests at,
        /// oldest first; empty to serve only the handshake era.
        public var statelessProtocolVersions: [ProtocolVersion]
        /// Experimental capabilities to declare.
        public var experimentalCapabilities: [String: JSONObject]?
        /// The caching hint of the stateless protocol's cacheable results (`server/discover`, the
        /// lists, `resources/read`).
        public var cacheHint: CacheHint
        /// How long the `requestState` of an `input_required` result stays valid: the time a
        /// client has to answer the server's questions and retry.
        public var inputRequestLifetime: Duration
        /// How tool calls run as tasks; `nil` (the default) turns tasks off. See ``TaskSettings``.
        public var tasks: TaskSettings?

        /// Creates a configuration.
        public init(
            serverInfo: Implementation,
            instructions: String? = nil,
            pageSize: Int? = nil,
            protocolVersions: [ProtocolVersion] = ProtocolVersion.legacyVersions,
            statelessProtocolVersions: [ProtocolVersion] = ProtocolVersion.supported.filter(\.isModern),
            experimentalCapabilities: [String: JSONObject]? = nil,
            cacheHint: CacheHint = CacheHint(),
            inputRequestLifetime: Duration = .seconds(600),
            tasks: TaskSettings? = nil
        ) {
            self.tasks = tasks
            self.serverInfo = serverInfo
            self.instructions = instructions
            self.pageSize = pageSize
            self.protocolVersions = protocolVersions
            self.statelessProtocolVersions = statelessProtocolVersions
            self.experimentalCapabilities = experimentalCapabilities
            self.cacheHint = cacheHint
            self.inputRequestLifetime = inputRequestLifetime
        }
    }

    /// Answers `tools/call` for one tool: the arguments object and the request's context.
    public typealias ToolHandler = @Sendable (JSONObject, ServerContext) async throws -> CallToolResult
    /// Answers `resources/read` for one resource.
    public typealias ResourceHandler = @Sendable (ServerContext) async throws -> [ResourceContents]
    /// Answers `resources/read` for URIs matching a template: the URI, the template's variables.
    public typealias ResourceTemplateHandler = @Sendable (String, [String: String], ServerContext) async throws -> [ResourceContents]
    /// Answers `prompts/get` for one prompt: the arguments.
    public typealias PromptHandler = @Sendable ([String: String], ServerContext) async throws -> GetPromptResult
    /// Answers `completion/complete`.
    public typealias CompletionHandler = @Sendable (CompleteRequestParams, ServerContext) async throws -> CompleteResult

    struct Registry {
        var tools: [(Tool, ToolHandler)] = []
        var resources: [(Resource, ResourceHandler)] = []
        var templates: [(ResourceTemplate, URITemplate, ResourceTemplateHandler)] = []
        var prompts: [(Prompt, PromptHandler)] = []
        var completion: CompletionHandler?
        var sessions: [ObjectIdentifier: ServerSession] = [:]
        var onRootsListChanged: (@Sendable () async -> Void)?
    }

    /// The server's configuration.
    public let configuration: Configuration
    let registry = Mutex(Registry())
    /// Seals the `requestState` of multi round-trip requests, with a key of this instance.
    let requestStateCodec: RequestStateCodec
    /// The tasks, when ``Configuration/tasks`` turns them on.
    let taskStore: TaskStore?

    /// Creates a server.
    public init(configuration: Configuration) {
        self.configuration = configuration
        self.requestStateCodec = RequestStateCodec(lifetime: configuration.inputRequestLifetime)
        self.taskStore = configuration.tasks.map(TaskStore.init(settings:))
        if let changes = taskStore?.changes {
            // One consumer keeps task notifications in the order of the transitions; it ends when
            // the store goes away with the server.
            Task { [weak self] in
                for await change in changes { await self?.announce(change) }
            }
        }
    }

    /// Creates a server with a name and version, and default settings otherwise.
    public convenience init(name: String, version: String, instructions: String? = nil, pageSize: Int? = nil) {
        self.init(configuration: Configuration(
            serverInfo: Implementation(name: name, version: version),
            instructions: instructions,
            pageSize: pageSize
        ))
    }

    // MARK: Registration

    /// Adds (or replaces) a tool.
    public func addTool(_ tool: Tool, handler: @escaping ToolHandler) {
        registry.withLock { registry in
            registry.tools.removeAll { $0.0.name == tool.name }
            registry.tools.append((tool, handler))
        }
        broadcast(.toolsListChanged)
    }

    /// Adds a tool whose arguments decode as `Input` and whose result encodes as `Output`: the
    /// output becomes the structured content and, as JSON text, the text content.
    public func addTool<Input: Decodable & Sendable, Output: Encodable & Sendable>(
        _ tool: Tool,
        input: Input.Type,
        handler: @escaping @Sendable (Input, ServerContext) async throws -> Output
    ) {
        addTool(tool) { arguments, context in
            let input: Input
            do {
                input = try JSONValue.object(arguments).decode(Input.self)
            } catch let error as DecodingError {
                throw MCPError.invalidParams("invalid arguments for \(tool.name): \(error.pathDescription)")
            }
            let output = try JSONValue(encoding: try await handler(input, context))
            return CallToolResult(content: [.text(output.jsonString())], structuredContent: output)
        }
    }

    /// Removes a tool.
    public func removeTool(named name: String) {
        let removed = registry.withLock { registry in
            let before = registry.tools.count
            registry.tools.removeAll { $0.0.name == name }
            return registry.tools.count != before
        }
        if removed { broadcast(.toolsListChanged) }
    }

    /// Adds (or replaces) a resource.
    public func addResource(_ resource: Resource, handler: @escaping ResourceHandler) {
        registry.withLock { registry in
            registry.resources.removeAll { $0.0.uri == resource.uri }
            registry.resources.append((resource, handler))
        }
        broadcast(.resourcesListChanged)
    }

    /// Removes a resource.
    public func removeResource(uri: String) {
        let removed = registry.withLock { registry in
            let before = registry.resources.count
            registry.resources.removeAll { $0.0.uri == uri }
            return registry.resources.count != before
        }
        if removed { broadcast(.resourcesListChanged) }
    }

    /// Adds a resource template; reads of matching URIs go to `handler`.
    public func addResourceTemplate(_ template: ResourceTemplate, handler: @escaping ResourceTemplateHandler) {
        registry.withLock { registry in
            registry.templates.removeAll { $0.0.uriTemplate == template.uriTemplate }
            registry.templates.append((template, URITemplate(template.uriTemplate), handler))
        }
        broadcast(.resourcesListChanged)
    }

    /// Adds (or replaces) a prompt.
    public func addPrompt(_ prompt: Prompt, handler: @escaping PromptHandler) {
        registry.withLock { registry in
            registry.prompts.removeAll { $0.0.name == prompt.name }
            registry.prompts.append((prompt, handler))
        }
        broadcast(.promptsListChanged)
    }

    /// Removes a prompt.
    public func removePrompt(named name: String) {
        let removed = registry.withLock { registry in
            let before = registry.prompts.count
            registry.prompts.removeAll { $0.0.name == name }
            return registry.prompts.count != before
        }
        if removed { broadcast(.promptsListChanged) }
    }

    /// Sets the handler of `completion/complete` (and declares the `completions` capability).
    public func setCompletionHandler(_ handler: @escaping CompletionHandler) {
        registry.withLock { $0.completion = handler }
    }

    // MARK: Notifications

    /// Tells subscribed clients that the resource at `uri` changed: handshake-era clients that
    /// called `resources/subscribe`, and `subscriptions/listen` streams listing the URI.
    public func notifyResourceUpdated(uri: String) {
        broadcast(.resourceUpdated(uri: uri))
    }

    /// Ends every open `subscriptions/listen` stream (2026-07-28) gracefully, say before shutting
    /// down: each listen request is answered with its result, which tells the client the stream
    /// is over.
    public func endSubscriptions() {
        for session in sessions { session.endListeners() }
    }

    /// Sends a log message to every connected handshake-era client that wants messages of this
    /// level. Stateless (2026-07-28) clients receive log messages only about their own requests,
    /// through ``ServerContext/log(_:_:logger:)``.
    public func log(_ level: LoggingLevel, _ data: JSONValue, logger: String? = nil) async {
        for session in sessions { await session.log(level, data, logger: logger) }
    }

    private var sessions: [ServerSession] {
        registry.withLock { Array($0.sessions.values) }
    }

    private func broadcast(_ event: ChangeEvent) {
        for session in sessions { session.deliver(event) }
    }

    /// The number of clients currently connected.
    public var connectionCount: Int { registry.withLock { $0.sessions.count } }

    // MARK: Serving

    /// Serves one client over `transport` until the transport closes or the calling task is
    /// cancelled.
    public func serve(_ transport: any Transport) async throws {
        let session = ServerSession(server: self, transport: transport)
        registry.withLock { $0.sessions[ObjectIdentifier(session)] = session }
        defer {
            _ = registry.withLock { $0.sessions.removeValue(forKey: ObjectIdentifier(session)) }
            // Nobody could poll a closed session's tasks any more.
            taskStore?.removeAll(owner: session.taskOwner)
        }
        try await session.run()
    }

    /// Tells a task's owner that it changed: its session (`notifications/tasks/status`,
    /// 2025-11-25), or the `subscriptions/listen` streams following it (`notifications/tasks`).
    private func announce(_ change: TaskStore.Change) async {
        switch change.owner {
        case .session(let id):
            guard let session = registry.withLock({ $0.sessions[id] }) else { return }
            await session.notify(TaskStatusNotificationParams(task: change.task))
        case .server:
            broadcast(.task(change.task))
        }
    }

    /// The capabilities declared to a handshake session at `handshakeVersion`, or (`nil`) in
    /// `server/discover`: ``capabilities`` plus tasks when they are on (the `tasks` capability
    /// from 2025-11-25, the `io.modelcontextprotocol/tasks` extension for 2026-07-28).
    func declaredCapabilities(handshakeVersion: ProtocolVersion?) -> ServerCapabilities {
        var capabilities = self.capabilities
        guard configuration.tasks != nil else { return capabilities }
        if let handshakeVersion {
            if ServerSession.handshakeHasTasks(handshakeVersion) {
                capabilities.tasks = .init(list: [:], cancel: [:], requests: .init(tools: .init(call: [:])))
            }
        } else {
            capabilities.extensions = (capabilities.extensions ?? [:]).merging([TasksExtension.identifier: [:]]) { _, ours in ours }
        }
        return capabilities
    }

    /// The capabilities the server declares, from what is registered (tasks aside: see
    /// ``Configuration/tasks``).
    public var capabilities: ServerCapabilities {
        let hasCompletion = registry.withLock { $0.completion != nil }
        return ServerCapabilities(
            experimental: configuration.experimentalCapabilities,
            logging: [:],
            completions: hasCompletion ? [:] : nil,
            prompts: .init(listChanged: true),
            resources: .init(subscribe: true, listChanged: true),
            tools: .init(listChanged: true)
        )
    }
}

extension MCPServer {
    /// Sets what to do when a client says its roots changed (`notifications/roots/list_changed`).
    public func onRootsListChanged(_ handler: @escaping @Sendable () async -> Void) {
        registry.withLock { $0.onRootsListChanged = handler }
    }
}
