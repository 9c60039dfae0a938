/// The contents of a resource: text, or binary data as base64.
///
/// Contents that carry neither `text` nor `blob` are kept as ``unknown(_:)``.
public enum ResourceContents: Hashable, Sendable {
    /// Text contents.
    case text(TextResourceContents)
    /// Binary contents.
    case blob(BlobResourceContents)
    /// Contents of a shape this SDK does not know, as received.
    case unknown(JSONObject)

    /// The URI of the resource, when known.
    public var uri: String? {
        switch self {
        case .text(let contents): return contents.uri
        case .blob(let contents): return contents.uri
        case .unknown(let object): return object["uri"]?.stringValue
        }
    }

    /// The MIME type, when known.
    public var mimeType: String? {
        switch self {
        case .text(let contents): return contents.mimeType
        case .blob(let contents): return contents.mimeType
        case .unknown(let object): return object["mimeType"]?.stringValue
        }
    }

    /// The text, if these are text contents.
    public var text: String? {
        if case .text(let contents) = self { return contents.text }
        return nil
    }
}

extension ResourceContents: Codable {
    enum CodingKeys: String, CodingKey {
        case text, blob
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.text) {
            self = .text(try TextResourceContents(from: decoder))
        } else if container.contains(.blob) {
            self = .blob(try BlobResourceContents(from: decoder))
        } else {
            self = .unknown(try JSONObject(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let contents): try contents.encode(to: encoder)
        case .blob(let contents): try contents.encode(to: encoder)
        case .unknown(let object): try object.encode(to: encoder)
        }
    }
}

/// The text contents of a resource.
public struct TextResourceContents: Hashable, Sendable {
    /// The resource's URI.
    public var uri: String
    /// The MIME type, if known.
    public var mimeType: String?
    /// The text.
    public var text: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates text contents.
    public init(uri: String, text: String, mimeType: String? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.uri = uri
        self.text = text
        self.mimeType = mimeType
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension TextResourceContents: Codable {
    enum CodingKeys: String, CodingKey {
        case uri, mimeType, text
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        mimeType = try container.decodeIfPresent(String.self, forKey: .mimeType)
        text = try container.decode(String.self, forKey: .text)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encodeIfPresent(mimeType, forKey: .mimeType)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The binary contents of a resource, base64-encoded as on the wire.
public struct BlobResourceContents: Hashable, Sendable {
    /// The resource's URI.
    public var uri: String
    /// The MIME type, if known.
    public var mimeType: String?
    /// The bytes, base64-encoded.
    public var blob: String
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates binary contents from base64 text.
    public init(uri: String, blob: String, mimeType: String? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.uri = uri
        self.blob = blob
        self.mimeType = mimeType
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The decoded bytes, or `nil` if ``blob`` is not valid base64.
    public var decodedData: [UInt8]? { Base64.decode(blob) }
}

extension BlobResourceContents: Codable {
    enum CodingKeys: String, CodingKey {
        case uri, mimeType, blob
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        mimeType = try container.decodeIfPresent(String.self, forKey: .mimeType)
        blob = try container.decode(String.self, forKey: .blob)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encodeIfPresent(mimeType, forKey: .mimeType)
        try container.encode(blob, forKey: .blob)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
