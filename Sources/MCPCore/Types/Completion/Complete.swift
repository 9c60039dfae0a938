/// The parameters of `completion/complete`: suggest values for an argument of a prompt or a
/// resource template (2025-03-26).
public struct CompleteRequestParams: RequestParams, Hashable {
    public typealias Result = CompleteResult
    public static let method = "completion/complete"

    /// The prompt or resource template the argument belongs to.
    public var ref: CompletionReference
    /// The argument and its partial value.
    public var argument: Argument
    /// Arguments already filled in (2025-06-18).
    public var context: Context?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// The argument being completed.
    public struct Argument: Hashable, Sendable {
        /// The argument's name (for a resource template, the URI variable's name).
        public var name: String
        /// What has been typed so far.
        public var value: String
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates an argument.
        public init(name: String, value: String, additionalFields: JSONObject = [:]) {
            self.name = name
            self.value = value
            self.additionalFields = additionalFields
        }
    }

    /// What else is known when completing (2025-06-18).
    public struct Context: Hashable, Sendable {
        /// The values of arguments already filled in, by name.
        public var arguments: [String: String]?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates a context.
        public init(arguments: [String: String]? = nil, additionalFields: JSONObject = [:]) {
            self.arguments = arguments
            self.additionalFields = additionalFields
        }
    }

    /// Creates `completion/complete` parameters.
    public init(
        ref: CompletionReference,
        argument: Argument,
        context: Context? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.ref = ref
        self.argument = argument
        self.context = context
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CompleteRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case ref, argument, context
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ref = try container.decode(CompletionReference.self, forKey: .ref)
        argument = try container.decode(Argument.self, forKey: .argument)
        context = try container.decodeIfPresent(Context.self, forKey: .context)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ref, forKey: .ref)
        try container.encode(argument, forKey: .argument)
        try container.encodeIfPresent(context, forKey: .context)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension CompleteRequestParams.Argument: Codable {
    enum CodingKeys: String, CodingKey {
        case name, value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        value = try container.decode(String.self, forKey: .value)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension CompleteRequestParams.Context: Codable {
    enum CodingKeys: String, CodingKey {
        case arguments
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        arguments = try container.decodeIfPresent([String: String].self, forKey: .arguments)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(arguments, forKey: .arguments)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `completion/complete`.
public struct CompleteResult: Hashable, Sendable {
    /// The suggestions.
    public var completion: Completion
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Suggested values.
    public struct Completion: Hashable, Sendable {
        /// The suggestions, best first (at most 100).
        public var values: [String]
        /// How many suggestions exist in all, which may exceed those sent.
        public var total: Int?
        /// Whether there are more suggestions than those sent.
        public var hasMore: Bool?
        /// Members this SDK does not model, kept so they re-encode unchanged.
        public var additionalFields: JSONObject

        /// Creates suggestions.
        public init(values: [String], total: Int? = nil, hasMore: Bool? = nil, additionalFields: JSONObject = [:]) {
            self.values = values
            self.total = total
            self.hasMore = hasMore
            self.additionalFields = additionalFields
        }
    }

    /// Creates a `completion/complete` result.
    public init(completion: Completion, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.completion = completion
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension CompleteResult: Codable {
    enum CodingKeys: String, CodingKey {
        case completion
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        completion = try container.decode(Completion.self, forKey: .completion)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(completion, forKey: .completion)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

extension CompleteResult.Completion: Codable {
    enum CodingKeys: String, CodingKey {
        case values, total, hasMore
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decode([String].self, forKey: .values)
        total = try container.decodeIfPresent(Int.self, forKey: .total)
        hasMore = try container.decodeIfPresent(Bool.self, forKey: .hasMore)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
        try container.encodeIfPresent(total, forKey: .total)
        try container.encodeIfPresent(hasMore, forKey: .hasMore)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
