/// The `data` of the error a 2026-07-28 server answers with when it does not speak the protocol
/// version a request names (``ErrorCode/unsupportedProtocolVersion``).
///
/// ```swift
/// if error.code == .unsupportedProtocolVersion, let data = error.data {
///     let supported = try data.decode(UnsupportedProtocolVersionErrorData.self).supported
/// }
/// ```
public struct UnsupportedProtocolVersionErrorData: Hashable, Sendable {
    /// The version the request named.
    public var requested: ProtocolVersion
    /// The versions the server speaks.
    public var supported: [ProtocolVersion]
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates the error data.
    public init(requested: ProtocolVersion, supported: [ProtocolVersion], additionalFields: JSONObject = [:]) {
        self.requested = requested
        self.supported = supported
        self.additionalFields = additionalFields
    }
}

extension UnsupportedProtocolVersionErrorData: Codable {
    enum CodingKeys: String, CodingKey {
        case requested, supported
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        requested = try container.decode(ProtocolVersion.self, forKey: .requested)
        supported = try container.decode([ProtocolVersion].self, forKey: .supported)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requested, forKey: .requested)
        try container.encode(supported, forKey: .supported)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
