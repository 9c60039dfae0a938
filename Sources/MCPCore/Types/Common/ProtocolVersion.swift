/// A version of the Model Context Protocol, named by its release date (`2025-11-25`).
///
/// Open-ended, so a version this SDK does not know is still representable (and compares by
/// date like the known ones).
public struct ProtocolVersion: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The first published version.
    public static let v2024_11_05: ProtocolVersion = "2024-11-05"
    /// Adds Streamable HTTP, audio content, tool annotations and completions.
    public static let v2025_03_26: ProtocolVersion = "2025-03-26"
    /// Adds elicitation, structured tool output, titles and resource links.
    public static let v2025_06_18: ProtocolVersion = "2025-06-18"
    /// Adds URL elicitation, icons, tasks and tool use in sampling.
    public static let v2025_11_25: ProtocolVersion = "2025-11-25"
    /// The stateless protocol: `server/discover`, per-request `_meta`, `input_required` results.
    public static let v2026_07_28: ProtocolVersion = "2026-07-28"

    /// Every version this SDK speaks, oldest first.
    public static let supported: [ProtocolVersion] = [.v2024_11_05, .v2025_03_26, .v2025_06_18, .v2025_11_25, .v2026_07_28]
    /// The versions that begin with an `initialize` handshake, oldest first.
    public static let legacyVersions: [ProtocolVersion] = [.v2024_11_05, .v2025_03_26, .v2025_06_18, .v2025_11_25]
    /// The newest version with an `initialize` handshake.
    public static let latestLegacy: ProtocolVersion = .v2025_11_25
    /// The newest version this SDK speaks.
    public static let latest: ProtocolVersion = .v2026_07_28

    /// Whether this version belongs to the stateless era (2026-07-28 and later), which has no
    /// `initialize` handshake and carries protocol metadata in every request's `_meta`.
    public var isModern: Bool { self >= .v2026_07_28 }

    /// Whether this SDK speaks this version.
    public var isSupported: Bool { Self.supported.contains(self) }

    public static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ProtocolVersion: CustomStringConvertible {
    public var description: String { rawValue }
}
