/// A 2026-07-28 result saying that the server needs input from the client (sampling, elicitation
/// or roots) before it can finish a request.
///
/// The client answers each input request, then retries the original request with the answers in
/// `inputResponses` (keyed as ``inputRequests`` is; see ``InputResponses``) and ``requestState``
/// echoed unchanged.
public struct InputRequiredResult: Hashable, Sendable {
    /// What the server needs, keyed by names the answers must reuse.
    public var inputRequests: [String: InputRequest]?
    /// Opaque state to echo in the retried request.
    public var requestState: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates an `input_required` result.
    public init(
        inputRequests: [String: InputRequest]? = nil,
        requestState: String? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.inputRequests = inputRequests
        self.requestState = requestState
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension InputRequiredResult: Codable {
    enum CodingKeys: String, CodingKey {
        case resultType, inputRequests, requestState
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputRequests = try container.decodeIfPresent([String: InputRequest].self, forKey: .inputRequests)
        requestState = try container.decodeIfPresent(String.self, forKey: .requestState)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ResultType.inputRequired, forKey: .resultType)
        try container.encodeIfPresent(inputRequests, forKey: .inputRequests)
        try container.encodeIfPresent(requestState, forKey: .requestState)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
