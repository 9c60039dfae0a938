/// OAuth 2.0 Authorization Server Metadata (RFC 8414) or OpenID Provider metadata: the fields
/// this client uses.
public struct AuthorizationServerMetadata: Codable, Sendable, Hashable {
    /// The issuer identifier; it must equal the one the metadata was fetched for.
    public var issuer: String
    /// Where the user authorizes.
    public var authorizationEndpoint: String?
    /// Where codes, refresh tokens and client credentials are exchanged for tokens.
    public var tokenEndpoint: String
    /// Where clients register dynamically (RFC 7591), if supported.
    public var registrationEndpoint: String?
    /// Scopes the authorization server knows (`offline_access` among them when refresh tokens are offered).
    public var scopesSupported: [String]?
    /// Supported `response_type` values.
    public var responseTypesSupported: [String]?
    /// Supported grant types.
    public var grantTypesSupported: [String]?
    /// Supported token endpoint client authentication methods.
    public var tokenEndpointAuthMethodsSupported: [String]?
    /// Supported JWS algorithms for `private_key_jwt`.
    public var tokenEndpointAuthSigningAlgValuesSupported: [String]?
    /// PKCE methods; absent means PKCE is not supported and the client must not proceed.
    public var codeChallengeMethodsSupported: [String]?
    /// Whether authorization responses carry `iss` (RFC 9207).
    public var authorizationResponseIssParameterSupported: Bool?
    /// Whether client IDs may be URLs of Client ID Metadata Documents.
    public var clientIdMetadataDocumentSupported: Bool?

    /// Creates metadata.
    public init(
        issuer: String,
        authorizationEndpoint: String?,
        tokenEndpoint: String,
        registrationEndpoint: String? = nil,
        scopesSupported: [String]? = nil,
        responseTypesSupported: [String]? = nil,
        grantTypesSupported: [String]? = nil,
        tokenEndpointAuthMethodsSupported: [String]? = nil,
        tokenEndpointAuthSigningAlgValuesSupported: [String]? = nil,
        codeChallengeMethodsSupported: [String]? = nil,
        authorizationResponseIssParameterSupported: Bool? = nil,
        clientIdMetadataDocumentSupported: Bool? = nil
    ) {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.registrationEndpoint = registrationEndpoint
        self.scopesSupported = scopesSupported
        self.responseTypesSupported = responseTypesSupported
        self.grantTypesSupported = grantTypesSupported
        self.tokenEndpointAuthMethodsSupported = tokenEndpointAuthMethodsSupported
        self.tokenEndpointAuthSigningAlgValuesSupported = tokenEndpointAuthSigningAlgValuesSupported
        self.codeChallengeMethodsSupported = codeChallengeMethodsSupported
        self.authorizationResponseIssParameterSupported = authorizationResponseIssParameterSupported
        self.clientIdMetadataDocumentSupported = clientIdMetadataDocumentSupported
    }

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case registrationEndpoint = "registration_endpoint"
        case scopesSupported = "scopes_supported"
        case responseTypesSupported = "response_types_supported"
        case grantTypesSupported = "grant_types_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case tokenEndpointAuthSigningAlgValuesSupported = "token_endpoint_auth_signing_alg_values_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case clientIdMetadataDocumentSupported = "client_id_metadata_document_supported"
    }
}
