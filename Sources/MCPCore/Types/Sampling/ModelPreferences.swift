/// What the server would like in the model a client samples. Advisory: the client chooses.
public struct ModelPreferences: Hashable, Sendable {
    /// Model names to prefer, in order of preference.
    public var hints: [ModelHint]?
    /// How much low cost matters, from 0 to 1.
    public var costPriority: Double?
    /// How much low latency matters, from 0 to 1.
    public var speedPriority: Double?
    /// How much capability matters, from 0 to 1.
    public var intelligencePriority: Double?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates model preferences.
    public init(
        hints: [ModelHint]? = nil,
        costPriority: Double? = nil,
        speedPriority: Double? = nil,
        intelligencePriority: Double? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.hints = hints
        self.costPriority = costPriority
        self.speedPriority = speedPriority
        self.intelligencePriority = intelligencePriority
        self.additionalFields = additionalFields
    }
}

extension ModelPreferences: Codable {
    enum CodingKeys: String, CodingKey {
        case hints, costPriority, speedPriority, intelligencePriority
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hints = try container.decodeIfPresent([ModelHint].self, forKey: .hints)
        costPriority = try container.decodeIfPresent(Double.self, forKey: .costPriority)
        speedPriority = try container.decodeIfPresent(Double.self, forKey: .speedPriority)
        intelligencePriority = try container.decodeIfPresent(Double.self, forKey: .intelligencePriority)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(hints, forKey: .hints)
        try container.encodeIfPresent(costPriority, forKey: .costPriority)
        try container.encodeIfPresent(speedPriority, forKey: .speedPriority)
        try container.encodeIfPresent(intelligencePriority, forKey: .intelligencePriority)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
