/// OAuth 2.0 Protected Resource Metadata (RFC 9728): what the MCP server says about itself.
public struct ProtectedResourceMetadata: Codable, Sendable, Hashable {
    /// The resource identifier; it must name the server being accessed.
    public var resource: String
    /// The issuers of the authorization servers that grant access.
    public var authorizationServers: [String]?
    /// The scopes needed for basic use.
    public var scopesSupported: [String]?
    /// How bearer tokens may be sent.
    public var bearerMethodsSupported: [String]?

    /// Creates metadata.
    public init(resource: String, authorizationServers: [String]?, scopesSupported: [String]? = nil, bearerMethodsSupported: [String]? = nil) {
        self.resource = resource
        self.authorizationServers = authorizationServers
        self.scopesSupported = scopesSupported
        self.bearerMethodsSupported = bearerMethodsSupported
    }

    enum CodingKeys: String, CodingKey {
        case resource
        case authorizationServers = "authorization_servers"
        case scopesSupported = "scopes_supported"
        case bearerMethodsSupported = "bearer_methods_supported"
    }
}
