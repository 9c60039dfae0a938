import Foundation
@testable import MCPAuth
import Testing

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
