/// The name and version of an MCP client or server, with optional display details.
public struct Implementation: Hashable, Sendable {
    /// The programmatic name.
    public var name: String
    /// The version.
    public var version: String
    /// A name for people to read.
    public var title: String?
    /// What the implementation does.
    public var description: String?
    /// The implementation's website.
    public var websiteURL: String?
    /// Icons to show for it.
    public var icons: [Icon]?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates implementation info.
    public init(
        name: String,
        version: String,
        title: String? = nil,
        description: String? = nil,
        websiteURL: String? = nil,
        icons: [Icon]? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.name = name
        self.version = version
        self.title = title
        self.description = description
        self.websiteURL = websiteURL
        self.icons = icons
        self.additionalFields = additionalFields
    }
}

extension Implementation: Codable {
    enum CodingKeys: String, CodingKey {
        case name, version, title, description, icons
        case websiteURL = "websiteUrl"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(String.self, forKey: .version)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        websiteURL = try container.decodeIfPresent(String.self, forKey: .websiteURL)
        icons = try container.decodeIfPresent([Icon].self, forKey: .icons)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(websiteURL, forKey: .websiteURL)
        try container.encodeIfPresent(icons, forKey: .icons)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
