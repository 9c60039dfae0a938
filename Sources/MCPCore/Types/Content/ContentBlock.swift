/// One piece of content in a tool result, prompt message or embedded resource.
///
/// A kind this SDK does not know is kept as ``unknown(_:)`` with all its members, so it
/// re-encodes unchanged instead of failing the whole message.
public enum ContentBlock: Hashable, Sendable {
    /// Text.
    case text(TextContent)
    /// An image.
    case image(ImageContent)
    /// Audio.
    case audio(AudioContent)
    /// A link to a resource the server can read.
    case resourceLink(ResourceLink)
    /// A resource's contents, embedded.
    case resource(EmbeddedResource)
    /// A content kind this SDK does not know, as received.
    case unknown(JSONObject)

    /// The `type` member as sent on the wire.
    public var type: String {
        switch self {
        case .text: return "text"
        case .image: return "image"
        case .audio: return "audio"
        case .resourceLink: return "resource_link"
        case .resource: return "resource"
        case .unknown(let object): return object["type"]?.stringValue ?? ""
        }
    }

    /// The text, if this is text content.
    public var text: String? {
        if case .text(let content) = self { return content.text }
        return nil
    }

    /// Text content.
    public static func text(_ text: String, annotations: Annotations? = nil) -> ContentBlock {
        .text(TextContent(text: text, annotations: annotations))
    }
}

extension ContentBlock: Codable {
    enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text": self = .text(try TextContent(from: decoder))
        case "image": self = .image(try ImageContent(from: decoder))
        case "audio": self = .audio(try AudioContent(from: decoder))
        case "resource_link": self = .resourceLink(try ResourceLink(from: decoder))
        case "resource": self = .resource(try EmbeddedResource(from: decoder))
        default: self = .unknown(try JSONObject(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let content): try content.encode(to: encoder)
        case .image(let content): try content.encode(to: encoder)
        case .audio(let content): try content.encode(to: encoder)
        case .resourceLink(let content): try content.encode(to: encoder)
        case .resource(let content): try content.encode(to: encoder)
        case .unknown(let object): try object.encode(to: encoder)
        }
    }
}
