/// What a server offers, declared in its `initialize` result (before 2026-07-28) or its
/// `server/discover` result.
///
/// A capability is declared by being present; an empty object is a valid declaration.
public struct ServerCapabilities: Hashable, Sendable {
    /// Non-standard capabilities, by name.
    public var experimental: [String: JSONObject]?
    /// Present when the server sends log messages.
    public var logging: JSONObject?
    /// Present when the server completes arguments (2025-03-26).
    public var completions: JSONObject?
    /// Present when the server offers prompts.
    public var prompts: Prompts?
    /// Present when the server offers resources.
    public var resources: Resources?
    /// Present when the server offers tools.
    public var tools: Tools?
    /// Present when the server can run client requests as tasks (2025-11-25).
    public var tasks: Tasks?
    /// Protocol extensions the server supports, by extension identifier (2026-07-28).
    public var extensions: [String: JSONObject]?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// The server offers prompts.
    public struct Prompts: Hashable, Sendable {
        /// Whether the server announces changes to its prompt list.
        public var listChanged: Bool?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the prompts capability.
        public init(listChanged: Bool? = nil, additionalFields: JSONObject = [:]) {
            self.listChanged = listChanged
            self.additionalFields = additionalFields
        }
    }

    /// The server offers resources.
    public struct Resources: Hashable, Sendable {
        /// Whether the client may subscribe to updates of individual resources.
        public var subscribe: Bool?
        /// Whether the server announces changes to its resource list.
        public var listChanged: Bool?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the resources capability.
        public init(subscribe: Bool? = nil, listChanged: Bool? = nil, additionalFields: JSONObject = [:]) {
            self.subscribe = subscribe
            self.listChanged = listChanged
            self.additionalFields = additionalFields
        }
    }

    /// The server offers tools.
    public struct Tools: Hashable, Sendable {
        /// Whether the server announces changes to its tool list.
        public var listChanged: Bool?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the tools capability.
        public init(listChanged: Bool? = nil, additionalFields: JSONObject = [:]) {
            self.listChanged = listChanged
            self.additionalFields = additionalFields
        }
    }

    /// The server can run client requests as tasks (2025-11-25).
    public struct Tasks: Hashable, Sendable {
        /// Present when the server answers `tasks/list`.
        public var list: JSONObject?
        /// Present when the server answers `tasks/cancel`.
        public var cancel: JSONObject?
        /// Which requests may run as tasks.
        public var requests: Requests?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// The client requests the server can run as tasks.
        public struct Requests: Hashable, Sendable {
            /// Which tool requests may run as tasks.
            public var tools: Tools?
            /// Members this SDK does not model, kept so they re-encode unchanged.
            public var additionalFields: JSONObject

            /// Tool requests the server can run as tasks.
            public struct Tools: Hashable, Sendable {
                /// Present when `tools/call` may run as a task.
                public var call: JSONObject?
                /// Members this SDK does not model, kept so they re-encode unchanged.
                public var additionalFields: JSONObject

                /// Creates the capability.
                public init(call: JSONObject? = nil, additionalFields: JSONObject = [:]) {
                    self.call = call
                    self.additionalFields = additionalFields
                }
            }

            /// Creates the capability.
            public init(tools: Tools? = nil, additionalFields: JSONObject = [:]) {
                self.tools = tools
                self.additionalFields = additionalFields
            }
        }

        /// Creates the tasks capability.
        public init(list: JSONObject? = nil, cancel: JSONObject? = nil, requests: Requests? = nil, additionalFields: JSONObject = [:]) {
            self.list = list
            self.cancel = cancel
            self.requests = requests
            self.additionalFields = additionalFields
        }
    }

    /// Creates server capabilities; by default none are declared.
    public init(
        experimental: [String: JSONObject]? = nil,
        logging: JSONObject? = nil,
        completions: JSONObject? = nil,
        prompts: Prompts? = nil,
        resources: Resources? = nil,
        tools: Tools? = nil,
        tasks: Tasks? = nil,
        extensions: [String: JSONObject]? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.experimental = experimental
        self.logging = logging
        self.completions = completions
        self.prompts = prompts
        self.resources = resources
        self.tools = tools
        self.tasks = tasks
        self.extensions = extensions
        self.additionalFields = additionalFields
    }
}

extension ServerCapabilities: Codable {
    enum CodingKeys: String, CodingKey {
        case experimental, logging, completions, prompts, resources, tools, tasks, extensions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        experimental = try container.decodeIfPresent([String: JSONObject].self, forKey: .experimental)
        logging = try container.decodeIfPresent(JSONObject.self, forKey: .logging)
        completions = try container.decodeIfPresent(JSONObject.self, forKey: .completions)
        prompts = try container.decodeIfPresent(Prompts.self, forKey: .prompts)
        resources = try container.decodeIfPresent(Resources.self, forKey: .resources)
        tools = try container.decodeIfPresent(Tools.self, forKey: .tools)
        tasks = try container.decodeIfPresent(Tasks.self, forKey: .tasks)
        extensions = try container.decodeIfPresent([String: JSONObject].self, forKey: .extensions)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(experimental, forKey: .experimental)
        try container.encodeIfPresent(logging, forKey: .logging)
        try container.encodeIfPresent(completions, forKey: .completions)
        try container.encodeIfPresent(prompts, forKey: .prompts)
        try container.encodeIfPresent(resources, forKey: .resources)
        try container.encodeIfPresent(tools, forKey: .tools)
        try container.encodeIfPresent(tasks, forKey: .tasks)
        try container.encodeIfPresent(extensions, forKey: .extensions)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ServerCapabilities.Prompts: Codable {
    enum CodingKeys: String, CodingKey {
        case listChanged
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        listChanged = try container.decodeIfPresent(Bool.self, forKey: .listChanged)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(listChanged, forKey: .listChanged)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ServerCapabilities.Resources: Codable {
    enum CodingKeys: String, CodingKey {
        case subscribe, listChanged
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subscribe = try container.decodeIfPresent(Bool.self, forKey: .subscribe)
        listChanged = try container.decodeIfPresent(Bool.self, forKey: .listChanged)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(subscribe, forKey: .subscribe)
        try container.encodeIfPresent(listChanged, forKey: .listChanged)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ServerCapabilities.Tools: Codable {
    enum CodingKeys: String, CodingKey {
        case listChanged
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        listChanged = try container.decodeIfPresent(Bool.self, forKey: .listChanged)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(listChanged, forKey: .listChanged)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ServerCapabilities.Tasks: Codable {
    enum CodingKeys: String, CodingKey {
        case list, cancel, requests
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        list = try container.decodeIfPresent(JSONObject.self, forKey: .list)
        cancel = try container.decodeIfPresent(JSONObject.self, forKey: .cancel)
        requests = try container.decodeIfPresent(Requests.self, forKey: .requests)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(list, forKey: .list)
        try container.encodeIfPresent(cancel, forKey: .cancel)
        try container.encodeIfPresent(requests, forKey: .requests)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ServerCapabilities.Tasks.Requests: Codable {
    enum CodingKeys: String, CodingKey {
        case tools
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tools = try container.decodeIfPresent(Tools.self, forKey: .tools)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(tools, forKey: .tools)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ServerCapabilities.Tasks.Requests.Tools: Codable {
    enum CodingKeys: String, CodingKey {
        case call
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        call = try container.decodeIfPresent(JSONObject.self, forKey: .call)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(call, forKey: .call)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
