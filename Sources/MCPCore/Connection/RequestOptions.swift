/// How long to wait for a response.
public enum RequestTimeout: Sendable, Hashable {
    /// The session's default.
    case sessionDefault
    /// Wait as long as it takes.
    case never
    /// Give up after this long.
    case after(Duration)
}

/// How one request uses a client's cache of results the server marked reusable (2026-07-28
/// `ttlMs`).
public enum CachePolicy: Sendable, Hashable {
    /// Serve a fresh stored result if there is one; store the new one (the default).
    case use
    /// Always ask the server, and store what it answers.
    case refresh
    /// Ask the server and store nothing.
    case bypass
}

/// Per-request settings: timeout, progress and metadata.
public struct RequestOptions: Sendable {
    /// How long to wait for the response.
    public var timeout: RequestTimeout
    /// Whether each progress notification restarts the timeout (`nil`: the session's default).
    public var resetTimeoutOnProgress: Bool?
    /// A hard limit on the total wait, however much progress arrives (`nil`: the session's default).
    public var maximumTotalTimeout: Duration?
    /// Called for each progress notification about this request. Asking for progress makes the
    /// request carry a progress token (unique among requests in flight).
    ///
    /// Called on the connection's reader: keep it quick (hand work to a task or a stream).
    public var onProgress: (@Sendable (ProgressUpdate) -> Void)?
    /// Members to add to the request's `_meta`.
    public var meta: JSONObject?
    /// Called with the request's JSON-RPC id as soon as it is assigned, before the request is
    /// sent: what `cancel(requestID:)` needs.
    public var onRequestID: (@Sendable (RequestID) -> Void)?
    /// How this request uses the client's cache of reusable results (stateless servers only).
    public var cachePolicy: CachePolicy

    /// Creates request options.
    public init(
        timeout: RequestTimeout = .sessionDefault,
        resetTimeoutOnProgress: Bool? = nil,
        maximumTotalTimeout: Duration? = nil,
        meta: JSONObject? = nil,
        onRequestID: (@Sendable (RequestID) -> Void)? = nil,
        onProgress: (@Sendable (ProgressUpdate) -> Void)? = nil,
        cachePolicy: CachePolicy = .use
    ) {
        self.onRequestID = onRequestID
        self.cachePolicy = cachePolicy
        self.timeout = timeout
        self.resetTimeoutOnProgress = resetTimeoutOnProgress
        self.maximumTotalTimeout = maximumTotalTimeout
        self.meta = meta
        self.onProgress = onProgress
    }

    /// Default options.
    public static var `default`: RequestOptions { RequestOptions() }
}

/// One progress report about a request in flight.
public struct ProgressUpdate: Sendable, Hashable {
    /// Progress so far; increases with each report.
    public var progress: Double
    /// The total, if known.
    public var total: Double?
    /// A description of the current step.
    public var message: String?

    /// Creates a progress report.
    public init(progress: Double, total: Double? = nil, message: String? = nil) {
        self.progress = progress
        self.total = total
        self.message = message
    }

    /// `progress / total`, if the total is known and positive.
    public var fractionCompleted: Double? {
        guard let total, total > 0 else { return nil }
        return progress / total
    }
}
