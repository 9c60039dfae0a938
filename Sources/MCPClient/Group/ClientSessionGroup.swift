public import MCPCore
import Synchronization

/// Many MCP servers used as one: their tools, resources, templates and prompts aggregated (every
/// page of every server), calls routed to the server that owns the name, failures isolated.
///
/// ```swift
/// let group = ClientSessionGroup()
/// await group.connect([
///     ("time", { StdioTransport(command: "mcp-server-time") }),
///     ("docs", { try HTTPTransport(url: "https://example.com/mcp") }),
/// ])
/// for tool in try await group.tools() { print(tool.name, "from", tool.server) }
/// let result = try await group.callTool("get_current_time", arguments: ["timezone": "UTC"])
/// await group.close()
/// ```
///
/// A server that fails to connect, or dies later, is reported in ``health()`` with its reason and
/// leaves the others working; servers added with `reconnects: true` are reconnected with capped
/// exponential backoff. Lists are cached and refreshed when a server says they changed.
public final class ClientSessionGroup: Sendable {
    /// How a group behaves.
    public struct Configuration: Sendable {
        /// How aggregated components are named.
        public var naming: GroupNaming
        /// The configuration of each member's client.
        public var client: Client.Configuration
        /// The handlers every member uses (sampling, elicitation, roots, notifications). The group
        /// adds its own list-change and connection tracking around them.
        public var handlers: ClientHandlers
        /// How members added with `reconnects: true` are reconnected.
        public var reconnection: Reconnection

        /// Creates a configuration.
        public init(naming: GroupNaming = .default, client: Client.Configuration = .init(), handlers: ClientHandlers = .init(), reconnection: Reconnection = .init()) {
            self.naming = naming
            self.client = client
            self.handlers = handlers
            self.reconnection = reconnection
        }
    }

    /// Reconnection with capped exponential backoff.
    public struct Reconnection: Sendable, Hashable {
        /// The first delay.
        public var initialDelay: Duration
        /// The longest delay.
        public var maximumDelay: Duration
        /// The growth factor between attempts.
        public var multiplier: Double
        /// How many consecutive attempts before giving up (`nil`: never give up).
        public var maximumAttempts: Int?

        /// Creates a policy.
        public init(initialDelay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(30), multiplier: Double = 2, maximumAttempts: Int? = 10) {
            self.initialDelay = initialDelay
            self.maximumDelay = maximumDelay
            self.multiplier = multiplier
            self.maximumAttempts = maximumAttempts
        }

        func delay(attempt: Int) -> Duration {
            var delay = initialDelay
            for _ in 0..<attempt {
                delay = delay * multiplier
                if delay >= maximumDelay { return maximumDelay }
            }
            return min(delay, maximumDelay)
        }
    }

    /// What can go wrong in a group, beyond the members' own errors.
    public enum GroupError: Error, Sendable, CustomStringConvertible {
        /// Strict naming found the same name on several servers.
        case nameCollision(kind: ComponentKind, name: String, servers: [String])
        /// No connected member offers this component.
        case unknownComponent(kind: ComponentKind, name: String)
        /// The member that owns the component is not connected.
        case serverUnavailable(name: String, reason: (any Error)?)
        /// A member with this name already exists.
        case duplicateServer(name: String)

        public var description: String {
            switch self {
            case .nameCollision(let kind, let name, let servers):
                return "the \(kind.rawValue) name \"\(name)\" is offered by several servers: \(servers.joined(separator: ", "))"
            case .unknownComponent(let kind, let name):
                return "no connected server offers the \(kind.rawValue) \"\(name)\""
            case .serverUnavailable(let name, let reason):
                return "the server \"\(name)\" is not connected\(reason.map { ": \($0)" } ?? "")"
            case .duplicateServer(let name):
                return "a server named \"\(name)\" is already in the group"
            }
        }
    }

    /// A factory of transports for one member: called for the first connection and each
    /// reconnection.
    public typealias TransportFactory = @Sendable () throws -> any Transport

    struct Member {
        var name: String
        var factory: TransportFactory?
        var reconnects: Bool
        var client: Client?
        var health: ServerHealth
        var cache = ListCache()
        var generation = 0
        var backgroundTask: Task<Void, Never>?
    }

    struct ListCache {
        var tools: [Tool]?
        var resources: [Resource]?
        var templates: [ResourceTemplate]?
        var prompts: [Prompt]?
    }

    struct State {
        var order: [String] = []
        var members: [String: Member] = [:]
        var closed = false
    }

    /// The group's configuration.
    public let configuration: Configuration
    let state = Mutex(State())

    /// Creates an empty group.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    // MARK: Membership

    /// Adds a server and connects to it. Never throws: a failure is recorded in the returned
    /// health (and ``health()``), and the group carries on without the server.
    ///
    /// - Parameters:
    ///   - reconnects: Whether to reconnect automatically when the connection fails or ends.
    @discardableResult
    public func connect(name: String, reconnects: Bool = false, transport factory: @escaping TransportFactory) async -> ServerHealth {
        let added: Bool = state.withLock { state in
            guard !state.closed, state.members[name] == nil else { return false }
            state.order.append(name)
            state.members[name] = Member(
                name: name,
                factory: factory,
                reconnects: reconnects,
                health: ServerHealth(name: name, state: .connecting, reconnections: 0)
            )
            return true
        }
        guard added else {
            return ServerHealth(name: name, state: .failed, lastError: GroupError.duplicateServer(name: name), reconnections: 0)
        }
        await establish(name, attempt: 0)
        return health(of: name) ?? ServerHealth(name: name, state: .disconnected, reconnections: 0)
    }

    /// Adds several servers, connecting to all of them concurrently.
    @discardableResult
    public func connect(_ servers: [(name: String, transport: TransportFactory)], reconnects: Bool = false) async -> [ServerHealth] {
        await withTaskGroup(of: ServerHealth.self) { group in
            for server in servers {
                group.addTask { await self.connect(name: server.name, reconnects: reconnects, transport: server.transport) }
            }
            var results: [ServerHealth] = []
            for await result in group { results.append(result) }
            let order = servers.map(\.name)
            return results.sorted { (order.firstIndex(of: $0.name) ?? 0) < (order.firstIndex(of: $1.name) ?? 0) }
        }
    }

    /// Adds a client that is already connected. The group does not reconnect it, and closes it
    /// when the member is removed or the group closes.
    public func add(_ client: Client, name: String) throws {
        try state.withLock { state in
            guard !state.closed else { throw GroupError.serverUnavailable(name: name, reason: nil) }
            guard state.members[name] == nil else { throw GroupError.duplicateServer(name: name) }
            state.order.append(name)
            var health = ServerHealth(name: name, state: .connected, reconnections: 0)
            health.serverInfo = client.serverInfo
            health.protocolVersion = client.protocolVersion
            state.members[name] = Member(name: name, factory: nil, reconnects: false, client: client, health: health)
        }
        // The client's handlers were fixed when it connected, so its list changes and its end
        // reach the group through its message stream instead.
        let messages = try client.incomingMessages()
        let watcher = Task { [weak self] in
            for await message in messages {
                guard let self else { return }
                switch message {
                case .notification(.toolListChanged): self.invalidate(name, .tools)
                case .notification(.promptListChanged): self.invalidate(name, .prompts)
                case .notification(.resourceListChanged): self.invalidate(name, .resources)
                case .closed(let reason): self.memberClosed(name, generation: 0, reason: reason)
                default: break
                }
            }
        }
        state.withLock { state in state.members[name]?.backgroundTask = watcher }
        Task { [weak self] in await self?.followListChanges(of: client, name: name) }
    }

    /// Removes a server and closes its connection.
    public func disconnect(name: String) async {
        let (client, task) = state.withLock { state -> (Client?, Task<Void, Never>?) in
            guard let member = state.members.removeValue(forKey: name) else { return (nil, nil) }
            state.order.removeAll { $0 == name }
            return (member.client, member.backgroundTask)
        }
        task?.cancel()
        await client?.close()
    }

    /// Closes every connection. Idempotent.
    public func close() async {
        let members = state.withLock { state -> [Member] in
            state.closed = true
            defer {
                state.members = [:]
                state.order = []
            }
            return state.order.compactMap { state.members[$0] }
        }
        for member in members { member.backgroundTask?.cancel() }
        await withTaskGroup(of: Void.self) { group in
            for member in members {
                if let client = member.client { group.addTask { await client.close() } }
            }
        }
    }

    // MARK: Health

    /// Every member's state, in the order they were added.
    public func health() -> [ServerHealth] {
        state.withLock { state in state.order.compactMap { state.members[$0]?.health } }
    }

    /// One member's state.
    public func health(of name: String) -> ServerHealth? {
        state.withLock { $0.members[name]?.health }
    }

    /// Pings every connected member (concurrently) and records the latency or the failure.
    @discardableResult
    public func checkHealth(timeout: Duration = .seconds(5)) async -> [ServerHealth] {
        let clients = state.withLock { state in state.order.compactMap { name in state.members[name]?.client.map { (name, $0) } } }
        await withTaskGroup(of: Void.self) { group in
            for (name, client) in clients {
                group.addTask {
                    let clock = ContinuousClock()
                    let start = clock.now
                    do {
                        try await client.ping(options: .init(timeout: .after(timeout)))
                        let latency = clock.now - start
                        self.update(name) { $0.health.pingLatency = latency }
                    } catch {
                        self.update(name) { $0.health.lastError = error }
                    }
                }
            }
        }
        return health()
    }

    /// The connected members' names.
    public var connectedServers: [String] {
        health().filter { $0.state == .connected }.map(\.name)
    }

    func update(_ name: String, _ change: (inout Member) -> Void) {
        state.withLock { state in
            if var member = state.members[name] {
                change(&member)
                state.members[name] = member
            }
        }
    }

    // MARK: Connecting

    private func establish(_ name: String, attempt: Int) async {
        guard let (factory, generation) = state.withLock({ state -> (TransportFactory, Int)? in
            guard var member = state.members[name], let factory = member.factory, !state.closed else { return nil }
            member.generation += 1
            member.health.state = .connecting
            state.members[name] = member
            return (factory, member.generation)
        }) else { return }
        let client = Client(configuration: configuration.client, handlers: memberHandlers(name, generation: generation))
        do {
            try await client.connect(try factory())
        } catch {
            await client.close()
            update(name) { member in
                member.health.state = .failed
                member.health.lastError = error
            }
            scheduleReconnect(name, attempt: attempt + 1)
            return
        }
        let stillWanted = state.withLock { state -> Bool in
            guard var member = state.members[name], member.generation == generation, !state.closed else { return false }
            member.client = client
            member.cache = ListCache()
            member.health.state = .connected
            member.health.serverInfo = client.serverInfo
            member.health.protocolVersion = client.protocolVersion
            if attempt > 0 { member.health.reconnections += 1 }
            state.members[name] = member
            return true
        }
        if !stillWanted {
            await client.close()
            return
        }
        await followListChanges(of: client, name: name)
    }

    /// Stateless (2026-07-28) servers announce list changes only on a `subscriptions/listen`
    /// stream: open one, whose notifications reach the member's handlers (and so the group's
    /// caches) like any other. It lives as long as the connection. A server without
    /// subscriptions is simply not followed.
    func followListChanges(of client: Client, name: String) async {
        guard client.isStateless, let capabilities = client.serverCapabilities else { return }
        let filter = SubscriptionFilter(
            toolsListChanged: capabilities.tools?.listChanged == true ? true : nil,
            promptsListChanged: capabilities.prompts?.listChanged == true ? true : nil,
            resourcesListChanged: capabilities.resources?.listChanged == true ? true : nil
        )
        guard !filter.listEvents.isEmpty, (try? await client.subscribe(filter)) != nil else { return }
        // What was cached before the stream was acknowledged may have changed unannounced.
        for kind in [ListKind.tools, .prompts, .resources] { invalidate(name, kind) }
    }

    private func scheduleReconnect(_ name: String, attempt: Int) {
        let policy = configuration.reconnection
        state.withLock { state in
            guard var member = state.members[name], member.reconnects, !state.closed else { return }
            if let maximum = policy.maximumAttempts, attempt > maximum { return }
            member.backgroundTask = Task {
                do {
                    try await Task.sleep(for: policy.delay(attempt: max(attempt - 1, 0)))
                } catch {
                    return
                }
                await self.establish(name, attempt: attempt)
            }
            state.members[name] = member
        }
    }

    /// The member's handlers: the group's, plus cache invalidation on list changes and failure
    /// tracking when the connection ends.
    private func memberHandlers(_ name: String, generation: Int) -> ClientHandlers {
        var handlers = configuration.handlers
        let userListChanged = handlers.onListChanged
        let userMessage = handlers.onMessage
        handlers.onListChanged = { [weak self] kind in
            self?.invalidate(name, kind)
            await userListChanged?(kind)
        }
        handlers.onMessage = { [weak self] message in
            if case .closed(let reason) = message { self?.memberClosed(name, generation: generation, reason: reason) }
            await userMessage?(message)
        }
        return handlers
    }

    private func memberClosed(_ name: String, generation: Int, reason: ClientError) {
        let reconnect = state.withLock { state -> Bool in
            guard var member = state.members[name], member.generation == generation, member.health.state == .connected else { return false }
            member.health.state = .failed
            member.health.lastError = reason
            member.client = nil
            state.members[name] = member
            return member.reconnects && !state.closed
        }
        if reconnect { scheduleReconnect(name, attempt: 1) }
    }

    private func invalidate(_ name: String, _ kind: ListKind) {
        update(name) { member in
            switch kind {
            case .tools: member.cache.tools = nil
            case .prompts: member.cache.prompts = nil
            case .resources:
                member.cache.resources = nil
                member.cache.templates = nil
            }
        }
    }
}
