import MCPCore
import MCPServer
import Testing

/// How the first request settles a connection's era, and how each era answers the other's
/// requests.
@Suite("Era selection")
struct EraSelectionTests {
    @Test("server/discover opens a stateless connection and describes the server")
    func discover() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try await peer.send("server/discover", stateless())
            let message = try await peer.awaitResponse(to: id)
            try SpecSchema.expectValid(message: message, "DiscoverResult")
            let result = try await peer.result(of: id)
            #expect(result["resultType"] == "complete")
            #expect(result["supportedVersions"] == ["2026-07-28"])
            #expect(result["instructions"] == "For tests.")
            #expect(result["ttlMs"] == 0)
            #expect(result["cacheScope"] == "private")
            #expect(result["capabilities"]?["tools"]?["listChanged"] == true)
            #expect(result["capabilities"]?["resources"]?["subscribe"] == true)
            #expect(result["_meta"]?[MetaKeys.serverInfo] == ["name": "test-server", "version": "2.0"])
        }
    }

    @Test("every stateless result carries resultType, the server's info, and cache hints where cacheable")
    func statelessResults() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let cases: [(String, JSONObject, String)] = [
                ("tools/list", [:], "ListToolsResult"),
                ("resources/list", [:], "ListResourcesResult"),
                ("resources/templates/list", [:], "ListResourceTemplatesResult"),
                ("prompts/list", [:], "ListPromptsResult"),
                ("resources/read", ["uri": "test://static"], "ReadResourceResult"),
                ("tools/call", ["name": "add", "arguments": ["a": 1, "b": 2]], "CallToolResult"),
                ("completion/complete", ["ref": ["type": "ref/prompt", "name": "roots_prompt"], "argument": ["name": "x", "value": "a"]], "CompleteResult"),
            ]
            for (method, params, definition) in cases {
                let id = try await peer.send(method, stateless(params))
                try SpecSchema.expectValid(message: try await peer.awaitResponse(to: id), definition)
                let result = try await peer.result(of: id)
                #expect(result["resultType"] == "complete", "\(method)")
                #expect(result["_meta"]?[MetaKeys.serverInfo]?["name"] == "test-server", "\(method)")
            }
        }
    }

    @Test("initialize opens a handshake session; 2026-07-28 requests are refused on it")
    func handshakeThenStateless() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let initialized = try await peer.request("initialize", initializeParams)
            #expect(initialized["protocolVersion"] == "2025-11-25")
            #expect(initialized["resultType"] == nil)
            try await peer.notify("notifications/initialized")
            let tools = try await peer.request("tools/list")
            #expect(tools["resultType"] == nil)
            #expect(tools["ttlMs"] == nil)
            #expect(try await peer.request("ping") == [:])
            let refused = try await peer.failingRequest("tools/list", stateless())
            #expect(refused.code == .invalidRequest)
            let discover = try await peer.failingRequest("server/discover")
            #expect(discover.code == .methodNotFound)
        }
    }

    @Test("initialize on a stateless connection is -32022 naming the stateless versions")
    func initializeAfterStateless() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await peer.request("tools/list", stateless())
            let id = try await peer.send("initialize", initializeParams)
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: id), "UnsupportedProtocolVersionError")
            let error = try await peer.error(of: id)
            #expect(error.code == .unsupportedProtocolVersion)
            #expect(error.data == ["requested": "2025-11-25", "supported": ["2026-07-28"]])
        }
    }

    @Test("an unsupported version is -32022 and leaves the era open for a fallback to initialize")
    func unsupportedVersionFirst() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            var params = stateless()
            params["_meta"] = .object(envelope(version: "2099-01-01"))
            let id = try await peer.send("server/discover", params)
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: id), "UnsupportedProtocolVersionError")
            let error = try await peer.error(of: id)
            #expect(error.code == .unsupportedProtocolVersion)
            let data = try #require(error.data).decode(UnsupportedProtocolVersionErrorData.self)
            #expect(data.requested == "2099-01-01")
            #expect(data.supported == ["2026-07-28", "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"])
            let initialized = try await peer.request("initialize", initializeParams)
            #expect(initialized["protocolVersion"] == "2025-11-25")
        }
    }

    @Test("a stateless connection refuses other versions, with only the stateless ones listed")
    func unsupportedVersionLater() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await peer.request("server/discover", stateless())
            var params = stateless()
            params["_meta"] = .object(envelope(version: "2025-11-25"))
            let error = try await peer.failingRequest("tools/list", params)
            #expect(error.code == .unsupportedProtocolVersion)
            #expect(error.data == ["requested": "2025-11-25", "supported": ["2026-07-28"]])
        }
    }

    @Test("missing required envelope fields are -32602", arguments: [MetaKeys.clientCapabilities, MetaKeys.protocolVersion])
    func missingEnvelopeFields(missing: String) async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            // Settle the era first, so the envelope marker's absence cannot mean "handshake era".
            _ = try await peer.request("server/discover", stateless())
            var meta = envelope()
            _ = meta.removeValue(forKey: missing)
            let error = try await peer.failingRequest("tools/list", ["_meta": .object(meta)])
            #expect(error.code == .invalidParams)
            #expect(error.message.contains(missing))
        }
    }

    @Test("the methods 2026-07-28 removed are not found on a stateless connection",
          arguments: ["ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe", "no/such/method"])
    func removedMethods(method: String) async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            _ = try await peer.request("server/discover", stateless())
            let error = try await peer.failingRequest(method, stateless(["level": "info", "uri": "test://static"]))
            #expect(error.code == .methodNotFound)
        }
    }

    @Test("an unknown resource is -32602 in the stateless era and -32002 in the handshake era")
    func unknownResource() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let error = try await peer.failingRequest("resources/read", stateless(["uri": "test://nothing"]))
            #expect(error.code == .invalidParams)
        }
        try await WirePeer.with(test.server) { peer in
            try await handshake(peer)
            let error = try await peer.failingRequest("resources/read", ["uri": "test://nothing"])
            #expect(error.code == .resourceNotFound)
        }
    }

    @Test("each connection has its own era")
    func erasPerConnection() async throws {
        let test = TestServer()
        let legacy = try await WirePeer(test.server)
        let modern = try await WirePeer(test.server)
        try await handshake(legacy)
        _ = try await modern.request("server/discover", stateless())
        #expect(try await legacy.request("ping") == [:])
        #expect(try await modern.request("tools/list", stateless())["resultType"] == "complete")
        #expect(test.server.connectionCount == 2)
        await legacy.close()
        await modern.close()
    }
}
