/// The user's side of the authorization-code flow: where the authorization server redirects to,
/// and showing the authorization URL (a browser) until that redirect arrives.
public protocol AuthorizationUserAgent: Sendable {
    /// The redirect URI to register and send (a loopback URL for native applications).
    func redirectURI() async throws -> String

    /// Has the user open `url` (already checked against the security rules) and returns the full
    /// URL the authorization server redirected to (`redirectURI?code=…&state=…`).
    func authorize(url: String, redirectURI: String) async throws -> String
}
