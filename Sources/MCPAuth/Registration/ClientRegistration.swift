/// A client identity at one authorization server: the client ID, how the client authenticates
/// at the token endpoint, and (for persisted registrations) the issuer it belongs to.
public struct ClientRegistration: Codable, Sendable, Hashable {
    /// How the registration was obtained.
    public enum Source: String, Codable, Sendable, Hashable {
        /// Given by the application or the user beforehand.
        case preRegistered
        /// A Client ID Metadata Document URL.
        case metadataDocument
        /// Dynamic Client Registration (RFC 7591).
        case dynamic
        /// Entered by the user when nothing else was available.
        case userProvided
    }

    /// The client ID.
    public var clientID: String
    /// The client secret, for confidential clients (never logged).
    public var clientSecret: String?
    /// `none`, `client_secret_basic`, `client_secret_post` or `private_key_jwt`.
    public var tokenEndpointAuthMethod: String
    /// The issuer of the authorization server that issued or accepts this client ID.
    public var issuer: String
    /// The redirect URIs registered (dynamic registrations are reused only for the same one).
    public var redirectURIs: [String]
    /// How it was obtained.
    public var source: Source

    /// Creates a registration.
    public init(clientID: String, clientSecret: String? = nil, tokenEndpointAuthMethod: String, issuer: String, redirectURIs: [String] = [], source: Source) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.issuer = issuer
        self.redirectURIs = redirectURIs
        self.source = source
    }
}

/// Credentials registered with an authorization server beforehand.
public struct PreRegisteredClient: Sendable {
    /// The issuer these credentials belong to; `nil` for whichever authorization server the MCP
    /// server names (convenient when configuring a single server).
    public var issuer: String?
    /// The client ID.
    public var clientID: String
    /// The client secret, if any.
    public var clientSecret: String?
    /// The key for `private_key_jwt`, if any.
    public var signingKey: ClientAssertionKey?
    /// The authentication method; chosen from the server's list and what is given when `nil`.
    public var tokenEndpointAuthMethod: String?

    /// Creates pre-registered credentials.
    public init(issuer: String? = nil, clientID: String, clientSecret: String? = nil, signingKey: ClientAssertionKey? = nil, tokenEndpointAuthMethod: String? = nil) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.signingKey = signingKey
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
    }
}

extension ClientRegistration: CustomStringConvertible {
    /// A description without the secret.
    public var description: String {
        "ClientRegistration(clientID: \(clientID), secret: \(clientSecret == nil ? "none" : "hidden"), method: \(tokenEndpointAuthMethod), issuer: \(issuer), source: \(source.rawValue))"
    }
}

extension PreRegisteredClient: CustomStringConvertible {
    /// A description without the secret or the key.
    public var description: String {
        "PreRegisteredClient(clientID: \(clientID), issuer: \(issuer ?? "any"), secret: \(clientSecret == nil ? "none" : "hidden"), key: \(signingKey?.algorithm ?? "none"))"
    }
}
