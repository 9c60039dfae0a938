/// How the model may use the tools of a sampling request (2025-11-25).
public struct ToolChoice: Hashable, Sendable {
    /// Whether and how the model uses tools.
    public var mode: Mode?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Whether and how the model uses tools. Open-ended.
    public struct Mode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
        public var rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// The model decides (the default).
        public static let auto: Mode = "auto"
        /// The model must call at least one tool.
        public static let required: Mode = "required"
        /// The model must not call tools. Write `ToolChoice.Mode.none` where an optional is
        /// expected, so it is not read as `nil`.
        public static let none: Mode = "none"
    }

    /// Creates a tool choice.
    public init(mode: Mode? = nil, additionalFields: JSONObject = [:]) {
        self.mode = mode
        self.additionalFields = additionalFields
    }
}

extension ToolChoice: Codable {
    enum CodingKeys: String, CodingKey {
        case mode
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mode = try container.decodeIfPresent(Mode.self, forKey: .mode)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(mode, forKey: .mode)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
