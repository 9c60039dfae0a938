/// JSON text that could not be parsed.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The byte offset in the input at which parsing failed.
    public var offset: Int
    /// What was wrong, in a few words.
    public var reason: String

    /// Creates a parse error at `offset`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
