/// Why a model stopped generating. Open-ended: providers report other reasons too.
public struct StopReason: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The model finished its turn.
    public static let endTurn: StopReason = "endTurn"
    /// The model produced one of the stop sequences.
    public static let stopSequence: StopReason = "stopSequence"
    /// The token limit was reached.
    public static let maxTokens: StopReason = "maxTokens"
    /// The model wants to call tools (2025-11-25).
    public static let toolUse: StopReason = "toolUse"
}

extension StopReason: CustomStringConvertible {
    public var description: String { rawValue }
}
