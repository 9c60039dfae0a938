/// What kind of result a 2026-07-28 server returned: the `resultType` member of every result.
/// Open-ended.
public struct ResultType: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The final result of the request.
    public static let complete: ResultType = "complete"
    /// An ``InputRequiredResult``: the server needs input from the client before it can
    /// finish, and the client should retry the request with the answers.
    public static let inputRequired: ResultType = "input_required"

    /// The `resultType` member of a result object, if it has a string one.
    public init?(of result: JSONObject) {
        guard let rawValue = result["resultType"]?.stringValue else { return nil }
        self.init(rawValue: rawValue)
    }
}

extension ResultType: CustomStringConvertible {
    public var description: String { rawValue }
}
