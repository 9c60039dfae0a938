/// The `data` of the error a 2026-07-28 server answers with when a request needs a client
/// capability the request did not declare (``ErrorCode/missingRequiredClientCapability``).
///
/// ```swift
/// if error.code == .missingRequiredClientCapability, let data = error.data {
///     let missing = try data.decode(MissingRequiredClientCapabilityErrorData.self).requiredCapabilities
/// }
/// ```
public struct MissingRequiredClientCapabilityErrorData: Hashable, Sendable {
    /// The capabilities the request needs.
    public var requiredCapabilities: ClientCapabilities
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the error data.
    public init(requiredCapabilities: ClientCapabilities, additionalFields: JSONObject = [:]) {
        self.requiredCapabilities = requiredCapabilities
        self.additionalFields = additionalFields
    }
}

extension MissingRequiredClientCapabilityErrorData: Codable {
    enum CodingKeys: String, CodingKey {
        case requiredCapabilities
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requiredCapabilities = try container.decode(ClientCapabilities.self, forKey: .requiredCapabilities)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requiredCapabilities, forKey: .requiredCapabilities)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
