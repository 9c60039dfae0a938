import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Lifecycle")
struct LifecycleTests {
    @Test("connecting to an MCPServer exposes its info, capabilities, instructions and the protocol version")
    func connectToServer() async throws {
        let server = MCPServer.testing(instructions: "Call `echo` first.")
        server.setCompletionHandler { _, _ in CompleteResult(completion: .init(values: [])) }
        try await TestConnection.withClient(to: server) { c in
            #expect(c.client.isConnected)
            #expect(c.client.serverInfo == Implementation(name: "test-server", version: "2.0.0", title: "Test server"))
            #expect(c.client.serverCapabilities == server.capabilities)
            #expect(c.client.serverCapabilities?.completions != nil)
            #expect(c.client.serverCapabilities?.resources?.subscribe == true)
            #expect(c.client.instructions == "Call `echo` first.")
            #expect(c.client.protocolVersion == .v2025_11_25)
            #expect(c.transport.protocolVersion == .v2025_11_25)
            let session = try c.client.session()
            guard case .legacy(let result) = session.era else {
                Issue.record("expected the legacy era, got \(session.era)")
                return
            }
            #expect(result.serverInfo.name == "test-server")
        }
    }

    @Test("initialize offers 2025-11-25 with the client's info, and notifications/initialized follows the response")
    func handshakeOrder() async throws {
        try await TestConnection.withPeerPair { pair in
            let client = Client(configuration: TestConnection.configuration)
            async let connecting: Void = client.connect(pair.transport)
            let initialize = try await pair.peer.nextRequest("initialize")
            let params = try JSONValue.object(try #require(initialize.params)).decode(InitializeRequestParams.self)
            #expect(params.protocolVersion == .latestLegacy)
            #expect(params.protocolVersion == "2025-11-25")
            #expect(params.clientInfo == TestConnection.configuration.clientInfo)
            #expect(params.capabilities == ClientCapabilities())
            // Nothing else may be sent before the server answers.
            #expect(pair.transport.outboundMessages.count == 1)
            #expect(!client.isConnected)

            try await pair.peer.reply(to: initialize.id, encoding: InitializeResult(
                protocolVersion: .v2025_11_25,
                serverInfo: Implementation(name: "scripted", version: "1")
            ))
            let initialized = try await pair.peer.nextNotification()
            #expect(initialized.method == "notifications/initialized")
            try await connecting
            #expect(client.isConnected)
            #expect(pair.transport.outboundMessages.map { $0.request?.method ?? $0.notification?.method } == ["initialize", "notifications/initialized"])
            await client.close()
        }
    }

    @Test("an older protocol version the server answers with is accepted", arguments: [ProtocolVersion.v2024_11_05, .v2025_03_26, .v2025_06_18])
    func acceptsOlderVersion(_ version: ProtocolVersion) async throws {
        let server = MCPServer.testing(protocolVersions: [version])
        try await TestConnection.withClient(to: server) { c in
            #expect(c.client.protocolVersion == version)
            #expect(c.transport.protocolVersion == version)
            // The offer was still the newest version; the server chose.
            #expect(c.transport.sentRequests("initialize").first?.params?["protocolVersion"] == "2025-11-25")
            try await c.client.ping()
            #expect(c.transport.outbound.last?.version == version)
        }
    }

    @Test("a protocol version the client does not speak is refused and the transport closed", arguments: ["2024-10-07", "2026-07-28", "banana"])
    func refusesUnsupportedVersion(_ version: String) async throws {
        try await TestConnection.withPeerPair { pair in
            let client = Client(configuration: TestConnection.configuration)
            let connecting = Task { try await client.connect(pair.transport) }
            let initialize = try await pair.peer.nextRequest("initialize")
            try await pair.peer.reply(to: initialize.id, [
                "protocolVersion": .string(version),
                "capabilities": [:],
                "serverInfo": ["name": "future", "version": "9"],
            ])
            let error = try await #require(throws: ClientError.self) { try await connecting.value }
            #expect(error.code == .unsupportedProtocolVersion)
            #expect(error.method == "initialize")
            #expect(error.message.contains(version))
            #expect(pair.transport.closeCount >= 1)
            // No notifications/initialized: the connection just ends.
            #expect(try await pair.peer.waitForClose().isEmpty)
            #expect(!client.isConnected)
            let after = try await #require(throws: ClientError.self) { try await client.ping() }
            #expect(after.code == .connectionClosed)
        }
    }

    @Test("withClient closes the client when the body returns and when it throws")
    func withClientCloses() async throws {
        struct Boom: Error {}
        let server = MCPServer.testing()
        try await TestConnection.withServerPair(serving: server) { pair in
            let captured = LockedBox<Client?>(nil)
            await #expect(throws: Boom.self) {
                try await withClient(connectingTo: pair.transport, configuration: TestConnection.configuration) { client in
                    captured.withLock { $0 = client }
                    try await client.ping()
                    throw Boom()
                }
            }
            let client = try #require(captured.value)
            #expect(!client.isConnected)
            #expect(pair.transport.closeCount >= 1)
            let error = try await #require(throws: ClientError.self) { try await client.ping() }
            #expect(error.code == .connectionClosed)
            try await waitUntil("the server noticed the close") { server.connectionCount == 0 }
        }
        try await TestConnection.withServerPair(serving: server) { pair in
            let (names, client) = try await withClient(connectingTo: pair.transport, configuration: TestConnection.configuration) { client in
                (try await client.listAllTools().map(\.name), client)
            }
            #expect(names.isEmpty)
            #expect(!client.isConnected)
            #expect(pair.transport.closeCount >= 1)
        }
    }

    @Test("close is idempotent and every call after it fails with connectionClosed")
    func closeIsIdempotent() async throws {
        try await TestConnection.withClient(to: .testing()) { c in
            await c.client.close()
            await c.client.close()
            #expect(!c.client.isConnected)
            #expect(c.transport.closeCount >= 1)
            for call in [
                { try await c.client.ping() },
                { _ = try await c.client.listTools() },
                { _ = try await c.client.callTool("x") },
                { try await c.client.sendRootsListChanged() },
            ] as [@Sendable () async throws -> Void] {
                let error = try await #require(throws: ClientError.self) { try await call() }
                #expect(error.code == .connectionClosed)
            }
            #expect(throws: ClientError.self) { try c.client.session() }
            #expect(c.client.protocolVersion == nil)
            #expect(c.client.serverInfo == nil)
        }
    }

    @Test("calls before connecting fail with notConnected; a closed client cannot connect")
    func callsBeforeConnect() async throws {
        let client = Client(name: "idle")
        let error = try await #require(throws: ClientError.self) { try await client.ping() }
        #expect(error.code == .notConnected)
        #expect(!client.isConnected)
        await client.close()
        try await TestConnection.withServerPair(serving: .testing()) { pair in
            await #expect(throws: ClientError.self) { try await client.connect(pair.transport) }
            #expect(pair.transport.outboundMessages.isEmpty)
        }
    }

    @Test("connecting twice throws and touches neither the other transport nor the working connection")
    func connectingTwice() async throws {
        try await TestConnection.withClient(to: .testing()) { c in
            try await TestConnection.withPeerPair { second in
                let error = try await #require(throws: ClientError.self) { try await c.client.connect(second.transport) }
                #expect(error.message.contains("once"))
                #expect(second.transport.outboundMessages.isEmpty)
                #expect(second.transport.closeCount == 0)
            }
            // Even the transport already in use, passed again, is left alone.
            await #expect(throws: ClientError.self) { try await c.client.connect(c.transport) }
            #expect(c.transport.closeCount == 0)
            #expect(c.client.isConnected)
            try await c.client.ping()
        }
    }

    @Test("a server that never answers initialize makes connect time out without cancelling initialize")
    func initializeTimesOut() async throws {
        var configuration = TestConnection.configuration
        configuration.requestTimeout = .milliseconds(150)
        try await TestConnection.withPeerPair { pair in
            let client = Client(configuration: configuration)
            let (error, elapsed) = try await measure {
                try await #require(throws: ClientError.self) { try await client.connect(pair.transport) }
            }
            #expect(error.code == .timedOut)
            #expect(error.method == "initialize")
            #expect(elapsed < TestSanitizer.scaled(.seconds(3)))
            _ = try await pair.peer.nextRequest("initialize")
            // initialize is never cancelled, and nothing follows it: the connection just ends.
            #expect(try await pair.peer.waitForClose().isEmpty)
            #expect(pair.transport.closeCount >= 1)
            #expect(!client.isConnected)
        }
    }

    @Test("closing while connecting makes connect fail with connectionClosed")
    func closeWhileConnecting() async throws {
        try await TestConnection.withPeerPair { pair in
            let client = Client(configuration: TestConnection.configuration)
            let connecting = Task { try await client.connect(pair.transport) }
            _ = try await pair.peer.nextRequest("initialize")
            await client.close()
            let error = try await #require(throws: ClientError.self) { try await connecting.value }
            #expect(error.code == .connectionClosed)
            #expect(!client.isConnected)
            #expect(try await pair.peer.waitForClose().isEmpty)
        }
    }
}
