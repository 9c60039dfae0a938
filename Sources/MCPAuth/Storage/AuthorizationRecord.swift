#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Everything remembered about authorizing with one MCP server at one authorization server:
/// the client registration, the tokens, and the metadata needed to refresh them later.
public struct AuthorizationRecord: Codable, Sendable, Hashable {
    /// The MCP server (its canonical URI).
    public var server: String
    /// The authorization server's issuer.
    public var issuer: String
    /// The `resource` the tokens were requested for.
    public var resource: String
    /// The authorization server's metadata, for refreshing without discovery.
    public var authorizationServer: AuthorizationServerMetadata
    /// The client registration at that authorization server.
    public var client: ClientRegistration?
    /// The current tokens.
    public var tokens: TokenSet?
    /// The scopes last requested (step-up adds to them).
    public var requestedScopes: [String]
    /// When this record last changed.
    public var updatedAt: Date

    /// Creates a record.
    public init(
        server: String, issuer: String, resource: String, authorizationServer: AuthorizationServerMetadata, client: ClientRegistration? = nil,
        tokens: TokenSet? = nil, requestedScopes: [String] = [], updatedAt: Date = Date()
    ) {
        self.server = server
        self.issuer = issuer
        self.resource = resource
        self.authorizationServer = authorizationServer
        self.client = client
        self.tokens = tokens
        self.requestedScopes = requestedScopes
        self.updatedAt = updatedAt
    }
}
