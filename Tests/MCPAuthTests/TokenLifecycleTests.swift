import Foundation
@testable import MCPAuth
import MCPCore
import Testing

/// Refreshing (before expiry and on 401, with rotation), storage across runs, and the
/// non-interactive failure.
@Suite("Token lifecycle")
struct TokenLifecycleTests {
    @Test("tokens about to expire are refreshed before the request, and rotated refresh tokens are used")
    func refreshBeforeExpiry() async throws {
        let server = try await MockOAuthServer(["expires_in": 30])
        defer { server.stop() }
        // A leeway longer than the lifetime: every request finds the token about to expire.
        let connection = try await AuthTest.connect(server.mcpURL, configuration: OAuthConfiguration(refreshLeeway: .seconds(60)))
        _ = try await connection.client.listTools()
        await connection.client.close()
        let forms = try await server.tokenForms()
        #expect(forms.first?["grant_type"] == "authorization_code")
        let refreshes = forms.dropFirst()
        #expect(refreshes.count >= 2)
        #expect(refreshes.allSatisfy { $0["grant_type"] == "refresh_token" && $0["resource"] == server.mcpURL })
        // Each refresh used the token the previous one returned (the server accepts each refresh token once).
        #expect(Set(refreshes.compactMap { $0["refresh_token"] }).count == refreshes.count)
        #expect(try await server.authorizationQueries().count == 1)
    }

    @Test("a 401 to a token the client still thinks valid is answered by refreshing, not by authorizing again")
    func refreshOn401() async throws {
        let server = try await MockOAuthServer()
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        try await server.revokeAccessTokens()
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        #expect(try await server.tokenForms().map { $0["grant_type"] } == ["authorization_code", "refresh_token"])
        #expect(try await server.authorizationQueries().count == 1)
    }

    @Test("concurrent requests refused together share one refresh (a refresh token is good once)")
    func concurrentRefresh() async throws {
        let server = try await MockOAuthServer()
        defer { server.stop() }
        let connection = try await AuthTest.connect(server.mcpURL)
        try await server.revokeAccessTokens()
        let client = connection.client
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 { group.addTask { try await client.listTools().tools.count } }
            for try await count in group { #expect(count == 1) }
        }
        await client.close()
        #expect(try await server.tokenForms().map { $0["grant_type"] } == ["authorization_code", "refresh_token"])
        #expect(try await server.authorizationQueries().count == 1)
    }

    @Test("a damaged record file is skipped, not fatal to the others")
    func damagedFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-auth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = FileTokenStore(directory: directory)
        let metadata = AuthorizationServerMetadata(issuer: "https://as", authorizationEndpoint: nil, tokenEndpoint: "https://as/token")
        try await store.save(AuthorizationRecord(server: "https://s", issuer: "https://as", resource: "https://s", authorizationServer: metadata))
        try Data("{not json".utf8).write(to: directory.appendingPathComponent("damaged.json"))
        #expect(await store.allRecords().map(\.server) == ["https://s"])
    }

    @Test("tokens stored in a file are reused by a later authorizer; files are 0600 in a 0700 directory")
    func fileStoreReuse() async throws {
        let server = try await MockOAuthServer()
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-auth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await AuthTest.connect(server.mcpURL, store: FileTokenStore(directory: directory))
        await first.client.close()

        let second = try await AuthTest.connect(server.mcpURL, store: FileTokenStore(directory: directory), interactive: false)
        #expect(try await second.client.listTools().tools.count == 1)
        await second.client.close()
        #expect(try await server.authorizationQueries().count == 1)
        #expect(try await server.log("register").count == 1)

        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.count == 1 && names[0].hasSuffix(".json"))
        let fileMode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(names[0]).path)[.posixPermissions] as? Int
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(directoryMode == 0o700)
    }

    @Test("a server refusing the token it just got fails the request (authorizationFailed), without asking the user again")
    func tokenRejected() async throws {
        let server = try await MockOAuthServer(["reject_tokens": true])
        defer { server.stop() }
        do {
            _ = try await AuthTest.connect(server.mcpURL)
            Issue.record("connected to a server that refuses every token")
        } catch {
            #expect(AuthTest.authorizationError(in: error)?.code == .tokenRejected)
            let transport = AuthTest.transportError(in: error)
            #expect(transport?.code == .authorizationFailed)
            #expect(transport?.statusCode == 401)
        }
        #expect(try await server.authorizationQueries().count == 1)
    }

    @Test("without a user agent, a server needing authorization fails at once with interactionRequired")
    func nonInteractive() async throws {
        let server = try await MockOAuthServer()
        defer { server.stop() }
        let error = await AuthTest.expectAuthorizationFailure { _ = try await AuthTest.connect(server.mcpURL, interactive: false) }
        #expect(error?.code == .interactionRequired)
        #expect(try await server.log("register").isEmpty)
    }

    @Test("login authorizes explicitly; logout forgets")
    func loginAndLogout() async throws {
        let server = try await MockOAuthServer(["challenge_scope": "mcp:basic"])
        defer { server.stop() }
        let store = InMemoryTokenStore()
        let authorizer = try OAuthAuthorizer(serverURL: server.mcpURL, store: store, userAgent: HeadlessUserAgent())
        let record = try await authorizer.login()
        #expect(record.issuer == server.issuer)
        #expect(record.requestedScopes == ["mcp:basic"])
        #expect(try await authorizer.accessToken() != nil)
        #expect(await store.records(server: server.mcpURL).count == 1)
        try await authorizer.logout()
        #expect(await store.records(server: server.mcpURL).isEmpty)
        #expect(try await authorizer.accessToken() == nil)
    }
}
