public import MCPCore

extension ClientSession {
    /// How a session behaves: who it says it is, and its timeouts.
    public struct Configuration: Sendable {
        /// The client's name and version, sent to the server.
        public var clientInfo: Implementation
        /// Capabilities to declare beyond those the handlers justify (experimental features,
        /// extensions). Handler-backed capabilities are filled in from ``ClientHandlers``.
        public var capabilities: ClientCapabilities
        /// The protocol version offered in `initialize`. Defaults to the newest version with a
        /// handshake.
        public var protocolVersion: ProtocolVersion
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

        /// Creates a configuration.
        public init(
            clientInfo: Implementation = Implementation(name: "swift-mcp-client", version: MCPClientVersion.current),
            capabilities: ClientCapabilities = .init(),
            protocolVersion: ProtocolVersion = .latestLegacy,
            requestTimeout: Duration? = .seconds(60),
            resetTimeoutOnProgress: Bool = true,
            maximumTotalTimeout: Duration? = nil,
            maximumInputRounds: Int = 10
        ) {
            self.clientInfo = clientInfo
            self.capabilities = capabilities
            self.protocolVersion = protocolVersion
            self.requestTimeout = requestTimeout
            self.resetTimeoutOnProgress = resetTimeoutOnProgress
            self.maximumTotalTimeout = maximumTotalTimeout
            self.maximumInputRounds = maximumInputRounds
        }
    }
}

/// The version of this SDK.
public enum MCPClientVersion {
    /// The SDK's version string, sent as the default client version.
    public static let current = "0.1.0"
}
