/// Hints about a tool's behaviour. Every member is a hint: a client must not make safety
/// decisions on annotations from a server it does not trust.
public struct ToolAnnotations: Hashable, Sendable {
    /// A name for people to read.
    public var title: String?
    /// The tool does not modify its environment (default `false`).
    public var readOnlyHint: Bool?
    /// The tool may destroy data, when not read-only (default `true`).
    public var destructiveHint: Bool?
    /// Repeating a call with the same arguments has no further effect (default `false`).
    public var idempotentHint: Bool?
    /// The tool reaches an open world of external entities (default `true`).
    public var openWorldHint: Bool?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates tool annotations.
    public init(
        title: String? = nil,
        readOnlyHint: Bool? = nil,
        destructiveHint: Bool? = nil,
        idempotentHint: Bool? = nil,
        openWorldHint: Bool? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.title = title
        self.readOnlyHint = readOnlyHint
        self.destructiveHint = destructiveHint
        self.idempotentHint = idempotentHint
        self.openWorldHint = openWorldHint
        self.additionalFields = additionalFields
    }
}

extension ToolAnnotations: Codable {
    enum CodingKeys: String, CodingKey {
        case title, readOnlyHint, destructiveHint, idempotentHint, openWorldHint
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        readOnlyHint = try container.decodeIfPresent(Bool.self, forKey: .readOnlyHint)
        destructiveHint = try container.decodeIfPresent(Bool.self, forKey: .destructiveHint)
        idempotentHint = try container.decodeIfPresent(Bool.self, forKey: .idempotentHint)
        openWorldHint = try container.decodeIfPresent(Bool.self, forKey: .openWorldHint)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(readOnlyHint, forKey: .readOnlyHint)
        try container.encodeIfPresent(destructiveHint, forKey: .destructiveHint)
        try container.encodeIfPresent(idempotentHint, forKey: .idempotentHint)
        try container.encodeIfPresent(openWorldHint, forKey: .openWorldHint)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// How a tool may be executed (2025-11-25).
public struct ToolExecution: Hashable, Sendable {
    /// Whether the tool can run as a task.
    public var taskSupport: TaskSupport?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Whether a tool can run as a task. Open-ended.
    public struct TaskSupport: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// Never as a task (the default).
        public static let forbidden: TaskSupport = "forbidden"
        /// Either way.
        public static let optional: TaskSupport = "optional"
        /// Only as a task.
        public static let required: TaskSupport = "required"
    }

    /// Creates execution properties.
    public init(taskSupport: TaskSupport? = nil, additionalFields: JSONObject = [:]) {
        self.taskSupport = taskSupport
        self.additionalFields = additionalFields
    }
}

extension ToolExecution: Codable {
    enum CodingKeys: String, CodingKey {
        case taskSupport
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskSupport = try container.decodeIfPresent(TaskSupport.self, forKey: .taskSupport)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(taskSupport, forKey: .taskSupport)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
