/// A task: a request the server runs in the background, whose progress and result the client
/// follows by polling.
///
/// One type serves both task protocols:
/// - the experimental tasks of 2025-11-25, where a client asks for a task (`task` in the
///   request's parameters) and fetches the result with `tasks/result`;
/// - the `io.modelcontextprotocol/tasks` extension of the stateless protocol (2026-07-28), where
///   the server decides, answers with `resultType: "task"`, and `tasks/get` carries the result,
///   the error or the server's questions inline (``result``, ``error``, ``inputRequests``).
///
/// The two spell the time members differently (`ttl`/`pollInterval` against
/// `ttlMs`/`pollIntervalMs`); ``wireStyle`` remembers which one a decoded task used, so it
/// re-encodes the same way.
///
/// Named `MCPTask` so it does not hide Swift's `Task`.
public struct MCPTask: Hashable, Sendable {
    /// How a task's members are spelt on the wire.
    public enum WireStyle: Hashable, Sendable {
        /// The experimental tasks of 2025-11-25: `ttl` and `pollInterval`.
        case experimental
        /// The `io.modelcontextprotocol/tasks` extension: `ttlMs` and `pollIntervalMs`.
        case tasksExtension
    }

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
    /// How long, in milliseconds from creation, the server keeps the task; `nil` for unlimited.
    /// Always sent, as `null` when unlimited.
    public var ttl: Int?
    /// How often, in milliseconds, the server would like to be polled.
    public var pollInterval: Int?
    /// The request's result, once the task ``TaskStatus/completed`` (tasks extension: inline in
    /// `tasks/get` and task notifications).
    public var result: JSONObject?
    /// The JSON-RPC error the request failed with, once the task ``TaskStatus/failed`` (tasks
    /// extension).
    public var error: MCPError?
    /// The server's outstanding questions while the task is ``TaskStatus/inputRequired`` (tasks
    /// extension), keyed by the names their answers must reuse in `tasks/update`.
    public var inputRequests: InputRequests?
    /// How the members are spelt on the wire.
    public var wireStyle: WireStyle
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
        result: JSONObject? = nil,
        error: MCPError? = nil,
        inputRequests: InputRequests? = nil,
        wireStyle: WireStyle = .experimental,
        additionalFields: JSONObject = [:]
    ) {
        self.taskID = taskID
        self.status = status
        self.statusMessage = statusMessage
        self.createdAt = createdAt
        self.lastUpdatedAt = lastUpdatedAt
        self.ttl = ttl
        self.pollInterval = pollInterval
        self.result = result
        self.error = error
        self.inputRequests = inputRequests
        self.wireStyle = wireStyle
        self.additionalFields = additionalFields
    }

    /// The task as a notification or a 2026-07-28 `tasks/get` answer would carry it minus the
    /// inline outcome: what a `CreateTaskResult` may hold.
    public var withoutOutcome: MCPTask {
        var task = self
        task.result = nil
        task.error = nil
        task.inputRequests = nil
        return task
    }
}

extension MCPTask: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case status, statusMessage, createdAt, lastUpdatedAt, ttl, pollInterval, ttlMs, pollIntervalMs
        case result, error, inputRequests
        case taskID = "taskId"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        status = try container.decode(TaskStatus.self, forKey: .status)
        statusMessage = try container.decodeIfPresent(String.self, forKey: .statusMessage)
        createdAt = try container.decode(String.self, forKey: .createdAt)
        lastUpdatedAt = try container.decode(String.self, forKey: .lastUpdatedAt)
        // Either spelling is read; the extension's wins if a server sends both.
        if container.contains(.ttlMs) || container.contains(.pollIntervalMs) {
            wireStyle = .tasksExtension
            ttl = try container.decodeIfPresent(Int.self, forKey: .ttlMs)
            pollInterval = try container.decodeIfPresent(Int.self, forKey: .pollIntervalMs)
        } else {
            wireStyle = .experimental
            ttl = try container.decodeIfPresent(Int.self, forKey: .ttl)
            pollInterval = try container.decodeIfPresent(Int.self, forKey: .pollInterval)
        }
        result = try container.decodeIfPresent(JSONObject.self, forKey: .result)
        error = try container.decodeIfPresent(MCPError.self, forKey: .error)
        inputRequests = try container.decodeIfPresent(InputRequests.self, forKey: .inputRequests)
        var excluded = Set(CodingKeys.allCases.map(\.stringValue))
        // The spelling not used stays with the unknown members.
        switch wireStyle {
        case .experimental: excluded.subtract(["ttlMs", "pollIntervalMs"])
        case .tasksExtension: excluded.subtract(["ttl", "pollInterval"])
        }
        additionalFields = try decoder.additionalFields(excludingNames: excluded)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(statusMessage, forKey: .statusMessage)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(lastUpdatedAt, forKey: .lastUpdatedAt)
        let (ttlKey, pollKey): (CodingKeys, CodingKeys) = wireStyle == .experimental ? (.ttl, .pollInterval) : (.ttlMs, .pollIntervalMs)
        if let ttl {
            try container.encode(ttl, forKey: ttlKey)
        } else {
            try container.encodeNil(forKey: ttlKey)
        }
        try container.encodeIfPresent(pollInterval, forKey: pollKey)
        try container.encodeIfPresent(result, forKey: .result)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(inputRequests, forKey: .inputRequests)
        try encoder.encodeAdditionalFields(additionalFields, excludingNames: Set(CodingKeys.allCases.map(\.stringValue)))
    }
}

/// The member names of a result or notification that carries a task's members at its top level,
/// beside `_meta`: what is not unknown there.
let flattenedTaskMemberNames: Set<String> = Set(MCPTask.CodingKeys.allCases.map(\.stringValue)).union(["_meta"])

/// The `_meta` key of a result or notification that carries a task's members at its top level.
enum FlattenedTaskCodingKeys: String, CodingKey {
    case meta = "_meta"
}

/// A result or notification whose members are a task's, at its top level, beside `_meta` and
/// members this SDK does not model (`tasks/get` results, task notifications).
protocol FlattenedTaskCarrier: Codable {
    var task: MCPTask { get }
    var meta: JSONObject? { get }
    var additionalFields: JSONObject { get }
    init(task: MCPTask, meta: JSONObject?, additionalFields: JSONObject)
}

extension FlattenedTaskCarrier {
    /// Decodes the task, `_meta` and the unknown members from one object.
    init(flattenedFrom decoder: any Decoder) throws {
        var task = try MCPTask(from: decoder)
        // Unknown members belong to this value, not to the task decoded from the same object.
        task.additionalFields = [:]
        let container = try decoder.container(keyedBy: FlattenedTaskCodingKeys.self)
        self.init(
            task: task,
            meta: try container.decodeIfPresent(JSONObject.self, forKey: .meta),
            additionalFields: try decoder.additionalFields(excludingNames: flattenedTaskMemberNames)
        )
    }

    /// Encodes the task (as `task`, which may differ in spelling), `_meta` and the unknown
    /// members into one object.
    func encodeFlattened(_ task: MCPTask, to encoder: any Encoder) throws {
        try task.encode(to: encoder)
        var container = encoder.container(keyedBy: FlattenedTaskCodingKeys.self)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excludingNames: flattenedTaskMemberNames)
    }
}
