/// Asks the receiver to run a request as a task (2025-11-25): the request returns a
/// ``CreateTaskResult`` at once and the real result is fetched later with `tasks/result`.
public struct TaskMetadata: Hashable, Sendable {
    /// How long, in milliseconds from creation, the receiver should keep the task.
    public var ttl: Int?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates task metadata.
    public init(ttl: Int? = nil, additionalFields: JSONObject = [:]) {
        self.ttl = ttl
        self.additionalFields = additionalFields
    }
}

extension TaskMetadata: Codable {
    enum CodingKeys: String, CodingKey {
        case ttl
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ttl = try container.decodeIfPresent(Int.self, forKey: .ttl)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(ttl, forKey: .ttl)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
