import MCPClient
import MCPCore
import MCPServer
import Testing

/// The one way client tests connect: every connection runs over an in-memory pair whose client
/// side is wrapped in a ``RecordingTransport``, so every outbound message of every test is
/// checked (``RecordingTransport/outboundCheck``) and problems fail the test that made it.
///
/// Each `with…` function tears everything down when its body ends, however it ends.
enum TestConnection {
    /// The configuration tests use unless they need another: a recognisable client name and a
    /// timeout short enough that a hung request fails the test instead of the run.
    /// The handshake era unless a test asks for detection: most suites test one era's behaviour.
    static let configuration = Client.Configuration(
        clientInfo: Implementation(name: "swift-mcp-client-tests", version: "1.0.0"),
        protocolMode: .legacy,
        requestTimeout: TestSanitizer.scaled(.seconds(5))
    )

    /// For scripted peers, which answer only what each test scripts: no implicit `tools/list`
    /// before the first call (tool output checking has its own tests).
    static let peerConfiguration: Client.Configuration = {
        var configuration = TestConnection.configuration
        configuration.validatesToolOutput = false
        return configuration
    }()

    // MARK: The recorded pair under every connection

    /// A client transport (recorded) and the raw server transport at the other end.
    private static func makePair(_ sourceLocation: SourceLocation) -> (RecordingTransport, InMemoryTransport, InMemoryTransport) {
        let (clientSide, serverSide) = InMemoryTransport.makePair()
        return (RecordingTransport(clientSide, sourceLocation: sourceLocation), clientSide, serverSide)
    }

    // MARK: Client ↔ MCPServer

    /// A ``Client`` connected to an ``MCPServer``.
    struct ServerConnection: Sendable {
        let client: Client
        let server: MCPServer
        /// The client's transport, recorded.
        let transport: RecordingTransport
        /// The raw in-memory transport under ``transport`` (for `fail(with:)`).
        let clientSide: InMemoryTransport
    }

    /// Connects a client to `server`, runs `body`, then closes the client and waits for the
    /// server to stop.
    static func withClient<R>(
        to server: MCPServer,
        configuration: Client.Configuration = TestConnection.configuration,
        handlers: ClientHandlers = .init(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (ServerConnection) async throws -> R
    ) async throws -> R {
        try await withServerPair(serving: server, sourceLocation: sourceLocation) { pair in
            let client = Client(configuration: configuration, handlers: handlers)
            try await client.connect(pair.transport)
            let connection = ServerConnection(client: client, server: server, transport: pair.transport, clientSide: pair.clientSide)
            return try await closing({ await client.close() }) { try await body(connection) }
        }
    }

    // MARK: Client ↔ ScriptedPeer

    /// A ``Client`` connected to a scripted server.
    struct PeerConnection: Sendable {
        let client: Client
        let peer: ScriptedPeer
        /// The client's transport, recorded.
        let transport: RecordingTransport
        /// The raw in-memory transport under ``transport`` (for `fail(with:)`).
        let clientSide: InMemoryTransport
        /// The `initialize` request as the peer received it.
        let initializeRequest: JSONRPCRequest
    }

    /// Connects a client to a scripted peer that completes the handshake with `version`, runs
    /// `body`, then closes the client.
    static func withClient<R>(
        toPeerAnswering version: ProtocolVersion = .latestLegacy,
        serverCapabilities: ServerCapabilities = ScriptedPeer.fullServerCapabilities,
        configuration: Client.Configuration = TestConnection.peerConfiguration,
        handlers: ClientHandlers = .init(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (PeerConnection) async throws -> R
    ) async throws -> R {
        try await withPeerPair(sourceLocation: sourceLocation) { pair in
            let client = Client(configuration: configuration, handlers: handlers)
            async let connecting: Void = client.connect(pair.transport)
            let initialize = try await pair.peer.answerInitialize(version: version, capabilities: serverCapabilities)
            try await connecting
            let connection = PeerConnection(
                client: client,
                peer: pair.peer,
                transport: pair.transport,
                clientSide: pair.clientSide,
                initializeRequest: initialize
            )
            return try await closing({ await client.close() }) { try await body(connection) }
        }
    }

    /// Connects a client to a scripted stateless (2026-07-28) server that answers
    /// `server/discover` with `serverCapabilities`, runs `body`, then closes the client. The
    /// connection's `initializeRequest` is the discover request.
    static func withStatelessClient<R>(
        serverCapabilities: ServerCapabilities = ScriptedPeer.fullServerCapabilities,
        handlers: ClientHandlers = .init(),
        requestTimeout: Duration = .seconds(5),
        tasks: TaskOptions = .init(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (PeerConnection) async throws -> R
    ) async throws -> R {
        var configuration = TestConnection.peerConfiguration
        configuration.protocolMode = .pinned(.v2026_07_28)
        configuration.requestTimeout = requestTimeout
        configuration.tasks = tasks
        return try await withPeerPair(sourceLocation: sourceLocation) { pair in
            let client = Client(configuration: configuration, handlers: handlers)
            async let connecting: Void = client.connect(pair.transport)
            let discover = try await pair.peer.nextRequest("server/discover")
            try await pair.peer.reply(to: discover.id, [
                "supportedVersions": ["2026-07-28"],
                "capabilities": try JSONValue(encoding: serverCapabilities),
                "_meta": ["io.modelcontextprotocol/serverInfo": ["name": "scripted", "version": "1"]],
            ])
            try await connecting
            let connection = PeerConnection(client: client, peer: pair.peer, transport: pair.transport, clientSide: pair.clientSide, initializeRequest: discover)
            return try await closing({ await client.close() }) { try await body(connection) }
        }
    }

    // MARK: ClientSession ↔ ScriptedPeer

    /// A started ``ClientSession`` (no handshake) facing a scripted server.
    struct SessionConnection: Sendable {
        let session: ClientSession
        let peer: ScriptedPeer
        /// The session's transport, recorded.
        let transport: RecordingTransport
        /// The raw in-memory transport under ``transport``.
        let clientSide: InMemoryTransport
    }

    /// Starts a session facing a scripted peer, runs `body`, then closes the session.
    static func withSession<R>(
        configuration: ClientSession.Configuration = TestConnection.configuration,
        handlers: ClientHandlers = .init(),
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (SessionConnection) async throws -> R
    ) async throws -> R {
        try await withPeerPair(sourceLocation: sourceLocation) { pair in
            let session = ClientSession(transport: pair.transport, configuration: configuration, handlers: handlers)
            try await session.start()
            let connection = SessionConnection(session: session, peer: pair.peer, transport: pair.transport, clientSide: pair.clientSide)
            return try await closing({ await session.close() }) { try await body(connection) }
        }
    }

    // MARK: Not yet connected (for tests of connecting itself)

    /// A recorded client transport, not yet connected, with a scripted peer at the other end.
    struct PeerPair: Sendable {
        let transport: RecordingTransport
        let clientSide: InMemoryTransport
        let peer: ScriptedPeer
    }

    /// Makes a recorded transport facing a scripted peer, runs `body` (which connects whatever
    /// it likes over ``PeerPair/transport``), then closes both ends.
    static func withPeerPair<R>(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (PeerPair) async throws -> R
    ) async throws -> R {
        let (transport, clientSide, serverSide) = makePair(sourceLocation)
        let peer = try await ScriptedPeer(serverSide)
        let pair = PeerPair(transport: transport, clientSide: clientSide, peer: peer)
        return try await closing({ await serverSide.close() }) { try await body(pair) }
    }

    /// A recorded client transport, not yet connected, with an ``MCPServer`` serving the other end.
    struct ServerPair: Sendable {
        let transport: RecordingTransport
        let clientSide: InMemoryTransport
        let server: MCPServer
    }

    /// Makes a recorded transport with `server` serving its other end, runs `body` (which
    /// connects whatever it likes over ``ServerPair/transport``), then closes the pair and waits
    /// for the server to stop.
    static func withServerPair<R>(
        serving server: MCPServer,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (ServerPair) async throws -> R
    ) async throws -> R {
        let (transport, clientSide, serverSide) = makePair(sourceLocation)
        let serving = Task {
            do {
                try await server.serve(serverSide)
            } catch {
                Issue.record(Comment(rawValue: "the server failed: \(error)"), sourceLocation: sourceLocation)
            }
        }
        let pair = ServerPair(transport: transport, clientSide: clientSide, server: server)
        do {
            let result = try await body(pair)
            await serverSide.close()
            await serving.value
            return result
        } catch {
            await serverSide.close()
            await serving.value
            throw error
        }
    }
}

extension MCPServer {
    /// A server for one test, with a recognisable name.
    static func testing(
        instructions: String? = nil,
        pageSize: Int? = nil,
        protocolVersions: [ProtocolVersion] = ProtocolVersion.legacyVersions
    ) -> MCPServer {
        MCPServer(configuration: .init(
            serverInfo: Implementation(name: "test-server", version: "2.0.0", title: "Test server"),
            instructions: instructions,
            pageSize: pageSize,
            protocolVersions: protocolVersions
        ))
    }
}

extension JSONRPCMessage {
    /// The request, if this is one.
    var request: JSONRPCRequest? {
        if case .request(let request) = self { return request }
        return nil
    }

    /// The notification, if this is one.
    var notification: JSONRPCNotification? {
        if case .notification(let notification) = self { return notification }
        return nil
    }

    /// The id of a response or error response.
    var responseID: RequestID? {
        switch self {
        case .response(let response): return response.id
        case .errorResponse(let response): return response.id
        default: return nil
        }
    }
}

/// Runs `body`, then `close`, whether `body` returns or throws: the scoped lifetime every
/// `with…` helper here gives what it opens.
func closing<R>(_ close: () async -> Void, _ body: () async throws -> R) async throws -> R {
    do {
        let result = try await body()
        await close()
        return result
    } catch {
        await close()
        throw error
    }
}
