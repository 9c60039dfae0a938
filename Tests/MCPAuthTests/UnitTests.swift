import Foundation
@testable import MCPAuth
import Testing

@Suite("WWW-Authenticate parsing")
struct ChallengeParsingTests {
    @Test("Bearer parameters, quoted and not, among other challenges")
    func bearerAmongOthers() throws {
        let header = #"Basic realm="x", Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", error_description="needs \"write\"""#
        let challenge = try #require(AuthenticationChallenge.bearer(in: [header]))
        #expect(challenge.error == "insufficient_scope")
        #expect(challenge.scopes == ["files:read", "files:write"])
        #expect(challenge.resourceMetadata == "https://mcp.example.com/.well-known/oauth-protected-resource")
        #expect(challenge.parameters["error_description"] == #"needs "write""#)
        #expect(AuthenticationChallenge.parse(header).map(\.scheme) == ["Basic", "Bearer"])
    }

    @Test("a bare Bearer challenge, token values, and a following scheme")
    func bareAndTokens() {
        #expect(AuthenticationChallenge.parse("Bearer") == [AuthenticationChallenge(scheme: "Bearer", parameters: [:])])
        let parsed = AuthenticationChallenge.parse("bearer scope=read, DPoP algs=ES256")
        #expect(parsed.count == 2)
        #expect(AuthenticationChallenge.bearer(in: ["bearer scope=read, DPoP algs=ES256"])?.scopes == ["read"])
        #expect(parsed[1].parameters["algs"] == "ES256")
    }
}

@Suite("URL security rules")
struct URLSecurityPolicyTests {
    let policy = URLSecurityPolicy()

    @Test("authorization URLs: https, or http on loopback only; no javascript:, data:, file: or shell characters",
          arguments: [
            ("https://auth.example.com/authorize?x=1", true),
            ("http://127.0.0.1:9000/authorize", true),
            ("http://localhost/authorize", true),
            ("http://auth.example.com/authorize", false),
            ("javascript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("file:///etc/passwd", false),
            ("vbscript:msgbox", false),
            ("https://auth.example.com/a;rm -rf", false),
            ("https://auth.example.com/a`id`", false),
            ("https://auth.example.com/$(id)", false),
          ])
    func authorizationURLs(url: String, allowed: Bool) {
        #expect(((try? policy.checkAuthorizationURL(url)) != nil) == allowed)
    }

    @Test("fetches: private, link-local and ambiguous numeric addresses are refused (SSRF)",
          arguments: [
            ("https://10.0.0.1/x", false), ("https://172.16.5.4/x", false), ("https://192.168.1.1/x", false),
            ("http://169.254.169.254/latest/meta-data", false), ("https://[fc00::1]/x", false), ("https://[fe80::1]/x", false),
            ("https://[::ffff:10.0.0.1]/x", false), ("https://0x7f000001/x", false), ("https://2130706433/x", false),
            ("https://010.0.0.1/x", false), ("https://93.184.216.34/x", true), ("https://auth.example.com/x", true),
            ("http://[::1]:8080/x", true), ("http://127.0.0.1:1/x", true), ("ftp://auth.example.com/x", false),
          ])
    func fetches(url: String, allowed: Bool) {
        #expect(((try? policy.checkFetchable(url, purpose: "test")) != nil) == allowed)
    }

    @Test("loopback can be refused, and private networks allowed, explicitly")
    func options() {
        let strict = URLSecurityPolicy(allowsLoopbackHTTP: false, allowsLoopback: false)
        #expect((try? strict.checkFetchable("http://127.0.0.1/x", purpose: "test")) == nil)
        let lenient = URLSecurityPolicy(allowsPrivateNetworks: true)
        #expect((try? lenient.checkFetchable("https://10.1.2.3/x", purpose: "test")) != nil)
    }
}

@Suite("Discovery URLs and resource matching")
struct DiscoveryURLTests {
    @Test("protected-resource metadata: the challenge's URL, then path-based, then root")
    func protectedResourceURLs() {
        #expect(AuthorizationDiscovery.protectedResourceMetadataURLs(serverURL: "https://example.com/public/mcp", challengeURL: nil) == [
            "https://example.com/.well-known/oauth-protected-resource/public/mcp", "https://example.com/.well-known/oauth-protected-resource",
        ])
        #expect(AuthorizationDiscovery.protectedResourceMetadataURLs(serverURL: "https://example.com", challengeURL: "https://example.com/m.json") == [
            "https://example.com/m.json", "https://example.com/.well-known/oauth-protected-resource",
        ])
    }

    @Test("authorization-server metadata in the specification's order, with and without a path")
    func authorizationServerURLs() throws {
        #expect(try AuthorizationDiscovery.authorizationServerMetadataURLs(issuer: "https://auth.example.com/tenant1") == [
            "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
            "https://auth.example.com/.well-known/openid-configuration/tenant1",
            "https://auth.example.com/tenant1/.well-known/openid-configuration",
        ])
        #expect(try AuthorizationDiscovery.authorizationServerMetadataURLs(issuer: "https://auth.example.com") == [
            "https://auth.example.com/.well-known/oauth-authorization-server", "https://auth.example.com/.well-known/openid-configuration",
        ])
    }

    @Test("the canonical server URI, and which resources cover a server")
    func resources() {
        #expect(ResourceIdentifier.canonical("HTTPS://MCP.Example.com:443/mcp/#frag") == "https://mcp.example.com/mcp")
        #expect(ResourceIdentifier.canonical("https://mcp.example.com:8443/") == "https://mcp.example.com:8443")
        #expect(ResourceIdentifier.covers("https://mcp.example.com", serverURL: "https://mcp.example.com/mcp"))
        #expect(ResourceIdentifier.covers("https://mcp.example.com/mcp", serverURL: "https://MCP.example.com/mcp"))
        #expect(!ResourceIdentifier.covers("https://evil.example.com/mcp", serverURL: "https://mcp.example.com/mcp"))
        #expect(!ResourceIdentifier.covers("https://mcp.example.com/mc", serverURL: "https://mcp.example.com/mcp"))
        #expect(!ResourceIdentifier.covers("https://mcp.example.com/other", serverURL: "https://mcp.example.com/mcp"))
    }
}

@Suite("Authorization request and response")
struct AuthorizationFlowTests {
    static let metadata = AuthorizationServerMetadata(
        issuer: "https://auth.example.com", authorizationEndpoint: "https://auth.example.com/authorize", tokenEndpoint: "https://auth.example.com/token",
        codeChallengeMethodsSupported: ["S256"], authorizationResponseIssParameterSupported: true
    )

    func request(_ metadata: AuthorizationServerMetadata = metadata) throws -> AuthorizationRequest {
        try AuthorizationRequest(
            metadata: metadata, usesDefaultEndpoints: false, clientID: "client 1", redirectURI: "http://127.0.0.1:5000/callback",
            resource: "https://mcp.example.com/mcp", scopes: ["a", "b"], policy: URLSecurityPolicy()
        )
    }

    @Test("PKCE S256 matches an independently computed challenge")
    func pkce() {
        #expect(PKCE(verifier: "dBjftJeZ4CVP-mJ92ZyoKBUwDdoWfsgp4NUPqeQ2q5t0").challenge == "TyigI9IowhetXbFyUk2v5L2w8eDcxPyUPfh5WqdyC3I")
        let fresh = PKCE()
        #expect(fresh.verifier.count == 43 && fresh.verifier != PKCE().verifier)
    }

    @Test("the authorization URL carries PKCE, state, resource and scope")
    func authorizationURL() throws {
        let request = try request()
        let query = FormURLEncoding.decode(String(request.url.split(separator: "?", maxSplits: 1)[1]))
        #expect(query["response_type"] == "code")
        #expect(query["client_id"] == "client 1")
        #expect(query["code_challenge"] == request.pkce.challenge && query["code_challenge_method"] == "S256")
        #expect(query["state"] == request.state)
        #expect(query["resource"] == "https://mcp.example.com/mcp")
        #expect(query["scope"] == "a b")
        #expect(request.url.hasPrefix("https://auth.example.com/authorize?"))
    }

    @Test("no PKCE in the metadata: refused; a javascript: endpoint: refused")
    func refusals() {
        var noPKCE = Self.metadata
        noPKCE.codeChallengeMethodsSupported = nil
        #expect(throws: AuthorizationError.self) { try request(noPKCE) }
        var plainOnly = Self.metadata
        plainOnly.codeChallengeMethodsSupported = ["plain"]
        #expect(throws: AuthorizationError.self) { try request(plainOnly) }
        var script = Self.metadata
        script.authorizationEndpoint = "javascript:alert(1)//"
        #expect(throws: AuthorizationError.self) { try request(script) }
    }

    @Test("state must come back unchanged; error answers are reported after iss and state pass")
    func stateAndErrors() throws {
        let request = try request()
        let iss = FormURLEncoding.encode(request.issuer)
        #expect(try request.code(fromCallback: "http://127.0.0.1:5000/callback?code=abc&state=\(request.state)&iss=\(iss)") == "abc")
        #expect(throws: AuthorizationError.self) { try request.code(fromCallback: "http://127.0.0.1:5000/callback?code=abc&state=other&iss=\(iss)") }
        #expect(throws: AuthorizationError.self) { try request.code(fromCallback: "http://127.0.0.1:5000/callback?code=abc&iss=\(iss)") }
        do {
            _ = try request.code(fromCallback: "http://127.0.0.1:5000/callback?error=access_denied&state=\(request.state)&iss=\(iss)")
            Issue.record("an error answer was accepted")
        } catch let error as AuthorizationError {
            #expect(error.code == .authorizationDenied && error.oauthError == "access_denied")
        }
        // With a wrong iss, the error is not acted on: the mismatch is what is reported.
        do {
            _ = try request.code(fromCallback: "http://127.0.0.1:5000/callback?error=access_denied&state=\(request.state)&iss=https%3A%2F%2Fevil")
            Issue.record("a foreign iss was accepted")
        } catch let error as AuthorizationError {
            #expect(error.code == .issuerParameterMismatch && error.oauthError == nil)
        }
    }

    @Test("iss is compared without normalization: case, default port, trailing slash, percent-encoding all differ")
    func issWithoutNormalization() throws {
        let request = try request()
        for variant in ["https://auth.example.com/", "HTTPS://auth.example.com", "https://AUTH.example.com", "https://auth.example.com:443", "https://auth.%65xample.com"] {
            let callback = "http://127.0.0.1:5000/callback?code=abc&state=\(request.state)&iss=\(FormURLEncoding.encode(variant))"
            #expect(throws: AuthorizationError.self) { try request.code(fromCallback: callback) }
        }
    }

    @Test("scope selection: challenge, then scopes_supported, then none; step-up unions; offline_access only when listed")
    func scopes() {
        let protected = ProtectedResourceMetadata(resource: "https://mcp.example.com", authorizationServers: ["https://as"], scopesSupported: ["s1", "s2"])
        var server = Self.metadata
        #expect(ScopeSelection.initial(challenge: ["c"], protectedResource: protected, authorizationServer: server, wantsOfflineAccess: true) == ["c"])
        #expect(ScopeSelection.initial(challenge: nil, protectedResource: protected, authorizationServer: server, wantsOfflineAccess: true) == ["s1", "s2"])
        #expect(ScopeSelection.initial(challenge: nil, protectedResource: nil, authorizationServer: server, wantsOfflineAccess: true).isEmpty)
        server.scopesSupported = ["c", "offline_access"]
        #expect(ScopeSelection.initial(challenge: ["c"], protectedResource: nil, authorizationServer: server, wantsOfflineAccess: true) == ["c", "offline_access"])
        #expect(ScopeSelection.initial(challenge: ["c"], protectedResource: nil, authorizationServer: server, wantsOfflineAccess: false) == ["c"])
        #expect(ScopeSelection.stepUp(previous: ["a", "b"], challenge: ["b", "c"], authorizationServer: Self.metadata, wantsOfflineAccess: true) == ["a", "b", "c"])
    }
}

@Suite("Token stores")
struct TokenStoreTests {
    static let metadata = AuthorizationFlowTests.metadata

    func exercise(_ store: any TokenStore) async throws {
        let a = AuthorizationRecord(server: "https://s1", issuer: "https://as1", resource: "https://s1", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "t1"))
        let b = AuthorizationRecord(server: "https://s1", issuer: "https://as2", resource: "https://s1", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "t2"))
        let c = AuthorizationRecord(server: "https://s2", issuer: "https://as1", resource: "https://s2", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "t3"))
        for record in [a, b, c] { try await store.save(record) }
        #expect(try await store.record(server: "https://s1", issuer: "https://as1")?.tokens?.accessToken == "t1")
        #expect(try await store.record(server: "https://s2", issuer: "https://as1")?.tokens?.accessToken == "t3")
        #expect(try await store.records(server: "https://s1").count == 2)
        #expect(try await store.allRecords().count == 3)
        try await store.remove(server: "https://s1", issuer: "https://as2")
        #expect(try await store.records(server: "https://s1").map(\.issuer) == ["https://as1"])
        try await store.remove(server: "https://s1", issuer: nil)
        #expect(try await store.records(server: "https://s1").isEmpty)
        #expect(try await store.allRecords().count == 1)
    }

    @Test("in memory: keyed by server and issuer")
    func inMemory() async throws {
        try await exercise(InMemoryTokenStore())
    }

    @Test("file: keyed by server and issuer, replaced atomically, no temporary files left")
    func file() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FileTokenStore(directory: directory)
        try await exercise(store)
        let record = AuthorizationRecord(server: "https://s2", issuer: "https://as1", resource: "https://s2", authorizationServer: Self.metadata, tokens: TokenSet(accessToken: "new"))
        try await store.save(record)
        #expect(try await store.record(server: "https://s2", issuer: "https://as1")?.tokens?.accessToken == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test("descriptions never show a token or a secret")
    func noSecretsInDescriptions() {
        let tokens = TokenSet(accessToken: "ACCESS-SECRET", refreshToken: "REFRESH-SECRET")
        #expect(!String(describing: tokens).contains("SECRET"))
        #expect(!"\(tokens)".contains("SECRET"))
    }
}
