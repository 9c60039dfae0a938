public import MCPCore

extension ClientSession {
    /// How a session behaves: who it says it is, and its timeouts.
    public struct Configuration: Sendable {
        /// The client's name and version, sent to the server.
        public var clientInfo: Implementation
        /// Capabilities to declare beyond those the handlers justify (experimental features,
        /// extensions). Handler-backed capabilities are filled in from ``ClientHandlers``.
        public var capabilities: ClientCapabilities
        /// How the protocol version is settled when a ``Client`` connects: detected
        /// (``ProtocolMode/automatic``, the default), the handshake era only, or one version.
        public var protocolMode: ProtocolMode
        /// The protocol version offered in `initialize`. Defaults to the newest version with a
        /// handshake.
        public var protocolVersion: ProtocolVersion
        /// How long the automatic mode waits for the answer to its `server/discover` probe before
        /// taking the server for a handshake-era one (some such servers stay silent).
        public var discoveryTimeout: Duration
        /// Where servers' eras are remembered (``EraCache/shared`` by default; `nil` to probe
        /// every time).
        public var eraCache: EraCache?
        /// How long a request waits for its response unless it says otherwise; `nil` for no limit.
        /// Defaults to 60 seconds.
        public var requestTimeout: Duration?
        /// Whether progress from the server restarts a request's timeout. Defaults to `true`.
        public var resetTimeoutOnProgress: Bool
        /// A limit on a request's total wait however much progress arrives; `nil` for none.
        public var maximumTotalTimeout: Duration?
        /// The most `input_required` rounds one request may take before it fails
        /// (2026-07-28). Defaults to 10.
        public var maximumInputRounds: Int
        /// Whether `input_required` results (2026-07-28) are fulfilled with the handlers and the
        /// request retried automatically (the default). When `false`, requests throw
        /// ``InputRequiredError`` instead, and the caller answers with
        /// ``ClientSession/retry(_:inputResponses:options:)``.
        public var fulfilsInputRequests: Bool
        /// Where results a stateless server marks reusable (`ttlMs`) are kept; `nil` to keep
        /// none. Share one between clients to share what they learnt.
        public var responseCache: ResponseCache?
        /// Identifies who the requests act for (a user, a token), so `private` cached results
        /// are only served back to the same context. `nil` is one context of its own.
        public var authorizationContext: String?
        /// Whether ``Client`` checks each tool result's `structuredContent` against the tool's
        /// `outputSchema` (learnt from `tools/list`, listed on first use) and throws
        /// ``ToolSchemaViolation`` when it does not match. On by default, as the specification
        /// recommends.
        public var validatesToolOutput: Bool
        /// Whether ``Client`` checks tool arguments against the tool's `inputSchema` before
        /// sending, throwing ``ToolSchemaViolation`` instead of calling. Off by default: the
        /// server validates its own inputs.
        public var validatesToolArguments: Bool
        /// How tasks are asked for and followed.
        public var tasks: TaskOptions

        /// Creates a configuration.
        public init(
            clientInfo: Implementation = Implementation(name: "swift-mcp-client", version: MCPClientVersion.current),
            capabilities: ClientCapabilities = .init(),
            protocolMode: ProtocolMode = .automatic,
            protocolVersion: ProtocolVersion = .latestLegacy,
            discoveryTimeout: Duration = .seconds(5),
            eraCache: EraCache? = .shared,
            requestTimeout: Duration? = .seconds(60),
            resetTimeoutOnProgress: Bool = true,
            maximumTotalTimeout: Duration? = nil,
            maximumInputRounds: Int = 10,
            fulfilsInputRequests: Bool = true,
            responseCache: ResponseCache? = ResponseCache(),
            authorizationContext: String? = nil,
            validatesToolOutput: Bool = true,
            validatesToolArguments: Bool = false,
            tasks: TaskOptions = .init()
        ) {
            self.clientInfo = clientInfo
            self.capabilities = capabilities
            self.protocolMode = protocolMode
            self.protocolVersion = protocolVersion
            self.discoveryTimeout = discoveryTimeout
            self.eraCache = eraCache
            self.requestTimeout = requestTimeout
            self.resetTimeoutOnProgress = resetTimeoutOnProgress
            self.maximumTotalTimeout = maximumTotalTimeout
            self.maximumInputRounds = maximumInputRounds
            self.fulfilsInputRequests = fulfilsInputRequests
            self.responseCache = responseCache
            self.authorizationContext = authorizationContext
            self.validatesToolOutput = validatesToolOutput
            self.validatesToolArguments = validatesToolArguments
            self.tasks = tasks
        }
    }
}

/// The version of this SDK.
public enum MCPClientVersion {
    /// The SDK's version string, sent as the default client version.
    public static let current = "0.1.0"
}
