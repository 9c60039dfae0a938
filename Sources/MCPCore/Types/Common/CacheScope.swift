/// Who may reuse a cached 2026-07-28 result, like HTTP's `Cache-Control: public/private`.
/// Open-ended: unknown values are preserved.
public struct CacheScope: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// No user-specific data: any client or intermediary may cache and share it.
    public static let `public`: CacheScope = "public"
    /// Reusable only within the same authorization context.
    public static let `private`: CacheScope = "private"
}
