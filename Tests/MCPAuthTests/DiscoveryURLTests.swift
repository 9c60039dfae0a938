import Foundation
@testable import MCPAuth
import Testing

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
