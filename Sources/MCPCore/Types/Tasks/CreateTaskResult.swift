/// The immediate result of a request run as a task (2025-11-25): the task that was created. The
/// request's real result is fetched later with `tasks/result`.
public struct CreateTaskResult: Hashable, Sendable {
    /// The task.
    public var task: MCPTask
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the result.
    public init(task: MCPTask, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.task = task
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CreateTaskResult: Codable {
    enum CodingKeys: String, CodingKey {
        case task
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        task = try container.decode(MCPTask.self, forKey: .task)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task, forKey: .task)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
