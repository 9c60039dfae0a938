/// What a client supports, declared to the server: at `initialize` before 2026-07-28, in every
/// request's `_meta` from then on.
///
/// A capability is declared by being present; an empty object is a valid declaration.
public struct ClientCapabilities: Hashable, Sendable {
    /// Non-standard capabilities, by name.
    public var experimental: [String: JSONObject]?
    /// Present when the client can list its roots.
    public var roots: Roots?
    /// Present when the client can sample a language model.
    public var sampling: Sampling?
    /// Present when the client can ask its user for information (2025-06-18).
    public var elicitation: Elicitation?
    /// Present when the client can run server requests as tasks (2025-11-25).
    public var tasks: Tasks?
    /// Protocol extensions the client supports, by extension identifier (2026-07-28).
    public var extensions: [String: JSONObject]?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// The client can list its roots.
    public struct Roots: Hashable, Sendable {
        /// Whether the client sends `notifications/roots/list_changed` when its roots change.
        public var listChanged: Bool?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the roots capability.
        public init(listChanged: Bool? = nil, additionalFields: JSONObject = [:]) {
            self.listChanged = listChanged
            self.additionalFields = additionalFields
        }
    }

    /// The client can sample a language model for the server.
    public struct Sampling: Hashable, Sendable {
        /// Present when the client honours `includeContext` values other than `none` (2025-11-25;
        /// soft-deprecated).
        public var context: JSONObject?
        /// Present when the client accepts `tools` and `toolChoice` in sampling requests (2025-11-25).
        public var tools: JSONObject?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the sampling capability.
        public init(context: JSONObject? = nil, tools: JSONObject? = nil, additionalFields: JSONObject = [:]) {
            self.context = context
            self.tools = tools
            self.additionalFields = additionalFields
        }
    }

    /// The client can ask its user for information on the server's behalf.
    ///
    /// An empty object (the only form before 2025-11-25) means form mode only.
    public struct Elicitation: Hashable, Sendable {
        /// Present when the client supports form mode (2025-11-25).
        public var form: JSONObject?
        /// Present when the client supports URL mode (2025-11-25).
        public var url: JSONObject?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates the elicitation capability.
        public init(form: JSONObject? = nil, url: JSONObject? = nil, additionalFields: JSONObject = [:]) {
            self.form = form
            self.url = url
            self.additionalFields = additionalFields
        }

        /// Whether form mode is supported: declared explicitly, or implied by declaring no mode at all.
        public var supportsForm: Bool { form != nil || url == nil }

        /// Whether URL mode is supported.
        public var supportsURL: Bool { url != nil }
    }

    /// The client can run server requests as tasks (2025-11-25).
    public struct Tasks: Hashable, Sendable {
        /// Present when the client answers `tasks/list`.
        public var list: JSONObject?
        /// Present when the client answers `tasks/cancel`.
        public var cancel: JSONObject?
        /// Which requests may run as tasks.
        public var requests: Requests?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// The server requests the client can run as tasks.
        public struct Requests: Hashable, Sendable {
            /// Which sampling requests may run as tasks.
            public var sampling: Sampling?
            /// Which elicitation requests may run as tasks.
            public var elicitation: Elicitation?
            /// Members this SDK does not model, kept so they re-encode unchanged.
            public var additionalFields: JSONObject

            /// Sampling requests the client can run as tasks.
            public struct Sampling: Hashable, Sendable {
                /// Present when `sampling/createMessage` may run as a task.
                public var createMessage: JSONObject?
                /// Members this SDK does not model, kept so they re-encode unchanged.
                public var additionalFields: JSONObject

                /// Creates the capability.
                public init(createMessage: JSONObject? = nil, additionalFields: JSONObject = [:]) {
                    self.createMessage = createMessage
                    self.additionalFields = additionalFields
                }
            }

            /// Elicitation requests the client can run as tasks.
            public struct Elicitation: Hashable, Sendable {
                /// Present when `elicitation/create` may run as a task.
                public var create: JSONObject?
                /// Members this SDK does not model, kept so they re-encode unchanged.
                public var additionalFields: JSONObject

                /// Creates the capability.
                public init(create: JSONObject? = nil, additionalFields: JSONObject = [:]) {
                    self.create = create
                    self.additionalFields = additionalFields
                }
            }

            /// Creates the capability.
            public init(sampling: Sampling? = nil, elicitation: Elicitation? = nil, additionalFields: JSONObject = [:]) {
                self.sampling = sampling
                self.elicitation = elicitation
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

    /// Creates client capabilities; by default none are declared.
    public init(
        experimental: [String: JSONObject]? = nil,
        roots: Roots? = nil,
        sampling: Sampling? = nil,
        elicitation: Elicitation? = nil,
        tasks: Tasks? = nil,
        extensions: [String: JSONObject]? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.experimental = experimental
        self.roots = roots
        self.sampling = sampling
        self.elicitation = elicitation
        self.tasks = tasks
        self.extensions = extensions
        self.additionalFields = additionalFields
    }
}

extension ClientCapabilities: Codable {
    enum CodingKeys: String, CodingKey {
        case experimental, roots, sampling, elicitation, tasks, extensions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        experimental = try container.decodeIfPresent([String: JSONObject].self, forKey: .experimental)
        roots = try container.decodeIfPresent(Roots.self, forKey: .roots)
        sampling = try container.decodeIfPresent(Sampling.self, forKey: .sampling)
        elicitation = try container.decodeIfPresent(Elicitation.self, forKey: .elicitation)
        tasks = try container.decodeIfPresent(Tasks.self, forKey: .tasks)
        extensions = try container.decodeIfPresent([String: JSONObject].self, forKey: .extensions)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(experimental, forKey: .experimental)
        try container.encodeIfPresent(roots, forKey: .roots)
        try container.encodeIfPresent(sampling, forKey: .sampling)
        try container.encodeIfPresent(elicitation, forKey: .elicitation)
        try container.encodeIfPresent(tasks, forKey: .tasks)
        try container.encodeIfPresent(extensions, forKey: .extensions)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ClientCapabilities.Roots: Codable {
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

extension ClientCapabilities.Sampling: Codable {
    enum CodingKeys: String, CodingKey {
        case context, tools
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        context = try container.decodeIfPresent(JSONObject.self, forKey: .context)
        tools = try container.decodeIfPresent(JSONObject.self, forKey: .tools)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(context, forKey: .context)
        try container.encodeIfPresent(tools, forKey: .tools)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ClientCapabilities.Elicitation: Codable {
    enum CodingKeys: String, CodingKey {
        case form, url
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        form = try container.decodeIfPresent(JSONObject.self, forKey: .form)
        url = try container.decodeIfPresent(JSONObject.self, forKey: .url)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(form, forKey: .form)
        try container.encodeIfPresent(url, forKey: .url)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ClientCapabilities.Tasks: Codable {
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

extension ClientCapabilities.Tasks.Requests: Codable {
    enum CodingKeys: String, CodingKey {
        case sampling, elicitation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sampling = try container.decodeIfPresent(Sampling.self, forKey: .sampling)
        elicitation = try container.decodeIfPresent(Elicitation.self, forKey: .elicitation)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(sampling, forKey: .sampling)
        try container.encodeIfPresent(elicitation, forKey: .elicitation)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ClientCapabilities.Tasks.Requests.Sampling: Codable {
    enum CodingKeys: String, CodingKey {
        case createMessage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        createMessage = try container.decodeIfPresent(JSONObject.self, forKey: .createMessage)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(createMessage, forKey: .createMessage)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension ClientCapabilities.Tasks.Requests.Elicitation: Codable {
    enum CodingKeys: String, CodingKey {
        case create
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        create = try container.decodeIfPresent(JSONObject.self, forKey: .create)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(create, forKey: .create)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
