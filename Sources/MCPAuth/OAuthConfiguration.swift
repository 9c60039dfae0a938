/// How an ``OAuthAuthorizer`` obtains authorization.
public struct OAuthConfiguration: Sendable {
    /// The OAuth grant used.
    public enum Grant: Sendable, Hashable {
        /// Authorization code with PKCE: a user authorizes in a browser.
        case authorizationCode
        /// Client credentials: the client acts on its own behalf (needs pre-registered credentials).
        case clientCredentials
    }

    /// The grant.
    public var grant: Grant
    /// The `client_name` sent in dynamic registration.
    public var clientName: String
    /// The HTTPS URL of this client's Client ID Metadata Document, used as the client ID where
    /// the authorization server supports it.
    public var clientMetadataDocumentURL: String?
    /// Credentials registered beforehand, tried first; each bound to its issuer.
    public var preRegisteredClients: [PreRegisteredClient]
    /// Scopes to request instead of the ones the specification's selection picks.
    public var scopes: [String]?
    /// Whether `offline_access` is requested (when the authorization server lists it) to get refresh tokens.
    public var requestsOfflineAccess: Bool
    /// How many step-up authorizations one request may trigger after 403 `insufficient_scope`.
    public var maximumStepUpAttempts: Int
    /// How long before expiry an access token is refreshed.
    public var refreshLeeway: Duration
    /// `application_type` sent in dynamic registration (`native` for loopback redirects).
    public var applicationType: String
    /// The URL rules (HTTPS, SSRF limits) for every URL fetched or opened.
    public var urlPolicy: URLSecurityPolicy
    /// Asks the user for a client ID when no other way to get one exists (`nil`: fail instead).
    public var askForClient: (@Sendable (_ issuer: String) async throws -> PreRegisteredClient?)?

    /// Creates a configuration.
    public init(
        grant: Grant = .authorizationCode,
        clientName: String = "mcp",
        clientMetadataDocumentURL: String? = nil,
        preRegisteredClients: [PreRegisteredClient] = [],
        scopes: [String]? = nil,
        requestsOfflineAccess: Bool = true,
        maximumStepUpAttempts: Int = 2,
        refreshLeeway: Duration = .seconds(60),
        applicationType: String = "native",
        urlPolicy: URLSecurityPolicy = URLSecurityPolicy(),
        askForClient: (@Sendable (_ issuer: String) async throws -> PreRegisteredClient?)? = nil
    ) {
        self.grant = grant
        self.clientName = clientName
        self.clientMetadataDocumentURL = clientMetadataDocumentURL
        self.preRegisteredClients = preRegisteredClients
        self.scopes = scopes
        self.requestsOfflineAccess = requestsOfflineAccess
        self.maximumStepUpAttempts = maximumStepUpAttempts
        self.refreshLeeway = refreshLeeway
        self.applicationType = applicationType
        self.urlPolicy = urlPolicy
        self.askForClient = askForClient
    }
}
