/// Keys of `_meta` members that the protocol itself defines.
public enum MetaKeys {
    /// `progressToken`: ask the receiver for progress notifications tagged with this token.
    public static let progressToken = "progressToken"
    /// The protocol version of a 2026-07-28 request.
    public static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    /// The client's capabilities for a 2026-07-28 request.
    public static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    /// The client's implementation info for a 2026-07-28 request.
    public static let clientInfo = "io.modelcontextprotocol/clientInfo"
    /// The log level a 2026-07-28 request opts in to.
    public static let logLevel = "io.modelcontextprotocol/logLevel"
    /// The server's implementation info on a 2026-07-28 result.
    public static let serverInfo = "io.modelcontextprotocol/serverInfo"
    /// The subscription a 2026-07-28 notification belongs to.
    public static let subscriptionID = "io.modelcontextprotocol/subscriptionId"
    /// The task a 2025-11-25 message relates to.
    public static let relatedTask = "io.modelcontextprotocol/related-task"
}
