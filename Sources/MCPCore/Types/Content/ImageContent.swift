/// An image provided to or from a language model.
public struct ImageContent: Hashable, Sendable {
    /// The image bytes, base64-encoded as on the wire.
    public var data: String
    /// The image's MIME type, such as `image/png`.
    public var mimeType: String
    /// Hints about the content's audience and importance.
    public var annotations: Annotations?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates image content from base64 text.
    public init(data: String, mimeType: String, annotations: Annotations? = nil, meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.data = data
        self.mimeType = mimeType
        self.annotations = annotations
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The decoded image bytes, or `nil` if ``data`` is not valid base64.
    public var decodedData: [UInt8]? { Base64.decode(data) }
}

extension ImageContent: Codable {
    enum CodingKeys: String, CodingKey {
        case type, data, mimeType, annotations
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decode(String.self, forKey: .data)
        mimeType = try container.decode(String.self, forKey: .mimeType)
        annotations = try container.decodeIfPresent(Annotations.self, forKey: .annotations)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("image", forKey: .type)
        try container.encode(data, forKey: .data)
        try container.encode(mimeType, forKey: .mimeType)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
