import Foundation
@testable import MCPAuth
import MCPClient
import MCPHTTP
import NIOHTTP1
import Testing

/// Every auth scenario of the MCP conformance suite (`src/scenarios/client/auth`), reproduced by
/// Tests/Fixtures/auth/mock_oauth.py, with the suite's checks asserted on what the client sent.
@Suite("Conformance auth scenarios against mock servers")
struct ConformanceScenarioTests {
    // MARK: Discovery

    struct MetadataVariant: Sendable, CustomTestStringConvertible {
        let name: String
        let config: [String: String]
        let inChallenge: Bool
        /// Well-known paths the client must have tried (and missed) before the right one, in order.
        let expectedMisses: [String]
        var testDescription: String { name }
    }

    static let metadataVariants: [MetadataVariant] = [
        MetadataVariant(name: "metadata-default", config: [:], inChallenge: true, expectedMisses: []),
        MetadataVariant(
            name: "metadata-var1", config: ["as_metadata_path": "/.well-known/openid-configuration", "as_openid": "1"], inChallenge: false,
            expectedMisses: ["/.well-known/oauth-authorization-server"]
        ),
        MetadataVariant(
            name: "metadata-var2",
            config: ["prm_path": "/.well-known/oauth-protected-resource", "as_prefix": "/tenant1", "as_metadata_path": "/.well-known/oauth-authorization-server/tenant1"],
            inChallenge: false, expectedMisses: []
        ),
        MetadataVariant(
            name: "metadata-var3",
            config: ["prm_path": "/custom/metadata/location.json", "as_prefix": "/tenant1", "as_metadata_path": "/tenant1/.well-known/openid-configuration", "as_openid": "1"],
            inChallenge: true, expectedMisses: ["/.well-known/oauth-authorization-server/tenant1", "/.well-known/openid-configuration/tenant1"]
        ),
    ]

    @Test("metadata discovery: protected-resource then authorization-server metadata in the spec's order", arguments: metadataVariants)
    func metadataDiscovery(variant: MetadataVariant) async throws {
        var config: [String: Any] = variant.config.mapValues { $0 == "1" ? true as Any : $0 as Any }
        config["prm_in_www_auth"] = variant.inChallenge
        let server = try await MockOAuthServer(config)
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        #expect(try await connection.client.listTools().tools.map(\.name) == ["test-tool"])
        await connection.client.close()

        let prmPath = variant.config["prm_path"] ?? "/.well-known/oauth-protected-resource/mcp"
        #expect(try await server.log("prm").map { $0["path"] as? String } == [prmPath])
        // A server with path-based metadata is never asked at the root.
        let rsMisses = try await server.log("rs-wellknown-miss").compactMap { $0["path"] as? String }
        if prmPath == "/.well-known/oauth-protected-resource" {
            #expect(rsMisses == ["/.well-known/oauth-protected-resource/mcp"])
        } else {
            #expect(rsMisses.isEmpty)
        }
        #expect(try await server.log("as-wellknown-miss").compactMap { $0["path"] as? String } == variant.expectedMisses)
        #expect(try await server.log("as-metadata").count == 1)
        #expect(try await server.log("register").count == 1)
        let authorization = try #require(try await server.authorizationQueries().first)
        #expect(authorization["code_challenge_method"] == "S256")
        #expect(authorization["code_challenge"]?.count == 43)
        #expect(authorization["state"] != nil)
        let expectedResource = prmPath == "/.well-known/oauth-protected-resource" ? server.resourceServerURL : server.mcpURL
        #expect(authorization["resource"] == expectedResource)
        let token = try #require(try await server.tokenForms().first)
        #expect(token["grant_type"] == "authorization_code")
        #expect(token["resource"] == expectedResource)
        #expect(token["code_verifier"].map { PKCE(verifier: $0).challenge } == authorization["code_challenge"])
        #expect(token["redirect_uri"] == authorization["redirect_uri"])
    }

    @Test("2025-03-26 servers: no protected-resource metadata, the server's origin is the authorization server")
    func marchBackCompat() async throws {
        let server = try await MockOAuthServer(["prm_path": NSNull(), "as_prefix": "/oauth"])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        #expect(try await server.log("as-metadata").first?["path"] as? String == "/.well-known/oauth-authorization-server")
        #expect(try await server.log("register").count == 1)
        #expect(try await server.tokenForms().count == 1)
    }

    @Test("2025-03-26 servers without any metadata: the default /authorize, /token and /register endpoints")
    func marchDefaultEndpoints() async throws {
        let server = try await MockOAuthServer(["prm_path": NSNull(), "default_endpoints": true])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        #expect(try await server.log("register").count == 1)
        #expect(connection.userAgent.openedURLs.first?.hasPrefix(server.resourceServerURL + "/authorize?") == true)
        #expect(try await server.tokenForms().first?["code_verifier"] != nil)
    }

    // MARK: Registration

    @Test("Client ID Metadata Documents: the document URL is the client ID, no registration")
    func clientIDMetadataDocument() async throws {
        let server = try await MockOAuthServer(["cimd_supported": true])
        defer { server.stop() }
        let documentURL = "https://conformance-test.local/client-metadata.json"
        let connection = try await AuthTest.connect(server.mcpURL, configuration: OAuthConfiguration(clientMetadataDocumentURL: documentURL))
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        #expect(try await server.authorizationQueries().first?["client_id"] == documentURL)
        #expect(try await server.log("register").isEmpty)
    }

    @Test("pre-registered credentials come first, with client_secret_basic; no dynamic registration")
    func preRegistration() async throws {
        let server = try await MockOAuthServer(["registration": false, "auth_methods": ["client_secret_basic"]])
        defer { server.stop() }
        let configuration = OAuthConfiguration(preRegisteredClients: [PreRegisteredClient(clientID: "pre-registered-client", clientSecret: "pre-registered-secret")])
        let connection = try await AuthTest.connect(server.mcpURL, configuration: configuration)
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        #expect(try await server.log("register").isEmpty)
        let header = try #require(try await server.log("token").first?["authorization"] as? String)
        #expect(header == "Basic " + Data("pre-registered-client:pre-registered-secret".utf8).base64EncodedString())
    }

    @Test("dynamic registration sends application_type native, refresh_token grant and the loopback redirect URI")
    func dynamicRegistrationBody() async throws {
        let server = try await MockOAuthServer()
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL, configuration: OAuthConfiguration(clientName: "swift-test"))
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        let body = try #require(try await server.log("register").first?["body"] as? [String: Any])
        #expect(body["application_type"] as? String == "native")
        #expect(body["client_name"] as? String == "swift-test")
        #expect((body["grant_types"] as? [String])?.contains("refresh_token") == true)
        #expect(body["redirect_uris"] as? [String] == [connection.userAgent.redirect])
        #expect(body["token_endpoint_auth_method"] as? String == "none")
    }

    @Test("token endpoint authentication follows the registration", arguments: ["client_secret_basic", "client_secret_post", "none"])
    func tokenEndpointAuthentication(method: String) async throws {
        let server = try await MockOAuthServer(["auth_methods": [method], "registered_method": method, "registered_secret": method != "none"])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        let entry = try #require(try await server.log("token").first)
        let form = try #require(entry["form"] as? [String: String])
        let header = entry["authorization"] as? String
        switch method {
        case "client_secret_basic":
            let decoded = try #require(header.flatMap { Data(base64Encoded: String($0.dropFirst("Basic ".count))) })
            #expect(String(decoding: decoded, as: UTF8.self).split(separator: ":").count == 2)
            #expect(form["client_secret"] == nil)
        case "client_secret_post":
            #expect(header == nil)
            #expect(form["client_secret"]?.hasPrefix("secret-") == true)
            #expect(form["client_id"] != nil)
        default:
            #expect(header == nil)
            #expect(form["client_secret"] == nil)
            #expect(form["client_id"] != nil)
        }
        let authorization = try #require(try await server.authorizationQueries().first)
        #expect(authorization["resource"] == server.mcpURL && form["resource"] == server.mcpURL)
    }

    @Test("authorization-server migration: re-registers with the new server and never reuses the old credentials")
    func authorizationServerMigration() async throws {
        let server = try await MockOAuthServer(["as_count": 2, "rs_mode": "migration", "challenge_scope": "mcp:basic"])
        defer { server.stop() }
        let store = InMemoryTokenStore()
        let connection = try await AuthTest.connect(server.mcpURL, store: store)
        #expect(try await connection.client.listTools().tools.count == 1)  // with the first server's token; the resource then moves
        #expect(try await connection.client.listTools().tools.count == 1)  // 401: rediscovered, the second server
        await connection.client.close()

        let registrations = try await server.log("register")
        #expect(registrations.map { $0["index"] as? Int } == [0, 1])
        let firstClientID = try #require(try await server.authorizationQueries().first?["client_id"])
        let atSecond = try await server.log().filter { $0["index"] as? Int == 1 }
        for entry in atSecond {
            if let query = entry["query"] as? [String: String] { #expect(query["client_id"] != firstClientID) }
            if let form = entry["form"] as? [String: String] {
                #expect(form["client_id"] != firstClientID)
                #expect(form["grant_type"] != "refresh_token")
            }
        }
        #expect(try await server.log("token").filter { $0["index"] as? Int == 1 }.count == 1)
        // Both authorizations are kept, each under its own issuer.
        #expect(Set(await store.records(server: server.mcpURL).map(\.issuer)) == Set(server.authorizationServerURLs))
    }

    // MARK: Scopes

    @Test("scope from the WWW-Authenticate challenge")
    func scopeFromChallenge() async throws {
        let server = try await MockOAuthServer(["challenge_scope": "mcp:basic", "prm_scopes": ["other"]])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        await connection.client.close()
        #expect(try await server.authorizationQueries().first?["scope"] == "mcp:basic")
    }

    @Test("scope from the protected resource's scopes_supported when the challenge has none")
    func scopeFromScopesSupported() async throws {
        let server = try await MockOAuthServer(["prm_scopes": ["mcp:basic", "mcp:read", "mcp:write"]])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        await connection.client.close()
        #expect(try await server.authorizationQueries().first?["scope"] == "mcp:basic mcp:read mcp:write")
    }

    @Test("no scope parameter when neither the challenge nor the metadata names scopes")
    func scopeOmitted() async throws {
        let server = try await MockOAuthServer()
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        await connection.client.close()
        let query = try #require(try await server.authorizationQueries().first)
        #expect(query["scope"] == nil)
    }

    @Test("step-up on 403 insufficient_scope requests the union of the previous and the challenged scopes")
    func stepUp() async throws {
        let server = try await MockOAuthServer(["rs_mode": "step_up", "challenge_scope": "mcp:basic", "prm_scopes": ["mcp:profile"]])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        #expect(try await connection.client.listTools().tools.count == 1)
        #expect(try await connection.client.callTool("test-tool").text == "test")
        await connection.client.close()
        let scopes = try await server.authorizationQueries().map { $0["scope"] }
        #expect(scopes == ["mcp:basic", "mcp:basic mcp:write"])
    }

    @Test("a 403 that no authorization can satisfy stops after a bounded number of attempts")
    func scopeRetryLimit() async throws {
        let server = try await MockOAuthServer(["rs_mode": "always_403", "challenge_scope": "mcp:admin", "prm_scopes": ["mcp:admin"]])
        defer { server.stop() }
        // Whichever request first needs the scope fails: a later one, or connecting itself when the
        // client's first request is not exempt.
        let error = await AuthTest.expectAuthorizationFailure {
            let connection = try await AuthTest.connect(server.mcpURL)
            do {
                _ = try await connection.client.listTools()
            } catch {
                await connection.client.close()
                throw error
            }
            await connection.client.close()
        }
        #expect(error?.code == .stepUpLimitReached)
        let attempts = try await server.authorizationQueries().count
        #expect((1...3).contains(attempts))
    }

    @Test("offline_access is requested, and refresh_token registered, when the authorization server lists it")
    func offlineAccess() async throws {
        let server = try await MockOAuthServer(["as_scopes": ["mcp:basic", "offline_access"], "prm_scopes": ["mcp:basic"], "cimd_supported": true])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        await connection.client.close()
        #expect(try await server.authorizationQueries().first?["scope"] == "mcp:basic offline_access")
        let body = try #require(try await server.log("register").first?["body"] as? [String: Any])
        #expect((body["grant_types"] as? [String])?.contains("refresh_token") == true)
    }

    @Test("offline_access is not requested when the authorization server does not list it")
    func offlineAccessNotSupported() async throws {
        let server = try await MockOAuthServer(["as_scopes": ["mcp:basic", "mcp:read"], "prm_scopes": ["mcp:basic", "mcp:read"]])
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        await connection.client.close()
        #expect(try await server.authorizationQueries().first?["scope"] == "mcp:basic mcp:read")
    }

    // MARK: Negative scenarios

    @Test("a protected resource describing another server is refused before any authorization request")
    func resourceMismatch() async throws {
        let server = try await MockOAuthServer(["prm_resource": "https://evil.example.com/mcp"])
        defer { server.stop() }
        let error = await AuthTest.expectAuthorizationFailure { _ = try await AuthTest.connect(server.mcpURL) }
        #expect(error?.code == .resourceMismatch)
        #expect(try await server.authorizationQueries().isEmpty)
        #expect(try await server.log("register").isEmpty)
    }

    @Test("authorization-server metadata whose issuer differs is not used")
    func metadataIssuerMismatch() async throws {
        let server = try await MockOAuthServer(["metadata_issuer": "https://attacker.example.com", "as_prefix": "/mismatched-as", "prm_issuer_prefix": ""])
        defer { server.stop() }
        let error = await AuthTest.expectAuthorizationFailure { _ = try await AuthTest.connect(server.mcpURL) }
        #expect(error?.code == .metadataIssuerMismatch)
        #expect(try await server.log("as-metadata").count >= 1)
        #expect(try await server.log("register").isEmpty)
        #expect(try await server.authorizationQueries().isEmpty)
        #expect(try await server.tokenForms().isEmpty)
    }

    @Test("an authorization server without PKCE S256 is refused")
    func pkceUnsupported() async throws {
        let server = try await MockOAuthServer(["pkce_methods": NSNull()])
        defer { server.stop() }
        let error = await AuthTest.expectAuthorizationFailure { _ = try await AuthTest.connect(server.mcpURL) }
        #expect(error?.code == .pkceUnsupported)
        #expect(try await server.authorizationQueries().isEmpty)
    }

    struct IssuerCase: Sendable, CustomTestStringConvertible {
        let name: String
        let supported: Bool?
        let mode: String
        let accepted: Bool
        var testDescription: String { name }
    }

    static let issuerCases: [IssuerCase] = [
        IssuerCase(name: "iss-supported", supported: true, mode: "correct", accepted: true),
        IssuerCase(name: "iss-not-advertised", supported: nil, mode: "omit", accepted: true),
        IssuerCase(name: "iss-supported-missing", supported: true, mode: "omit", accepted: false),
        IssuerCase(name: "iss-wrong-issuer", supported: true, mode: "wrong", accepted: false),
        IssuerCase(name: "iss-unexpected", supported: nil, mode: "wrong", accepted: false),
        IssuerCase(name: "iss-normalized", supported: true, mode: "normalized", accepted: false),
    ]

    @Test("RFC 9207 iss validation as the 2026-07-28 specification tabulates it", arguments: issuerCases)
    func issuerParameter(issuerCase: IssuerCase) async throws {
        let server = try await MockOAuthServer(["iss_supported": issuerCase.supported.map { $0 as Any } ?? NSNull(), "iss_mode": issuerCase.mode])
        defer { server.stop() }
        if issuerCase.accepted {
            let connection = try await AuthTest.connect(server.mcpURL)
            #expect(try await connection.client.listTools().tools.count == 1)
            await connection.client.close()
            #expect(try await server.tokenForms().count == 1)
        } else {
            let error = await AuthTest.expectAuthorizationFailure { _ = try await AuthTest.connect(server.mcpURL) }
            #expect(error?.code == .issuerParameterMismatch)
            #expect(try await server.authorizationQueries().count == 1)
            #expect(try await server.tokenForms().isEmpty)
        }
    }

    @Test("a failed authorization is not started again at once (a client falling back to another request must not prompt twice)")
    func failureNotRepeated() async throws {
        let server = try await MockOAuthServer(["iss_mode": "wrong"])
        defer { server.stop() }
        let authorizer = try OAuthAuthorizer(serverURL: server.mcpURL, userAgent: HeadlessUserAgent())
        let challenge = HTTPAuthorizationChallenge(
            statusCode: 401, headers: ["WWW-Authenticate": "Bearer"], url: server.mcpURL, requestHeaders: [:], previousRetries: 0
        )
        for _ in 0..<2 {
            do {
                _ = try await authorizer.shouldRetry(after: challenge)
                Issue.record("a wrong iss was accepted")
            } catch let error as AuthorizationError {
                #expect(error.code == .issuerParameterMismatch)
            }
        }
        #expect(try await server.authorizationQueries().count == 1)
        // An explicit login tries again.
        await #expect(throws: AuthorizationError.self) { try await authorizer.login() }
        #expect(try await server.authorizationQueries().count == 2)
    }
}
