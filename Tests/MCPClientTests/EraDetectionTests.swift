import MCPClient
import MCPCore
import Testing

/// How a session settles the protocol era (ClientSession.negotiate), against a scripted server.
@Suite("Era detection")
struct EraDetectionTests {
    static func configuration(_ mode: ProtocolMode, discoveryTimeout: Duration = .seconds(5)) -> ClientSession.Configuration {
        var configuration = TestConnection.configuration
        configuration.protocolMode = mode
        configuration.discoveryTimeout = discoveryTimeout
        return configuration
    }

    static let discoverResult: JSONValue = [
        "supportedVersions": ["2026-07-28", "2025-11-25"],
        "capabilities": ["tools": [:]],
        "instructions": "be brief",
        "_meta": ["io.modelcontextprotocol/serverInfo": ["name": "modern", "version": "2"]],
    ]

    static let initializeResult: JSONValue = [
        "protocolVersion": "2025-11-25", "capabilities": [:], "serverInfo": ["name": "legacy", "version": "1"],
    ]

    static func unsupported(_ supported: [String]) -> MCPError {
        MCPError(code: .unsupportedProtocolVersion, message: "Unsupported protocol version", data: [
            "supported": .array(supported.map(JSONValue.string)), "requested": "2026-07-28",
        ])
    }

    @Test("a server answering server/discover is stateless: the probe carries the 2026-07-28 _meta")
    func discoverSucceeds() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.automatic)) { c in
            let era = Task { try await c.session.negotiate() }
            let probe = try await c.peer.nextRequest("server/discover")
            #expect(probe.params?["_meta"]?["io.modelcontextprotocol/protocolVersion"] == "2026-07-28")
            #expect(probe.params?["_meta"]?["io.modelcontextprotocol/clientInfo"]?["name"] == "swift-mcp-client-tests")
            try await c.peer.reply(to: probe.id, Self.discoverResult)
            guard case .modern(let version, let discovered) = try await era.value else {
                Issue.record("expected the stateless era")
                return
            }
            #expect(version == .v2026_07_28)
            #expect(discovered?.serverInfo?.name == "modern")
            #expect(discovered?.instructions == "be brief")
            // Later requests are stateless too.
            async let tools = c.session.send(ListToolsRequestParams())
            let list = try await c.peer.nextRequest("tools/list")
            #expect(list.params?["_meta"]?["io.modelcontextprotocol/protocolVersion"] == "2026-07-28")
            try await c.peer.reply(to: list.id, ["tools": []])
            _ = try await tools
        }
    }

    @Test("any other error falls back to initialize", arguments: [
        MCPError.methodNotFound("server/discover"),
        MCPError(code: .invalidRequest, message: "Session not initialized"),
        MCPError(code: -32000, message: "Bad Request"),
    ])
    func fallsBackOnOtherErrors(error: MCPError) async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.automatic)) { c in
            let era = Task { try await c.session.negotiate() }
            let probe = try await c.peer.nextRequest("server/discover")
            try await c.peer.replyError(to: probe.id, error)
            let initialize = try await c.peer.nextRequest("initialize")
            try await c.peer.reply(to: initialize.id, Self.initializeResult)
            #expect(try await c.peer.nextNotification().method == "notifications/initialized")
            guard case .legacy(let result) = try await era.value else {
                Issue.record("expected the handshake era")
                return
            }
            #expect(result.serverInfo.name == "legacy")
            // No cancellation for the probe: a handshake-era server would not know it.
            #expect(c.transport.sentNotifications("notifications/cancelled").isEmpty)
        }
    }

    @Test("a silent server is taken for a handshake-era one after the discovery timeout")
    func silenceFallsBack() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.automatic, discoveryTimeout: .milliseconds(200))) { c in
            let era = Task { try await c.session.negotiate() }
            _ = try await c.peer.nextRequest("server/discover")
            let initialize = try await c.peer.nextRequest("initialize")
            try await c.peer.reply(to: initialize.id, Self.initializeResult)
            guard case .legacy = try await era.value else {
                Issue.record("expected the handshake era")
                return
            }
            #expect(c.transport.sentNotifications("notifications/cancelled").isEmpty)
        }
    }

    @Test("a slow stateless server that refuses the handshake (-32601, -32602) is probed again with the full timeout, not taken for handshake-era")
    func slowStatelessServerRefusingHandshake() async throws {
        for refusal in [MCPError.methodNotFound("initialize"), MCPError.invalidParams("missing io.modelcontextprotocol/protocolVersion")] {
            try await TestConnection.withSession(configuration: Self.configuration(.automatic, discoveryTimeout: .milliseconds(100))) { c in
                let era = Task { try await c.session.negotiate() }
                // Too slow for the discovery timeout: the first probe goes unanswered.
                _ = try await c.peer.nextRequest("server/discover")
                let initialize = try await c.peer.nextRequest("initialize")
                try await c.peer.replyError(to: initialize.id, refusal)
                let again = try await c.peer.nextRequest("server/discover")
                // Slower than the discovery timeout again, but within the request timeout.
                try await Task.sleep(for: .milliseconds(300))
                try await c.peer.reply(to: again.id, ["supportedVersions": ["2026-07-28"], "capabilities": [:]])
                guard case .modern(let version, _) = try await era.value else {
                    Issue.record("a stateless server refusing the handshake was taken for a handshake-era one")
                    return
                }
                #expect(version == .v2026_07_28)
            }
        }
    }

    @Test("-32022 naming only handshake versions, or a discover result without a stateless version, falls back")
    func legacyAdvertisementsFallBack() async throws {
        for answer in [JSONValue.null, ["supportedVersions": ["2025-11-25"], "capabilities": [:]]] {
            try await TestConnection.withSession(configuration: Self.configuration(.automatic)) { c in
                let era = Task { try await c.session.negotiate() }
                let probe = try await c.peer.nextRequest("server/discover")
                if answer == .null {
                    try await c.peer.replyError(to: probe.id, Self.unsupported(["2025-11-25", "2025-06-18"]))
                } else {
                    try await c.peer.reply(to: probe.id, answer)
                }
                let initialize = try await c.peer.nextRequest("initialize")
                try await c.peer.reply(to: initialize.id, Self.initializeResult)
                guard case .legacy = try await era.value else {
                    Issue.record("expected the handshake era")
                    return
                }
            }
        }
    }

    @Test("-32022 naming only versions this client does not speak is a clear error, not a fallback")
    func disjointModernServer() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.automatic)) { c in
            let era = Task { try await c.session.negotiate() }
            let probe = try await c.peer.nextRequest("server/discover")
            try await c.peer.replyError(to: probe.id, Self.unsupported(["2099-01-01"]))
            let error = await #expect(throws: ClientError.self) { try await era.value }
            #expect(error?.code == .unsupportedProtocolVersion)
            #expect(error?.message.contains("2099-01-01") == true)
            #expect(c.transport.sentRequests("initialize").isEmpty)
        }
    }

    @Test("a pinned stateless version sends discover at it and never falls back")
    func pinnedModern() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.pinned(.v2026_07_28))) { c in
            let era = Task { try await c.session.negotiate() }
            let probe = try await c.peer.nextRequest("server/discover")
            try await c.peer.replyError(to: probe.id, .methodNotFound("server/discover"))
            await #expect(throws: MCPError.self) { try await era.value }
            #expect(c.transport.sentRequests("initialize").isEmpty)
        }
    }

    @Test("a pinned handshake version offers it and refuses any other answer")
    func pinnedLegacy() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.pinned(.v2025_03_26))) { c in
            let era = Task { try await c.session.negotiate() }
            let initialize = try await c.peer.nextRequest("initialize")
            #expect(initialize.params?["protocolVersion"] == "2025-03-26")
            try await c.peer.reply(to: initialize.id, Self.initializeResult)
            let error = await #expect(throws: ClientError.self) { try await era.value }
            #expect(error?.code == .unsupportedProtocolVersion)
        }
    }

    @Test("legacy mode sends initialize first and nothing else")
    func legacyMode() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.legacy)) { c in
            let era = Task { try await c.session.negotiate() }
            let first = try await c.peer.nextRequest()
            #expect(first.method == "initialize")
            try await c.peer.reply(to: first.id, Self.initializeResult)
            guard case .legacy = try await era.value else {
                Issue.record("expected the handshake era")
                return
            }
        }
    }

    @Test("a stateless request answered with -32022 is retried at a version the server names; an unknown resultType is invalid")
    func requestLevelErrors() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(.automatic)) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let tools = Task { try await c.session.send(ListToolsRequestParams()) }
            let list = try await c.peer.nextRequest("tools/list")
            // The server names only the version already used: nothing to retry with.
            try await c.peer.replyError(to: list.id, Self.unsupported(["2026-07-28"]))
            let error = await #expect(throws: MCPError.self) { try await tools.value }
            #expect(error?.code == .unsupportedProtocolVersion)

            let again = Task { try await c.session.send(ListToolsRequestParams()) }
            let second = try await c.peer.nextRequest("tools/list")
            try await c.peer.reply(to: second.id, ["resultType": "teleport", "tools": []])
            let invalid = await #expect(throws: ClientError.self) { try await again.value }
            #expect(invalid?.code == .invalidResponse)
        }
    }

    @Test("protocol modes read from text")
    func modesFromText() {
        #expect(ProtocolMode("auto") == .automatic)
        #expect(ProtocolMode("legacy") == .legacy)
        #expect(ProtocolMode("2025-06-18") == .pinned(.v2025_06_18))
        #expect(ProtocolMode("2026-07-28") == .pinned(.v2026_07_28))
        #expect(ProtocolMode("1999-01-01") == nil)
    }

    @Test("the era cache keeps verdicts and can be seeded from a previous run")
    func eraCache() {
        let cache = EraCache(verdicts: ["stdio:x": .init(version: .v2025_06_18)])
        #expect(cache.verdict(for: "stdio:x")?.isModern == false)
        cache.record(.init(version: .v2026_07_28), for: "http://h:80")
        #expect(cache.verdicts.count == 2)
        cache.forget("stdio:x")
        #expect(cache.verdict(for: "stdio:x") == nil)
    }
}
