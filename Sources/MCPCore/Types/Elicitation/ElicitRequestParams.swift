/// The parameters of `elicitation/create`: a server asks the client to get information from the
/// user, through a form (2025-06-18) or a web page (2025-11-25).
///
/// The mode is read from the `mode` member; an absent `mode` means a form. A mode this SDK does
/// not know is kept as ``unknown(_:)`` with all its members.
public enum ElicitRequestParams: RequestParams, Hashable {
    public typealias Result = ElicitResult
    public static let method = "elicitation/create"

    /// Show the user a form.
    case form(ElicitRequestFormParams)
    /// Send the user to a web page (2025-11-25).
    case url(ElicitRequestURLParams)
    /// A mode this SDK does not know, as received.
    case unknown(JSONObject)

    /// A way of asking the user for information. Open-ended.
    public struct Mode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
        public var rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// A form the client shows.
        public static let form: Mode = "form"
        /// A web page the user visits outside the client (2025-11-25).
        public static let url: Mode = "url"
    }

    /// The request's mode: ``Mode/form`` for a form even when `mode` was omitted, or the
    /// unknown mode as sent (`nil` if it was not a string).
    public var mode: Mode? {
        switch self {
        case .form: return .form
        case .url: return .url
        case .unknown(let object): return object["mode"]?.stringValue.map(Mode.init(rawValue:))
        }
    }

    /// What to ask, for the user.
    public var message: String? {
        switch self {
        case .form(let params): return params.message
        case .url(let params): return params.message
        case .unknown(let object): return object["message"]?.stringValue
        }
    }

    /// The task to run the request as, if any (2025-11-25).
    public var task: TaskMetadata? {
        switch self {
        case .form(let params): return params.task
        case .url(let params): return params.task
        case .unknown(let object): return try? object["task"]?.decode(TaskMetadata.self)
        }
    }

    /// Metadata (`_meta`).
    public var meta: JSONObject? {
        switch self {
        case .form(let params): return params.meta
        case .url(let params): return params.meta
        case .unknown(let object): return object["_meta"]?.objectValue
        }
    }
}

extension ElicitRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case mode
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decodeIfPresent(String.self, forKey: .mode) {
        case nil, "form": self = .form(try ElicitRequestFormParams(from: decoder))
        case "url": self = .url(try ElicitRequestURLParams(from: decoder))
        default: self = .unknown(try JSONObject(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .form(let params): try params.encode(to: encoder)
        case .url(let params): try params.encode(to: encoder)
        case .unknown(let object): try object.encode(to: encoder)
        }
    }
}

extension ElicitRequestParams.Mode: CustomStringConvertible {
    public var description: String { rawValue }
}
