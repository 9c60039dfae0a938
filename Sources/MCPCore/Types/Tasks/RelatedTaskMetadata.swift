/// Ties a message to a task (2025-11-25): the value of the
/// `io.modelcontextprotocol/related-task` member of `_meta` (``MetaKeys/relatedTask``).
public struct RelatedTaskMetadata: Hashable, Sendable {
    /// The task's identifier.
    public var taskID: String
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates related-task metadata.
    public init(taskID: String, additionalFields: JSONObject = [:]) {
        self.taskID = taskID
        self.additionalFields = additionalFields
    }

    /// The related task named in `meta`, if it names one.
    public init?(fromMeta meta: JSONObject?) {
        guard let value = meta?[MetaKeys.relatedTask], let related = try? value.decode(RelatedTaskMetadata.self) else { return nil }
        self = related
    }
}

extension RelatedTaskMetadata: Codable {
    enum CodingKeys: String, CodingKey {
        case taskID = "taskId"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskID, forKey: .taskID)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
