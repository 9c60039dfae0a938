/// A resource's contents embedded in a tool result or prompt message.
public struct EmbeddedResource: Hashable, Sendable {
    /// The contents: text or binary.
    public var resource: ResourceContents
    /// Hints about the content's audience and importance.
    public var annotations: Annotations?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates an embedded resource.
    public init(resource: ResourceContents, annotations: Annotations? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.resource = resource
        self.annotations = annotations
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension EmbeddedResource: Codable {
    enum CodingKeys: String, CodingKey {
        case type, resource, annotations
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resource = try container.decode(ResourceContents.self, forKey: .resource)
        annotations = try container.decodeIfPresent(Annotations.self, forKey: .annotations)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("resource", forKey: .type)
        try container.encode(resource, forKey: .resource)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
