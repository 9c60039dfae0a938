/// Why authorizing with an MCP server failed.
public struct AuthorizationError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No protected-resource or authorization-server metadata could be found.
        public static let discoveryFailed = Code("discoveryFailed")
        /// The protected resource's `resource` does not name the server being accessed.
        public static let resourceMismatch = Code("resourceMismatch")
        /// The authorization server's metadata names an issuer other than the one it was fetched for.
        public static let metadataIssuerMismatch = Code("metadataIssuerMismatch")
        /// A URL broke the security rules (HTTPS except loopback, no private addresses, safe schemes).
        public static let insecureURL = Code("insecureURL")
        /// The authorization server does not advertise PKCE with S256.
        public static let pkceUnsupported = Code("pkceUnsupported")
        /// The authorization response's `state` is missing or is not the one sent.
        public static let stateMismatch = Code("stateMismatch")
        /// The authorization response's `iss` is missing (when required) or names another issuer.
        public static let issuerParameterMismatch = Code("issuerParameterMismatch")
        /// The authorization server answered the authorization request with an error.
        public static let authorizationDenied = Code("authorizationDenied")
        /// The token endpoint refused a request.
        public static let tokenRequestFailed = Code("tokenRequestFailed")
        /// Client registration failed, or no way to obtain a client ID was available.
        public static let registrationFailed = Code("registrationFailed")
        /// Authorization needs the user (a browser) and none is available.
        public static let interactionRequired = Code("interactionRequired")
        /// The server still refuses after the allowed number of step-up authorizations.
        public static let stepUpLimitReached = Code("stepUpLimitReached")
        /// An answer could not be understood.
        public static let invalidResponse = Code("invalidResponse")
        /// The server refused an access token that was just issued for it.
        public static let tokenRejected = Code("tokenRejected")
        /// Pre-registered credentials belong to another authorization server than the one in use.
        public static let authorizationServerChanged = Code("authorizationServerChanged")

        public var description: String { name }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A readable account (never containing a token or secret).
    public var message: String
    /// The OAuth `error` code the server sent, if any.
    public var oauthError: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, oauthError: String? = nil) {
        self.code = code
        self.message = message
        self.oauthError = oauthError
    }

    public var description: String { message }
}
