/// The `data` of the error a 2025-11-25 server answers with when the user must first complete
/// URL-mode elicitations (``ErrorCode/urlElicitationRequired``).
///
/// ```swift
/// if error.code == .urlElicitationRequired, let data = error.data {
///     for elicitation in try data.decode(URLElicitationRequiredErrorData.self).elicitations { … }
/// }
/// ```
public struct URLElicitationRequiredErrorData: Hashable, Sendable {
    /// The elicitations to complete before retrying.
    public var elicitations: [ElicitRequestURLParams]
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the error data.
    public init(elicitations: [ElicitRequestURLParams], additionalFields: JSONObject = [:]) {
        self.elicitations = elicitations
        self.additionalFields = additionalFields
    }
}

extension URLElicitationRequiredErrorData: Codable {
    enum CodingKeys: String, CodingKey {
        case elicitations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        elicitations = try container.decode([ElicitRequestURLParams].self, forKey: .elicitations)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(elicitations, forKey: .elicitations)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
