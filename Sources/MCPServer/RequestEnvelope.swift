import MCPCore

/// The 2026-07-28 per-request protocol fields of one request's `_meta`: what a handshake
/// established once per session in earlier versions.
struct RequestEnvelope: Sendable {
    var protocolVersion: ProtocolVersion
    var clientCapabilities: ClientCapabilities
    var clientInfo: Implementation?
    /// The level the request opts in to; `nil`: no `notifications/message` for it at all.
    var logLevel: LoggingLevel?

    /// Whether `params` carries the envelope's marker, the protocol version key. Its
    /// `io.modelcontextprotocol/` prefix is reserved, so handshake-era traffic never has it (a bare
    /// `_meta` proves nothing: legacy requests carry `progressToken` there).
    static func isPresent(in params: JSONObject?) -> Bool {
        params?["_meta"]?.objectValue?.contains(key: MetaKeys.protocolVersion) ?? false
    }

    /// Reads and checks the envelope, in the specification's order: the required fields present
    /// and well-formed (`-32602`), then the version one the server speaks (`-32022`).
    ///
    /// - Parameter supported: The stateless versions the server serves.
    /// - Parameter advertised: What a `-32022` lists as supported (a connection whose era is still
    ///   open may also take a handshake).
    init(params: JSONObject?, supported: [ProtocolVersion], advertised: [ProtocolVersion]) throws(MCPError) {
        guard let meta = params?["_meta"]?.objectValue else {
            throw MCPError.invalidParams("params._meta must carry \(MetaKeys.protocolVersion) and \(MetaKeys.clientCapabilities)")
        }
        let missing = [MetaKeys.protocolVersion, MetaKeys.clientCapabilities].filter { !meta.contains(key: $0) }
        guard missing.isEmpty else {
            throw MCPError.invalidParams("params._meta lacks the required \(missing.joined(separator: " and "))")
        }
        guard let version = meta[MetaKeys.protocolVersion]?.stringValue else {
            throw MCPError.invalidParams("\(MetaKeys.protocolVersion) must be a string")
        }
        let capabilities: ClientCapabilities
        do {
            capabilities = try meta[MetaKeys.clientCapabilities]!.decode(ClientCapabilities.self)
        } catch {
            throw MCPError.invalidParams("\(MetaKeys.clientCapabilities) is not a ClientCapabilities object")
        }
        var info: Implementation?
        if let value = meta[MetaKeys.clientInfo] {
            do {
                info = try value.decode(Implementation.self)
            } catch {
                throw MCPError.invalidParams("\(MetaKeys.clientInfo) is not an Implementation object")
            }
        }
        var level: LoggingLevel?
        if let value = meta[MetaKeys.logLevel] {
            guard let raw = value.stringValue, LoggingLevel(rawValue: raw).severity != nil else {
                throw MCPError.invalidParams("\(MetaKeys.logLevel) is not a logging level")
            }
            level = LoggingLevel(rawValue: raw)
        }
        let requested = ProtocolVersion(rawValue: version)
        guard supported.contains(requested) else {
            throw Self.unsupported(requested, advertised: advertised)
        }
        self.protocolVersion = requested
        self.clientCapabilities = capabilities
        self.clientInfo = info
        self.logLevel = level
    }

    /// The `-32022` error for a version the server does not serve here.
    static func unsupported(_ requested: ProtocolVersion, advertised: [ProtocolVersion]) -> MCPError {
        let data = UnsupportedProtocolVersionErrorData(requested: requested, supported: advertised)
        return MCPError(code: .unsupportedProtocolVersion, message: "Unsupported protocol version", data: try? JSONValue(encoding: data))
    }

    /// Whether a message of `level` may go to the client for this request.
    func allowsLog(_ level: LoggingLevel) -> Bool {
        guard let logLevel else { return false }
        return level >= logLevel
    }
}
