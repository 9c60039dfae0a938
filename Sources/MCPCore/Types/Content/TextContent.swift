/// Text provided to or from a language model.
public struct TextContent: Hashable, Sendable {
    /// The text.
    public var text: String
    /// Hints about the content's audience and importance.
    public var annotations: Annotations?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates text content.
    public init(text: String, annotations: Annotations? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.text = text
        self.annotations = annotations
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension TextContent: Codable {
    enum CodingKeys: String, CodingKey {
        case type, text, annotations
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        annotations = try container.decodeIfPresent(Annotations.self, forKey: .annotations)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("text", forKey: .type)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
