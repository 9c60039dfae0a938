/// How severe a log message is: the eight syslog levels (RFC 5424), from ``debug`` to
/// ``emergency``.
///
/// Levels are ordered by severity, so a threshold filters messages:
///
/// ```swift
/// if message.level >= .warning { show(message) }
/// ```
///
/// Open-ended: an unknown level is preserved, and ranks above every known one so that a filter
/// never hides it.
public struct LoggingLevel: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Detailed information for debugging.
    public static let debug: LoggingLevel = "debug"
    /// Routine information.
    public static let info: LoggingLevel = "info"
    /// Normal but significant events.
    public static let notice: LoggingLevel = "notice"
    /// Conditions that may need attention.
    public static let warning: LoggingLevel = "warning"
    /// Errors.
    public static let error: LoggingLevel = "error"
    /// Critical conditions.
    public static let critical: LoggingLevel = "critical"
    /// Action must be taken immediately.
    public static let alert: LoggingLevel = "alert"
    /// The system is unusable.
    public static let emergency: LoggingLevel = "emergency"

    /// The known levels, least severe first.
    public static let allKnown: [LoggingLevel] = [.debug, .info, .notice, .warning, .error, .critical, .alert, .emergency]

    /// The level's rank: 0 for ``debug`` up to 7 for ``emergency``, or `nil` for an unknown level.
    public var severity: Int? { Self.allKnown.firstIndex(of: self) }

    public static func < (lhs: LoggingLevel, rhs: LoggingLevel) -> Bool {
        // Unknown levels rank above the known ones (and among themselves by name), so the order
        // stays total and consistent with equality.
        switch (lhs.severity, rhs.severity) {
        case let (left?, right?): return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs.rawValue < rhs.rawValue
        }
    }
}

extension LoggingLevel: CustomStringConvertible {
    public var description: String { rawValue }
}
