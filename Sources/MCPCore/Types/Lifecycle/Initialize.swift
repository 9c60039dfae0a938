/// The parameters of `initialize`, the first request of a session before 2026-07-28: the
/// client's preferred protocol version, its capabilities and its identity.
public struct InitializeRequestParams: RequestParams, Hashable {
    public typealias Result = InitializeResult
    public static let method = "initialize"

    /// The protocol version the client wants; the server may answer with another.
    public var protocolVersion: ProtocolVersion
    /// What the client supports.
    public var capabilities: ClientCapabilities
    /// The client's name and version.
    public var clientInfo: Implementation
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `initialize` parameters.
    public init(
        protocolVersion: ProtocolVersion,
        capabilities: ClientCapabilities = ClientCapabilities(),
        clientInfo: Implementation,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.protocolVersion = protocolVersion
        self.capabilities = capabilities
        self.clientInfo = clientInfo
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension InitializeRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case protocolVersion, capabilities, clientInfo
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        protocolVersion = try container.decode(ProtocolVersion.self, forKey: .protocolVersion)
        capabilities = try container.decode(ClientCapabilities.self, forKey: .capabilities)
        clientInfo = try container.decode(Implementation.self, forKey: .clientInfo)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(protocolVersion, forKey: .protocolVersion)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(clientInfo, forKey: .clientInfo)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `initialize`: the protocol version the session will use and what the server
/// offers.
public struct InitializeResult: Hashable, Sendable {
    /// The protocol version the session uses. A client that does not speak it should disconnect.
    public var protocolVersion: ProtocolVersion
    /// What the server offers.
    public var capabilities: ServerCapabilities
    /// The server's name and version.
    public var serverInfo: Implementation
    /// How to use the server, for the model (for example in a system prompt).
    public var instructions: String?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates an `initialize` result.
    public init(
        protocolVersion: ProtocolVersion,
        capabilities: ServerCapabilities = ServerCapabilities(),
        serverInfo: Implementation,
        instructions: String? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.protocolVersion = protocolVersion
        self.capabilities = capabilities
        self.serverInfo = serverInfo
        self.instructions = instructions
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension InitializeResult: Codable {
    enum CodingKeys: String, CodingKey {
        case protocolVersion, capabilities, serverInfo, instructions
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        protocolVersion = try container.decode(ProtocolVersion.self, forKey: .protocolVersion)
        // Tolerate servers that omit an empty capabilities object.
        capabilities = try container.decodeIfPresent(ServerCapabilities.self, forKey: .capabilities) ?? ServerCapabilities()
        serverInfo = try container.decode(Implementation.self, forKey: .serverInfo)
        instructions = try container.decodeIfPresent(String.self, forKey: .instructions)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(protocolVersion, forKey: .protocolVersion)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(serverInfo, forKey: .serverInfo)
        try container.encodeIfPresent(instructions, forKey: .instructions)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
