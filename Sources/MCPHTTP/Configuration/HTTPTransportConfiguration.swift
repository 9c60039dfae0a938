public import AsyncHTTPClient
public import Logging
public import NIOHTTP1

/// Settings shared by the HTTP transports.
public struct HTTPTransportConfiguration: Sendable {
    /// Headers added to every request.
    public var headers: HTTPHeaders
    /// A bearer token sent as `Authorization: Bearer …` (never logged).
    public var bearerToken: String?
    /// Called with every request just before it is sent, to add or change anything (the
    /// authorization layer uses it).
    public var prepareRequest: (@Sendable (inout HTTPClientRequest) async throws -> Void)?
    /// Authorizes every request and handles 401/403 answers (OAuth: see the MCPAuth module).
    public var authorizer: (any HTTPAuthorizer)?
    /// How long to wait for a connection to be established.
    public var connectTimeout: Duration
    /// How long a response may stay silent before the request fails; `nil` for no limit
    /// (long-lived event streams are often quiet). The session's request timeouts still apply.
    public var readTimeout: Duration?
    /// How broken event streams are resumed.
    public var reconnection: ReconnectionPolicy
    /// Whether an expired session (HTTP 404 on a request that carries `Mcp-Session-Id`) is
    /// replaced transparently by re-running the handshake and retrying the request once.
    public var reinitializesExpiredSessions: Bool
    /// The proxy: from `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (the default), none, or a given one.
    public var proxy: ProxySetting
    /// Whether TLS certificates are verified. On by default; turning it off is for tests only.
    public var verifiesCertificates: Bool
    /// The largest message accepted in one response body or event, in bytes.
    public var maximumMessageSize: Int
    /// How long the handshake's last step waits for the server to answer the GET that opens its
    /// event stream (handshake protocol versions), so that later requests find it open. A server
    /// slower than this gets the stream anyway, just not ahead of those requests.
    public var getStreamOpeningTimeout: Duration = .seconds(2)
    /// An `HTTPClient` to use instead of one the transport creates (and shuts down) itself.
    public var httpClient: HTTPClient?
    /// Where the transports report what they noticed and worked around (a tool excluded for an
    /// invalid `x-mcp-header`, say). Silent unless you pass a logger.
    public var logger: Logger = Logger(label: "mcp.http", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates a configuration.
    public init(
        headers: HTTPHeaders = [:],
        bearerToken: String? = nil,
        prepareRequest: (@Sendable (inout HTTPClientRequest) async throws -> Void)? = nil,
        connectTimeout: Duration = .seconds(30),
        readTimeout: Duration? = nil,
        reconnection: ReconnectionPolicy = .init(),
        reinitializesExpiredSessions: Bool = true,
        proxy: ProxySetting = .environment,
        verifiesCertificates: Bool = true,
        maximumMessageSize: Int = 256 << 20,
        httpClient: HTTPClient? = nil,
        authorizer: (any HTTPAuthorizer)? = nil
    ) {
        self.headers = headers
        self.bearerToken = bearerToken
        self.prepareRequest = prepareRequest
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.reconnection = reconnection
        self.reinitializesExpiredSessions = reinitializesExpiredSessions
        self.proxy = proxy
        self.verifiesCertificates = verifiesCertificates
        self.maximumMessageSize = maximumMessageSize
        self.httpClient = httpClient
        self.authorizer = authorizer
    }
}

/// Which proxy the HTTP transports use.
public enum ProxySetting: Sendable {
    /// `HTTPS_PROXY` / `HTTP_PROXY` (either case) from the environment, bypassed for hosts listed
    /// in `NO_PROXY`.
    case environment
    /// No proxy.
    case none
    /// This proxy, for every host.
    case server(host: String, port: Int)
}

/// How a transport resumes a broken event stream: after the server's `retry` delay if it gave
/// one, else after ``initialDelay``, growing by ``multiplier`` for each consecutive failure up to
/// ``maximumDelay``, with ± ``jitter`` randomness so that many clients do not reconnect in step.
public struct ReconnectionPolicy: Sendable, Hashable {
    /// The first delay when the server gave none.
    public var initialDelay: Duration
    /// The longest delay.
    public var maximumDelay: Duration
    /// The growth factor between consecutive failed attempts.
    public var multiplier: Double
    /// The relative randomness applied to each delay (0.2 is ±20 %).
    public var jitter: Double
    /// How many consecutive failed attempts end the stream (the requests it carried fail).
    public var maximumAttempts: Int

    /// Creates a policy.
    public init(
        initialDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(30),
        multiplier: Double = 2,
        jitter: Double = 0.2,
        maximumAttempts: Int = 8
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
        self.jitter = jitter
        self.maximumAttempts = maximumAttempts
    }

    /// The delay before attempt `attempt` (0 for the first reconnection after a stream ended),
    /// honouring the server's `retry` for the first attempt.
    public func delay(attempt: Int, serverRetryMilliseconds: Int?) -> Duration {
        let base: Duration
        if attempt == 0, let serverRetryMilliseconds {
            base = .milliseconds(serverRetryMilliseconds)
        } else {
            var value = Double(initialDelay.components.seconds) + Double(initialDelay.components.attoseconds) / 1e18
            let retrySeconds = serverRetryMilliseconds.map { Double($0) / 1000 } ?? 0
            value = max(value, retrySeconds)
            for _ in 0..<attempt { value *= multiplier }
            let maximum = Double(maximumDelay.components.seconds) + Double(maximumDelay.components.attoseconds) / 1e18
            base = .seconds(min(value, maximum))
        }
        guard jitter > 0 else { return base }
        // The server's `retry` is a minimum: jitter only lengthens the first wait.
        let serverGaveDelay = attempt == 0 && serverRetryMilliseconds != nil
        let factor = 1 + Double.random(in: (serverGaveDelay ? 0 : -jitter)...jitter)
        return base * factor
    }
}
