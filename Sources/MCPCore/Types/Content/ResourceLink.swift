/// A link to a resource the server can read, in a tool result or prompt (2025-06-18).
public struct ResourceLink: Hashable, Sendable {
    /// The resource's URI.
    public var uri: String
    /// The programmatic name.
    public var name: String
    /// A name for people to read.
    public var title: String?
    /// What the resource is.
    public var description: String?
    /// The resource's MIME type, if known.
    public var mimeType: String?
    /// The resource's size in bytes, if known.
    public var size: Int?
    /// Icons to show for the resource.
    public var icons: [Icon]?
    /// Hints about the content's audience and importance.
    public var annotations: Annotations?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a resource link.
    public init(
        uri: String,
        name: String,
        title: String? = nil,
        description: String? = nil,
        mimeType: String? = nil,
        size: Int? = nil,
        icons: [Icon]? = nil,
        annotations: Annotations? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.uri = uri
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.size = size
        self.icons = icons
        self.annotations = annotations
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension ResourceLink: Codable {
    enum CodingKeys: String, CodingKey {
        case type, uri, name, title, description, mimeType, size, icons, annotations
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        mimeType = try container.decodeIfPresent(String.self, forKey: .mimeType)
        size = try container.decodeIfPresent(Int.self, forKey: .size)
        icons = try container.decodeIfPresent([Icon].self, forKey: .icons)
        annotations = try container.decodeIfPresent(Annotations.self, forKey: .annotations)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("resource_link", forKey: .type)
        try container.encode(uri, forKey: .uri)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(mimeType, forKey: .mimeType)
        try container.encodeIfPresent(size, forKey: .size)
        try container.encodeIfPresent(icons, forKey: .icons)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
