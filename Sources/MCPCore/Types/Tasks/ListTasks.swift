/// The parameters of `tasks/list`: one page of the receiver's tasks (2025-11-25).
public struct ListTasksRequestParams: PaginatedRequestParams, Hashable {
    public typealias Result = ListTasksResult
    public static let method = "tasks/list"

    /// Where to continue from, or `nil` for the first page.
    public var cursor: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `tasks/list` parameters.
    public init(cursor: String? = nil) {
        self.init(cursor: cursor, meta: nil)
    }

    /// Creates `tasks/list` parameters with metadata.
    public init(cursor: String?, meta: JSONObject?, additionalFields: JSONObject = [:]) {
        self.cursor = cursor
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ListTasksRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case cursor
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cursor = try container.decodeIfPresent(String.self, forKey: .cursor)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(cursor, forKey: .cursor)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// One page of `tasks/list`.
public struct ListTasksResult: PaginatedResult, Hashable {
    /// The tasks on this page.
    public var tasks: [MCPTask]
    /// The cursor of the next page, or `nil` on the last page.
    public var nextCursor: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a page of tasks.
    public init(tasks: [MCPTask], nextCursor: String? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.tasks = tasks
        self.nextCursor = nextCursor
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The tasks on this page (``PaginatedResult`` conformance).
    public var items: [MCPTask] { tasks }
}

extension ListTasksResult: Codable {
    enum CodingKeys: String, CodingKey {
        case tasks, nextCursor
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tasks = try container.decode([MCPTask].self, forKey: .tasks)
        nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tasks, forKey: .tasks)
        try container.encodeIfPresent(nextCursor, forKey: .nextCursor)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
