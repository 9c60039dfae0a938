/// The immediate answer to a request the server runs as a task: the task that was created. The
/// request's real result comes later.
///
/// The two task protocols shape it differently, and both are read:
/// - 2025-11-25 nests the task, `{"task": {…}}`; the result is fetched with `tasks/result`;
/// - the `io.modelcontextprotocol/tasks` extension puts the task's members at the top level
///   beside `"resultType": "task"`; the result arrives inline in `tasks/get`.
///
/// It encodes in the shape of its task's ``MCPTask/wireStyle``.
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

    /// The `resultType` of the extension's shape.
    public static let resultType: ResultType = "task"
}

extension CreateTaskResult: Codable {
    enum CodingKeys: String, CodingKey {
        case task
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        if container.contains(.task) {
            task = try container.decode(MCPTask.self, forKey: .task)
            additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
        } else {
            var task = try MCPTask(from: decoder)
            // Unknown members belong to this value, not to the task decoded from the same object.
            task.additionalFields = [:]
            // The extension forbids outcomes here; they are not this result's to carry.
            self.task = task.withoutOutcome
            additionalFields = try decoder.additionalFields(excludingNames: flattenedTaskMemberNames.union(["resultType"]))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch task.wireStyle {
        case .experimental:
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(task, forKey: .task)
            try container.encodeIfPresent(meta, forKey: .meta)
            try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
        case .tasksExtension:
            try task.withoutOutcome.encode(to: encoder)
            var container = encoder.container(keyedBy: AnyCodingKey.self)
            try container.encode(Self.resultType.rawValue, forKey: AnyCodingKey(stringValue: "resultType"))
            try container.encodeIfPresent(meta, forKey: AnyCodingKey(stringValue: "_meta"))
            try encoder.encodeAdditionalFields(additionalFields, excludingNames: flattenedTaskMemberNames.union(["resultType"]))
        }
    }
}
