/// The parameters of `tasks/result`: fetch the result of a task's request, waiting for the task
/// to finish (2025-11-25).
public struct GetTaskPayloadRequestParams: RequestParams, Hashable {
    public typealias Result = GetTaskPayloadResult
    public static let method = "tasks/result"

    /// The task's identifier.
    public var taskID: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `tasks/result` parameters.
    public init(taskID: String, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.taskID = taskID
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension GetTaskPayloadRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case taskID = "taskId"
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taskID, forKey: .taskID)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `tasks/result` (2025-11-25): the result of the request the task ran, whatever its
/// type, kept whole.
///
/// The payload's type depends on the request the task was created for; decode it with
/// ``decode(_:)``:
///
/// ```swift
/// let payload = try await session.send(GetTaskPayloadRequestParams(taskID: id))
/// let result = try payload.decode(CallToolResult.self)
/// ```
///
/// Every member is kept in ``payload``, so there is no separate `additionalFields`.
public struct GetTaskPayloadResult: Hashable, Sendable {
    /// The result object as received, `_meta` included.
    public var payload: JSONObject

    /// Creates a result from the payload object.
    public init(payload: JSONObject = [:]) {
        self.payload = payload
    }

    /// Creates a result from a typed result, such as a ``CallToolResult``.
    public init(encoding result: some Encodable) throws {
        guard case .object(let object) = try JSONValue(encoding: result) else {
            throw EncodingError.invalidValue(result, .init(codingPath: [], debugDescription: "a result must encode as a JSON object"))
        }
        payload = object
    }

    /// Metadata (`_meta`) of the payload.
    public var meta: JSONObject? {
        get { payload["_meta"]?.objectValue }
        set { payload["_meta"] = newValue.map(JSONValue.object) }
    }

    /// The task the payload belongs to, from ``meta``.
    public var relatedTask: RelatedTaskMetadata? { RelatedTaskMetadata(fromMeta: meta) }

    /// Decodes the payload as the result type of the task's original request.
    public func decode<Payload: Decodable>(_ type: Payload.Type = Payload.self) throws -> Payload {
        try JSONValue.object(payload).decode(type)
    }
}

extension GetTaskPayloadResult: Codable {
    public init(from decoder: any Decoder) throws {
        payload = try JSONObject(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try payload.encode(to: encoder)
    }
}
