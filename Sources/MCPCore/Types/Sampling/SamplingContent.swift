/// One block of content in a sampling message: text, an image, audio, or (2025-11-25) a tool
/// call or tool result.
///
/// A kind this SDK does not know is kept as ``unknown(_:)`` with all its members, so it
/// re-encodes unchanged instead of failing the whole message.
public enum SamplingContent: Hashable, Sendable {
    /// Text.
    case text(TextContent)
    /// An image.
    case image(ImageContent)
    /// Audio (2025-03-26).
    case audio(AudioContent)
    /// The model's request to call a tool (2025-11-25).
    case toolUse(ToolUseContent)
    /// The result of a tool call (2025-11-25).
    case toolResult(ToolResultContent)
    /// A content kind this SDK does not know, as received.
    case unknown(JSONObject)

    /// The `type` member as sent on the wire.
    public var type: String {
        switch self {
        case .text: return "text"
        case .image: return "image"
        case .audio: return "audio"
        case .toolUse: return "tool_use"
        case .toolResult: return "tool_result"
        case .unknown(let object): return object["type"]?.stringValue ?? ""
        }
    }

    /// The text, if this is text content.
    public var text: String? {
        if case .text(let content) = self { return content.text }
        return nil
    }

    /// Text content.
    public static func text(_ text: String, annotations: Annotations? = nil) -> SamplingContent {
        .text(TextContent(text: text, annotations: annotations))
    }
}

extension SamplingContent: Codable {
    enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text": self = .text(try TextContent(from: decoder))
        case "image": self = .image(try ImageContent(from: decoder))
        case "audio": self = .audio(try AudioContent(from: decoder))
        case "tool_use": self = .toolUse(try ToolUseContent(from: decoder))
        case "tool_result": self = .toolResult(try ToolResultContent(from: decoder))
        default: self = .unknown(try JSONObject(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let content): try content.encode(to: encoder)
        case .image(let content): try content.encode(to: encoder)
        case .audio(let content): try content.encode(to: encoder)
        case .toolUse(let content): try content.encode(to: encoder)
        case .toolResult(let content): try content.encode(to: encoder)
        case .unknown(let object): try object.encode(to: encoder)
        }
    }
}
