public import MCPCore
import Synchronization

/// A connection to one MCP server: the API most applications use.
///
/// ```swift
/// try await withClient(connectingTo: transport) { client in
///     let tools = try await client.listAllTools()
///     let result = try await client.callTool("add", arguments: ["a": 1, "b": 2])
///     print(result.text)
/// }
/// ```
///
/// or, with an explicit lifetime:
///
/// ```swift
/// let client = Client()
/// try await client.connect(transport)
/// …
/// await client.close()
/// ```
///
/// A client connects once; ``close()`` is idempotent and leaves nothing running. Failures of
/// the server arrive as ``MCPError``, failures on this side (timeouts, a closed connection) as
/// ``ClientError``, and tools that report failure as results with `isError` (or ``ToolError``
/// from the conveniences that ask for it).
public final class Client: Sendable {
    /// How a client behaves.
    public typealias Configuration = ClientSession.Configuration

    private enum Phase {
        case idle
        case connecting(ClientSession)
        case connected(ClientSession, server: Task<Void, Never>?)
        case closed
    }

    /// The client's configuration.
    public let configuration: Configuration
    /// The client's handlers for the server's requests and notifications.
    public let handlers: ClientHandlers
    private let phase = Mutex(Phase.idle)
    /// The tools seen in listings, for checking calls against their schemas.
    let toolCatalog = ToolCatalog()

    /// Creates a client. It does nothing until connected.
    public init(configuration: Configuration = .init(), handlers: ClientHandlers = .init()) {
        self.configuration = configuration
        self.handlers = handlers
    }

    /// Creates a client named `name` (its `clientInfo`), with default settings otherwise.
    public convenience init(name: String, version: String = MCPClientVersion.current, handlers: ClientHandlers = .init()) {
        var configuration = Configuration()
        configuration.clientInfo = Implementation(name: name, version: version)
        self.init(configuration: configuration, handlers: handlers)
    }

    // MARK: Lifecycle

    /// Connects over `transport` and performs the handshake.
    ///
    /// - Throws: ``ClientError`` if the client was already connected or the server speaks no
    ///   protocol version this client does; the transport's or server's error otherwise. If the
    ///   handshake fails the transport is closed; a client that was already used leaves the
    ///   transport untouched (it may be the one in use).
    public func connect(_ transport: any Transport) async throws {
        try await connect(transport, server: nil)
    }

    /// Connects to a server running in this process, through an in-memory transport.
    public func connect(to server: some InProcessServer) async throws {
        let (clientSide, serverSide) = InMemoryTransport.makePair()
        let serverTask = Task {
            do {
                try await server.serve(serverSide)
            } catch {
                // The server's failure reaches the client as a closed connection.
            }
        }
        do {
            try await connect(clientSide, server: serverTask)
        } catch {
            await serverSide.close()
            await serverTask.value
            throw error
        }
    }

    private func connect(_ transport: any Transport, server: Task<Void, Never>?) async throws {
        // The tool catalog follows the server's list changes, before the user's handler hears.
        var sessionHandlers = handlers
        let userListChanged = handlers.onListChanged
        let catalog = toolCatalog
        sessionHandlers.onListChanged = { kind in
            if kind == .tools { catalog.invalidate() }
            await userListChanged?(kind)
        }
        let session = ClientSession(transport: transport, configuration: configuration, handlers: sessionHandlers)
        try phase.withLock { phase in
            guard case .idle = phase else {
                throw ClientError(.connectionClosed, "a client connects once; create a new Client to connect again")
            }
            phase = .connecting(session)
        }
        do {
            try await session.start()
            try await session.negotiate()
        } catch {
            await session.close()
            phase.withLock { $0 = .closed }
            throw error
        }
        let closedMeanwhile = phase.withLock { phase in
            guard case .connecting = phase else { return true }
            phase = .connected(session, server: server)
            return false
        }
        if closedMeanwhile {
            await session.close()
            await server?.value
            throw ClientError(.connectionClosed, "the client was closed while connecting")
        }
    }

    /// Closes the connection: requests in flight fail with
    /// ``ClientError/Code-swift.struct/connectionClosed``, the transport closes (a server process
    /// is stopped), an in-process server stops. Idempotent.
    public func close() async {
        let (session, server) = phase.withLock { phase -> (ClientSession?, Task<Void, Never>?) in
            defer { phase = .closed }
            switch phase {
            case .idle, .closed: return (nil, nil)
            case .connecting(let session): return (session, nil)
            case .connected(let session, let server): return (session, server)
            }
        }
        await session?.close()
        await server?.value
    }

    // MARK: State

    /// The session, once connected.
    ///
    /// - Throws: ``ClientError`` with code ``ClientError/Code-swift.struct/notConnected`` before
    ///   ``connect(_:)`` and after ``close()``.
    public func session() throws -> ClientSession {
        try phase.withLock { phase in
            switch phase {
            case .connected(let session, _): return session
            case .idle, .connecting: throw ClientError(.notConnected, "the client is not connected")
            case .closed: throw ClientError(.connectionClosed, "the client is closed")
            }
        }
    }

    /// Whether the client is connected and its connection still open.
    public var isConnected: Bool {
        guard let session = try? session() else { return false }
        return session.closeReason == nil
    }

    private var era: ClientSession.Era { (try? session())?.era ?? .undetermined }

    /// The server's name, version and details, once connected (for a stateless server, what its
    /// `server/discover` answer says, if anything).
    public var serverInfo: Implementation? {
        switch era {
        case .legacy(let result): return result.serverInfo
        case .modern(_, let discovered): return discovered?.serverInfo
        case .undetermined: return nil
        }
    }

    /// The server's capabilities, once connected.
    public var serverCapabilities: ServerCapabilities? {
        switch era {
        case .legacy(let result): return result.capabilities
        case .modern(_, let discovered): return discovered?.capabilities
        case .undetermined: return nil
        }
    }

    /// The server's instructions for using it, if it gave any.
    public var instructions: String? {
        switch era {
        case .legacy(let result): return result.instructions
        case .modern(_, let discovered): return discovered?.instructions
        case .undetermined: return nil
        }
    }

    /// Whether the server speaks the stateless protocol (2026-07-28 and later).
    public var isStateless: Bool {
        if case .modern = era { return true }
        return false
    }

    /// The protocol version in use, once connected.
    public var protocolVersion: ProtocolVersion? { (try? session())?.protocolVersion }

    /// The executor of the thread where the transport receives, once connected, or `nil` if it
    /// has none (see ``Transport/preferredTaskExecutor``).
    ///
    /// Calls made from tasks that prefer it take their responses on that thread, with no hop to
    /// the global pool: with stdio, about 1.7 times the sequential round trips per second.
    ///
    /// ```swift
    /// try await withTaskExecutorPreference(client.preferredTaskExecutor) {
    ///     for path in paths { _ = try await client.readResource(path) }
    /// }
    /// ```
    public var preferredTaskExecutor: (any TaskExecutor)? { (try? session())?.transport.preferredTaskExecutor }

    /// The capabilities this client declares.
    public var capabilities: ClientCapabilities { handlers.capabilities(base: configuration.capabilities) }

    /// Every message the client receives or notices, from now on; see
    /// ``ClientSession/incomingMessages()``.
    public func incomingMessages() throws -> AsyncStream<IncomingMessage> {
        try session().incomingMessages()
    }

    /// Sends any request and decodes its result.
    public func send<Params: RequestParams>(_ params: Params, options: RequestOptions = .default) async throws -> Params.Result {
        try await session().send(params, options: options)
    }
}

/// Connects a client over `transport`, runs `body`, and closes the client however `body` ends.
///
/// ```swift
/// let names = try await withClient(connectingTo: transport) { client in
///     try await client.listAllTools().map(\.name)
/// }
/// ```
public func withClient<Result: Sendable>(
    connectingTo transport: any Transport,
    configuration: Client.Configuration = .init(),
    handlers: ClientHandlers = .init(),
    _ body: (Client) async throws -> Result
) async throws -> Result {
    let client = Client(configuration: configuration, handlers: handlers)
    try await client.connect(transport)
    return try await withClient(client, body)
}

/// Connects a client to a server in this process, runs `body`, and closes both however `body`
/// ends.
public func withClient<Result: Sendable>(
    connectingTo server: some InProcessServer,
    configuration: Client.Configuration = .init(),
    handlers: ClientHandlers = .init(),
    _ body: (Client) async throws -> Result
) async throws -> Result {
    let client = Client(configuration: configuration, handlers: handlers)
    try await client.connect(to: server)
    return try await withClient(client, body)
}

private func withClient<Result: Sendable>(_ client: Client, _ body: (Client) async throws -> Result) async throws -> Result {
    let result: Result
    do {
        result = try await body(client)
    } catch {
        await client.close()
        throw error
    }
    await client.close()
    return result
}
