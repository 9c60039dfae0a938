import Foundation
@testable import MCPAuth
import MCPClient
import Testing

/// End to end through the HTTP transport against the PyPI `mcp` 2.3.0 SDK's authorization
/// server (not ours): 401 → discovery → dynamic registration → authorization (the test plays
/// the browser) → token → retry, then refresh with rotation, and stored tokens reused.
@Suite("Against the Python SDK's OAuth authorization server", .serialized)
struct ThirdPartyAuthorizationServerTests {
    @Test("a 401 leads to discovery, registration, authorization and one retry; the tool call then works")
    func authorizationCodeFlow() async throws {
        let server = try await PythonOAuthServer()
        defer { server.stop() }
        let store = InMemoryTokenStore()
        let connection = try await AuthTest.connect(server.mcpURL, store: store)
        #expect(connection.client.serverInfo?.name == "python-oauth-test-server")
        #expect(try await connection.client.callTool("whoami").text == "authorized")
        await connection.client.close()

        #expect(connection.userAgent.openedURLs.count == 1)
        let record = try #require(await store.records(server: server.mcpURL).first)
        #expect(record.issuer == server.baseURL)
        #expect(record.resource == server.mcpURL)
        #expect(record.requestedScopes == ["mcp:read"])
        #expect(record.client?.source == .dynamic)
        // The SDK's server lists only secret-based methods: registration gave a secret, sent with Basic.
        #expect(record.client?.tokenEndpointAuthMethod == "client_secret_basic")
        #expect(record.tokens?.refreshToken != nil)
    }

    @Test("expired access tokens are refreshed (the server rotates refresh tokens) without another authorization")
    func refreshAgainstRealServer() async throws {
        let server = try await PythonOAuthServer(tokenSeconds: 2)
        defer { server.stop() }
        let store = InMemoryTokenStore()
        let connection = try await AuthTest.connect(server.mcpURL, configuration: OAuthConfiguration(refreshLeeway: .seconds(1)), store: store)
        let firstRefreshToken = await store.records(server: server.mcpURL).first?.tokens?.refreshToken
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await connection.client.callTool("whoami").text == "authorized")
        try await Task.sleep(for: .milliseconds(2500))
        #expect(try await connection.client.callTool("whoami").text == "authorized")
        await connection.client.close()
        let lastRefreshToken = await store.records(server: server.mcpURL).first?.tokens?.refreshToken
        #expect(firstRefreshToken != nil && lastRefreshToken != nil && firstRefreshToken != lastRefreshToken)
        #expect(connection.userAgent.openedURLs.count == 1)
    }

    @Test("a later client with the same token store needs no authorization")
    func storedTokensReused() async throws {
        let server = try await PythonOAuthServer()
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-auth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await AuthTest.connect(server.mcpURL, store: FileTokenStore(directory: directory))
        await first.client.close()
        let second = try await AuthTest.connect(server.mcpURL, store: FileTokenStore(directory: directory), interactive: false)
        #expect(try await second.client.callTool("whoami").text == "authorized")
        await second.client.close()
    }
}
