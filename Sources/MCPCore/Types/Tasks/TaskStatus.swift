/// Where a task is in its life (2025-11-25). Open-ended.
public struct TaskStatus: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Running.
    public static let working: TaskStatus = "working"
    /// Waiting for the requester to answer a request the receiver sent (elicitation,
    /// sampling).
    public static let inputRequired: TaskStatus = "input_required"
    /// Finished with a result.
    public static let completed: TaskStatus = "completed"
    /// Finished with an error.
    public static let failed: TaskStatus = "failed"
    /// Cancelled before it finished.
    public static let cancelled: TaskStatus = "cancelled"

    /// Whether the task has finished and its status will not change again.
    public var isTerminal: Bool { self == .completed || self == .failed || self == .cancelled }
}

extension TaskStatus: CustomStringConvertible {
    public var description: String { rawValue }
}
