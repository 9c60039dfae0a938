/// One request for input inside a 2026-07-28 ``InputRequiredResult``: what the server would have
/// sent as a request of its own in earlier protocol versions.
///
/// On the wire it is an object with the request's `method` and `params`. A method this SDK does
/// not know is kept as ``unknown(method:params:)``.
public enum InputRequest: Hashable, Sendable {
    /// `sampling/createMessage`: run a language model.
    case sampling(CreateMessageRequestParams)
    /// `elicitation/create`: ask the user.
    case elicitation(ElicitRequestParams)
    /// `roots/list`: list the client's roots.
    case roots(ListRootsRequestParams)
    /// A method this SDK does not know, with its parameters as received.
    case unknown(method: String, params: JSONObject?)

    /// The method name, such as `sampling/createMessage`.
    public var method: String {
        switch self {
        case .sampling: return CreateMessageRequestParams.method
        case .elicitation: return ElicitRequestParams.method
        case .roots: return ListRootsRequestParams.method
        case .unknown(let method, _): return method
        }
    }
}

/// The input requests of an ``InputRequiredResult``, keyed by the names their answers must reuse.
public typealias InputRequests = [String: InputRequest]

extension InputRequest: Codable {
    enum CodingKeys: String, CodingKey {
        case method, params
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let method = try container.decode(String.self, forKey: .method)
        switch method {
        case CreateMessageRequestParams.method:
            self = .sampling(try container.decode(CreateMessageRequestParams.self, forKey: .params))
        case ElicitRequestParams.method:
            self = .elicitation(try container.decode(ElicitRequestParams.self, forKey: .params))
        case ListRootsRequestParams.method:
            // `roots/list` has no required parameters, so `params` is usually omitted.
            self = .roots(try container.decodeIfPresent(ListRootsRequestParams.self, forKey: .params) ?? ListRootsRequestParams())
        default:
            self = .unknown(method: method, params: try container.decodeIfPresent(JSONObject.self, forKey: .params))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        switch self {
        case .sampling(let params):
            try container.encode(params, forKey: .params)
        case .elicitation(let params):
            try container.encode(params, forKey: .params)
        case .roots(let params):
            // Empty parameters are omitted, as servers send them.
            if params.meta != nil || !params.additionalFields.isEmpty {
                try container.encode(params, forKey: .params)
            }
        case .unknown(_, let params):
            try container.encodeIfPresent(params, forKey: .params)
        }
    }
}
