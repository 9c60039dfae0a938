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
        /// Experimental capabilities to declare.
        public var experimentalCapabilities: [String: JSONObject]?

        /// Creates a configuration.
        public init(
            serverInfo: Implementation,
            instructions: String? = nil,
            pageSize: Int? = nil,
            protocolVersions: [ProtocolVersion] = ProtocolVersion.legacyVersions,
            experimentalCapabilities: [String: JSONObject]? = nil
        ) {
            self.serverInfo = serverInfo
            self.instructions = instructions
            self.pageSize = pageSize
            self.protocolVersions = protocolVersions
            self.experimentalCapabilities = experimentalCapabilities
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

    /// Creates a server.
    public init(configuration: Configuration) {
        self.configuration = configuration
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
        broadcast(ToolListChangedNotificationParams())
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
        if removed { broadcast(ToolListChangedNotificationParams()) }
    }

    /// Adds (or replaces) a resource.
    public func addResource(_ resource: Resource, handler: @escaping ResourceHandler) {
        registry.withLock { registry in
            registry.resources.removeAll { $0.0.uri == resource.uri }
            registry.resources.append((resource, handler))
        }
        broadcast(ResourceListChangedNotificationParams())
    }

    /// Removes a resource.
    public func removeResource(uri: String) {
        let removed = registry.withLock { registry in
            let before = registry.resources.count
            registry.resources.removeAll { $0.0.uri == uri }
            return registry.resources.count != before
        }
        if removed { broadcast(ResourceListChangedNotificationParams()) }
    }

    /// Adds a resource template; reads of matching URIs go to `handler`.
    public func addResourceTemplate(_ template: ResourceTemplate, handler: @escaping ResourceTemplateHandler) {
        registry.withLock { registry in
            registry.templates.removeAll { $0.0.uriTemplate == template.uriTemplate }
            registry.templates.append((template, URITemplate(template.uriTemplate), handler))
        }
        broadcast(ResourceListChangedNotificationParams())
    }

    /// Adds (or replaces) a prompt.
    public func addPrompt(_ prompt: Prompt, handler: @escaping PromptHandler) {
        registry.withLock { registry in
            registry.prompts.removeAll { $0.0.name == prompt.name }
            registry.prompts.append((prompt, handler))
        }
        broadcast(PromptListChangedNotificationParams())
    }

    /// Removes a prompt.
    public func removePrompt(named name: String) {
        let removed = registry.withLock { registry in
            let before = registry.prompts.count
            registry.prompts.removeAll { $0.0.name == name }
            return registry.prompts.count != before
        }
        if removed { broadcast(PromptListChangedNotificationParams()) }
    }

    /// Sets the handler of `completion/complete` (and declares the `completions` capability).
    public func setCompletionHandler(_ handler: @escaping CompletionHandler) {
        registry.withLock { $0.completion = handler }
    }

    // MARK: Notifications

    /// Tells subscribed clients that the resource at `uri` changed.
    public func notifyResourceUpdated(uri: String) {
        for session in sessions where session.isSubscribed(to: uri) {
            Task { await session.notify(ResourceUpdatedNotificationParams(uri: uri)) }
        }
    }

    /// Sends a log message to every connected client that wants messages of this level.
    public func log(_ level: LoggingLevel, _ data: JSONValue, logger: String? = nil) async {
        for session in sessions { await session.log(level, data, logger: logger) }
    }

    private var sessions: [ServerSession] {
        registry.withLock { Array($0.sessions.values) }
    }

    private func broadcast<Params: NotificationParams>(_ params: Params) {
        for session in sessions where session.isInitialized {
            Task { await session.notify(params) }
        }
    }

    /// The number of clients currently connected.
    public var connectionCount: Int { registry.withLock { $0.sessions.count } }

    // MARK: Serving

    /// Serves one client over `transport` until the transport closes or the calling task is
    /// cancelled.
    public func serve(_ transport: any Transport) async throws {
        let session = ServerSession(server: self, transport: transport)
        registry.withLock { $0.sessions[ObjectIdentifier(session)] = session }
        defer { _ = registry.withLock { $0.sessions.removeValue(forKey: ObjectIdentifier(session)) } }
        try await session.run()
    }

    /// The capabilities the server declares, from what is registered.
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
