/// A task: a request the receiver runs in the background, whose result the requester fetches
/// later with `tasks/result` (2025-11-25).
///
/// Named `MCPTask` so it does not hide Swift's `Task`.
public struct MCPTask: Hashable, Sendable {
    /// The task's identifier.
    public var taskID: String
    /// Where the task is in its life.
    public var status: TaskStatus
    /// What is happening, for people.
    public var statusMessage: String?
    /// When the task was created, as an ISO 8601 string.
    public var createdAt: String
    /// When the task last changed, as an ISO 8601 string.
    public var lastUpdatedAt: String
    /// How long, in milliseconds from creation, the receiver keeps the task; `nil` for unlimited.
    /// Always sent, as `null` when unlimited.
    public var ttl: Int?
    /// How often, in milliseconds, the requester should poll `tasks/get`.
    public var pollInterval: Int?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a task.
    public init(
        taskID: String,
        status: TaskStatus,
        statusMessage: String? = nil,
        createdAt: String,
        lastUpdatedAt: String,
        ttl: Int? = nil,
        pollInterval: Int? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.taskID = taskID
        self.status = status
        self.statusMessage = statusMessage
        self.createdAt = createdAt
        self.lastUpdatedAt = lastUpdatedAt
        self.ttl = ttl
        self.pollInterval = pollInterval
        self.additionalFields = additionalFields
    }
}

extension MCPTask: Codable {
    enum CodingKeys: String, CodingKey {
        case status, statusMessage, createdAt, lastUpdatedAt, ttl, pollInterval
        case taskID = "taskId"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        status = try container.decode(TaskStatus.self, forKey: .status)
        statusMessage = try container.decodeIfPresent(String.self, forKey: .statusMessage)
        createdAt = try container.decode(String.self, forKey: .createdAt)
        lastUpdatedAt = try container.decode(String.self, forKey: .lastUpdatedAt)
        ttl = try container.decodeIfPresent(Int.self, forKey: .ttl)
        pollInterval = try container.decodeIfPresent(Int.self, forKey: .pollInterval)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(statusMessage, forKey: .statusMessage)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastUpdatedAt, forKey: .lastUpdatedAt)
        if let ttl {
            try container.encode(ttl, forKey: .ttl)
        } else {
            try container.encodeNil(forKey: .ttl)
        }
        try container.encodeIfPresent(pollInterval, forKey: .pollInterval)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The members of a result or notification that carries a task's members at its top level,
/// beside `_meta`.
enum FlattenedTaskCodingKeys: String, CodingKey {
    case status, statusMessage, createdAt, lastUpdatedAt, ttl, pollInterval
    case taskID = "taskId"
    case meta = "_meta"
}
