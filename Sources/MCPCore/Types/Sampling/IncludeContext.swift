/// Which MCP servers' context a client should add to a sampling prompt. Open-ended.
///
/// Values other than ``none`` are soft-deprecated from 2025-11-25 and need the client's
/// `sampling.context` capability.
public struct IncludeContext: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// No context. Write `IncludeContext.none` where an optional is expected, so it is not
    /// read as `nil`.
    public static let none: IncludeContext = "none"
    /// Context from the requesting server only.
    public static let thisServer: IncludeContext = "thisServer"
    /// Context from every server the client is connected to.
    public static let allServers: IncludeContext = "allServers"
}

extension IncludeContext: CustomStringConvertible {
    public var description: String { rawValue }
}
