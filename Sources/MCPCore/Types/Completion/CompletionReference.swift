/// What an argument to complete belongs to: a prompt or a resource template.
///
/// A reference kind this SDK does not know is kept as ``unknown(_:)`` with all its members.
public enum CompletionReference: Hashable, Sendable {
    /// A prompt (`ref/prompt`).
    case prompt(PromptReference)
    /// A resource template (`ref/resource`).
    case resource(ResourceTemplateReference)
    /// A reference kind this SDK does not know, as received.
    case unknown(JSONObject)

    /// The `type` member as sent on the wire.
    public var type: String {
        switch self {
        case .prompt: return "ref/prompt"
        case .resource: return "ref/resource"
        case .unknown(let object): return object["type"]?.stringValue ?? ""
        }
    }

    /// A reference to the prompt named `name`.
    public static func prompt(named name: String) -> CompletionReference {
        .prompt(PromptReference(name: name))
    }

    /// A reference to the resource template with URI template `uriTemplate`.
    public static func resourceTemplate(_ uriTemplate: String) -> CompletionReference {
        .resource(ResourceTemplateReference(uri: uriTemplate))
    }
}

extension CompletionReference: Codable {
    enum CodingKeys: String, CodingKey {
        case type
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "ref/prompt": self = .prompt(try PromptReference(from: decoder))
        case "ref/resource": self = .resource(try ResourceTemplateReference(from: decoder))
        default: self = .unknown(try JSONObject(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .prompt(let reference): try reference.encode(to: encoder)
        case .resource(let reference): try reference.encode(to: encoder)
        case .unknown(let object): try object.encode(to: encoder)
        }
    }
}
