/// Who sent or receives a message in a conversation. Open-ended: unknown roles are preserved.
public struct Role: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The user.
    public static let user: Role = "user"
    /// The assistant (the model).
    public static let assistant: Role = "assistant"
}

extension Role: CustomStringConvertible {
    public var description: String { rawValue }
}
