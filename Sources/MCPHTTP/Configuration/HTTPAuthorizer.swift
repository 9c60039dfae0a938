public import AsyncHTTPClient
public import NIOHTTP1

/// Authorizes the HTTP transports' requests, and reacts when a server refuses one.
///
/// The transports call ``authorize(_:)`` before every request. When a server answers 401 or 403
/// they call ``shouldRetry(after:)``: `true` sends the request again (authorized anew), `false`
/// lets the refusal reach the caller. An error thrown by either fails the request with a
/// ``TransportError`` whose status is the server's and whose underlying error is the one thrown.
public protocol HTTPAuthorizer: Sendable {
    /// Adds credentials (usually `Authorization: Bearer …`) to a request about to be sent.
    func authorize(_ request: inout HTTPClientRequest) async throws

    /// Decides whether a request the server refused with 401 or 403 is worth sending again, after
    /// doing whatever it takes (refreshing a token, asking the user to authorize).
    func shouldRetry(after challenge: HTTPAuthorizationChallenge) async throws -> Bool
}

/// A 401 or 403 answer, as handed to an ``HTTPAuthorizer``.
public struct HTTPAuthorizationChallenge: Sendable {
    /// The status code (401 or 403).
    public var statusCode: Int
    /// The response's headers (`WWW-Authenticate` among them).
    public var headers: HTTPHeaders
    /// The URL of the refused request.
    public var url: String
    /// The headers the refused request carried, so an authorizer can tell whether the credentials
    /// it refused are still the current ones.
    public var requestHeaders: HTTPHeaders
    /// How many times this request was already sent again after a refusal.
    public var previousRetries: Int

    /// Creates a challenge.
    public init(statusCode: Int, headers: HTTPHeaders, url: String, requestHeaders: HTTPHeaders, previousRetries: Int) {
        self.statusCode = statusCode
        self.headers = headers
        self.url = url
        self.requestHeaders = requestHeaders
        self.previousRetries = previousRetries
    }
}
