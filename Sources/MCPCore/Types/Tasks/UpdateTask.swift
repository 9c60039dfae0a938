/// The parameters of `tasks/update` (the `io.modelcontextprotocol/tasks` extension): answers to a
/// task's outstanding ``MCPTask/inputRequests``, keyed as the server keyed them.
///
/// The server acknowledges with an empty result and applies the answers eventually; keep polling
/// `tasks/get` to see the task move on.
public struct UpdateTaskRequestParams: RequestParams, Hashable {
    public typealias Result = EmptyResult
    public static let method = "tasks/update"

    /// The task's identifier.
    public var taskID: String
    /// The answers, keyed as the task's input requests are (see ``InputResponses``).
    public var inputResponses: JSONObject
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `tasks/update` parameters.
    public init(taskID: String, inputResponses: JSONObject, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.taskID = taskID
        self.inputResponses = inputResponses
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension UpdateTaskRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case taskID = "taskId"
        case inputResponses
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        inputResponses = try container.decode(JSONObject.self, forKey: .inputResponses)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(inputResponses, forKey: .inputResponses)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
