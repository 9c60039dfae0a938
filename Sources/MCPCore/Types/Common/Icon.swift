/// An image a client can show for a server, tool, resource or prompt.
public struct Icon: Hashable, Sendable {
    /// The image's location: an `http(s):` URL or a `data:` URI.
    public var src: String
    /// The image's MIME type, when the source does not make it clear.
    public var mimeType: String?
    /// Sizes the image suits, as `"48x48"` or `"any"`.
    public var sizes: [String]?
    /// The background the icon is designed for.
    public var theme: Theme?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// The background an icon is designed for. Open-ended.
    public struct Theme: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// For light backgrounds.
        public static let light: Theme = "light"
        /// For dark backgrounds.
        public static let dark: Theme = "dark"
    }

    /// Creates an icon.
    public init(src: String, mimeType: String? = nil, sizes: [String]? = nil, theme: Theme? = nil, additionalFields: JSONObject = [:]) {
        self.src = src
        self.mimeType = mimeType
        self.sizes = sizes
        self.theme = theme
        self.additionalFields = additionalFields
    }
}

extension Icon: Codable {
    enum CodingKeys: String, CodingKey {
        case src, mimeType, sizes, theme
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        src = try container.decode(String.self, forKey: .src)
        mimeType = try container.decodeIfPresent(String.self, forKey: .mimeType)
        sizes = try container.decodeIfPresent([String].self, forKey: .sizes)
        theme = try container.decodeIfPresent(Theme.self, forKey: .theme)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(src, forKey: .src)
        try container.encodeIfPresent(mimeType, forKey: .mimeType)
        try container.encodeIfPresent(sizes, forKey: .sizes)
        try container.encodeIfPresent(theme, forKey: .theme)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
