/// A resource the server can read: a file, a database row, an API response, …
public struct Resource: Hashable, Sendable {
    /// The resource's URI.
    public var uri: String
    /// The programmatic name.
    public var name: String
    /// A name for people to read (2025-06-18).
    public var title: String?
    /// What the resource is.
    public var description: String?
    /// The resource's MIME type, if known.
    public var mimeType: String?
    /// The resource's size in bytes, if known.
    public var size: Int?
    /// Icons to show for the resource (2025-11-25).
    public var icons: [Icon]?
    /// Hints about the resource's audience and importance.
    public var annotations: Annotations?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a resource.
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

    /// The name to show people: ``title``, else ``name``.
    public var displayName: String { title ?? name }
}

extension Resource: Codable {
    enum CodingKeys: String, CodingKey {
        case uri, name, title, description, mimeType, size, icons, annotations
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
