/// Which notifications a 2026-07-28 `subscriptions/listen` stream should carry.
public struct SubscriptionFilter: Hashable, Sendable {
    /// Changes to the tool list.
    public var toolsListChanged: Bool?
    /// Changes to the prompt list.
    public var promptsListChanged: Bool?
    /// Changes to the resource list.
    public var resourcesListChanged: Bool?
    /// The URIs of resources whose updates to send.
    public var resourceSubscriptions: [String]?
    /// The tasks whose state changes to send as `notifications/tasks` (the
    /// `io.modelcontextprotocol/tasks` extension; the request must declare the extension).
    public var taskIDs: [String]?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a filter; by default it asks for nothing.
    public init(
        toolsListChanged: Bool? = nil,
        promptsListChanged: Bool? = nil,
        resourcesListChanged: Bool? = nil,
        resourceSubscriptions: [String]? = nil,
        taskIDs: [String]? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.toolsListChanged = toolsListChanged
        self.promptsListChanged = promptsListChanged
        self.resourcesListChanged = resourcesListChanged
        self.resourceSubscriptions = resourceSubscriptions
        self.taskIDs = taskIDs
        self.additionalFields = additionalFields
    }
}

extension SubscriptionFilter: Codable {
    enum CodingKeys: String, CodingKey {
        case toolsListChanged, promptsListChanged, resourcesListChanged, resourceSubscriptions
        case taskIDs = "taskIds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        toolsListChanged = try container.decodeIfPresent(Bool.self, forKey: .toolsListChanged)
        promptsListChanged = try container.decodeIfPresent(Bool.self, forKey: .promptsListChanged)
        resourcesListChanged = try container.decodeIfPresent(Bool.self, forKey: .resourcesListChanged)
        resourceSubscriptions = try container.decodeIfPresent([String].self, forKey: .resourceSubscriptions)
        taskIDs = try container.decodeIfPresent([String].self, forKey: .taskIDs)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(toolsListChanged, forKey: .toolsListChanged)
        try container.encodeIfPresent(promptsListChanged, forKey: .promptsListChanged)
        try container.encodeIfPresent(resourcesListChanged, forKey: .resourcesListChanged)
        try container.encodeIfPresent(resourceSubscriptions, forKey: .resourceSubscriptions)
        try container.encodeIfPresent(taskIDs, forKey: .taskIDs)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
