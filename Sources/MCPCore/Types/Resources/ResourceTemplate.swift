/// A family of resources the server can read, described by an RFC 6570 URI template such as
/// `file:///{path}`.
public struct ResourceTemplate: Hashable, Sendable {
    /// The URI template (RFC 6570) that builds the URIs of the resources.
    public var uriTemplate: String
    /// The programmatic name.
    public var name: String
    /// A name for people to read (2025-06-18).
    public var title: String?
    /// What the resources are.
    public var description: String?
    /// The MIME type of every matching resource, if they share one.
    public var mimeType: String?
    /// Icons to show for the template (2025-11-25).
    public var icons: [Icon]?
    /// Hints about the resources' audience and importance.
    public var annotations: Annotations?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a resource template.
    public init(
        uriTemplate: String,
        name: String,
        title: String? = nil,
        description: String? = nil,
        mimeType: String? = nil,
        icons: [Icon]? = nil,
        annotations: Annotations? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.uriTemplate = uriTemplate
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
        self.icons = icons
        self.annotations = annotations
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The name to show people: ``title``, else ``name``.
    public var displayName: String { title ?? name }
}

extension ResourceTemplate: Codable {
    enum CodingKeys: String, CodingKey {
        case uriTemplate, name, title, description, mimeType, icons, annotations
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uriTemplate = try container.decode(String.self, forKey: .uriTemplate)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        mimeType = try container.decodeIfPresent(String.self, forKey: .mimeType)
        icons = try container.decodeIfPresent([Icon].self, forKey: .icons)
        annotations = try container.decodeIfPresent(Annotations.self, forKey: .annotations)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uriTemplate, forKey: .uriTemplate)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(mimeType, forKey: .mimeType)
        try container.encodeIfPresent(icons, forKey: .icons)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
