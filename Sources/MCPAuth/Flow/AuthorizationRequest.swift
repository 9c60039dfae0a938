/// One authorization-code request in flight: what was sent, and what the answer must match.
///
/// The recorded issuer, PKCE verifier and `state` travel together, as RFC 9207 and the
/// specification require.
public struct AuthorizationRequest: Sendable {
    /// The URL the user opens.
    public let url: String
    /// The `state` sent; the response must return it.
    public let state: String
    /// The PKCE pair.
    public let pkce: PKCE
    /// The redirect URI sent (and sent again in the token request).
    public let redirectURI: String
    /// The issuer of the authorization server, from its validated metadata.
    public let issuer: String
    /// Whether that server advertises `iss` in authorization responses.
    public let issuerParameterRequired: Bool
    /// The `resource` parameter sent.
    public let resource: String
    /// The scopes requested.
    public let scopes: [String]

    /// Builds the request for `clientID` against `metadata`, refusing an authorization server
    /// without PKCE S256 or with an unsafe authorization endpoint.
    init(
        metadata: AuthorizationServerMetadata, usesDefaultEndpoints: Bool, clientID: String, redirectURI: String, resource: String, scopes: [String],
        policy: URLSecurityPolicy
    ) throws {
        guard usesDefaultEndpoints || metadata.codeChallengeMethodsSupported?.contains("S256") == true else {
            throw AuthorizationError(
                .pkceUnsupported,
                "refused to authorize: the authorization server \(metadata.issuer) does not advertise PKCE with S256 (code_challenge_methods_supported)"
            )
        }
        guard let endpoint = metadata.authorizationEndpoint else {
            throw AuthorizationError(.discoveryFailed, "the authorization server \(metadata.issuer) has no authorization endpoint")
        }
        let pkce = PKCE()
        let state = Base64URL.randomString(byteCount: 24)
        var fields: [(String, String)] = [
            ("response_type", "code"),
            ("client_id", clientID),
            ("redirect_uri", redirectURI),
            ("code_challenge", pkce.challenge),
            ("code_challenge_method", pkce.method),
            ("state", state),
            ("resource", resource),
        ]
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        let separator = endpoint.contains("?") ? "&" : "?"
        let url = endpoint + separator + FormURLEncoding.encode(fields)
        try policy.checkAuthorizationURL(url)
        self.url = url
        self.state = state
        self.pkce = pkce
        self.redirectURI = redirectURI
        self.issuer = metadata.issuer
        self.issuerParameterRequired = metadata.authorizationResponseIssParameterSupported == true
        self.resource = resource
        self.scopes = scopes
    }

    /// The authorization code of a redirect to `callbackURL`, after checking, in this order:
    /// `iss` (RFC 9207 §2.4, as the 2026-07-28 specification tabulates it, by simple string
    /// comparison), then `state`, then an `error` answer.
    public func code(fromCallback callbackURL: String) throws -> String {
        let query = callbackURL.firstIndex(of: "?").map { String(callbackURL[callbackURL.index(after: $0)...]) } ?? ""
        let fields = FormURLEncoding.decode(query.split(separator: "#", maxSplits: 1).first.map(String.init) ?? "")
        switch fields["iss"] {
        case let received?:
            guard received == issuer else {
                // On mismatch nothing of the response (error, description) may be acted on or shown.
                throw AuthorizationError(.issuerParameterMismatch, "refused the authorization response: it comes from another issuer than \(issuer)")
            }
        case nil:
            guard !issuerParameterRequired else {
                throw AuthorizationError(
                    .issuerParameterMismatch, "refused the authorization response: \(issuer) advertises the iss parameter but the response has none"
                )
            }
        }
        guard fields["state"] == state else {
            throw AuthorizationError(.stateMismatch, "refused the authorization response: its state does not match the request's")
        }
        if let error = fields["error"] {
            let description = fields["error_description"].map { ": \($0)" } ?? ""
            throw AuthorizationError(.authorizationDenied, "the authorization server refused: \(error)\(description)", oauthError: error)
        }
        guard let code = fields["code"], !code.isEmpty else {
            throw AuthorizationError(.invalidResponse, "the authorization response has no code")
        }
        return code
    }
}
