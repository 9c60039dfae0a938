/// The parameters of `server/discover` (2026-07-28): ask which protocol versions and capabilities
/// the server has, without a handshake.
///
/// The request's ``meta`` carries the client's protocol version, capabilities and info, as every
/// 2026-07-28 request does.
public struct DiscoverRequestParams: RequestParams, Hashable {
    public typealias Result = DiscoverResult
    public static let method = "server/discover"

    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates `server/discover` parameters.
    public init(meta: JSONObject? = nil, additionalFields: JSONObject = [:]) {
        self.meta = meta
        self.additionalFields = additionalFields
    }
}

extension DiscoverRequestParams: Codable {
    enum CodingKeys: String, CodingKey {
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}

/// The result of `server/discover` (2026-07-28).
public struct DiscoverResult: Hashable, Sendable {
    /// The protocol versions the server speaks.
    public var supportedVersions: [ProtocolVersion]
    /// What the server offers.
    public var capabilities: ServerCapabilities
    /// How to use the server, for the model (for example in a system prompt).
    public var instructions: String?
    /// How long the result may be cached, in milliseconds.
    public var ttlMs: Int?
    /// Who may share a cached copy.
    public var cacheScope: CacheScope?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a `server/discover` result.
    public init(
        supportedVersions: [ProtocolVersion],
        capabilities: ServerCapabilities = ServerCapabilities(),
        instructions: String? = nil,
        ttlMs: Int? = nil,
        cacheScope: CacheScope? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.supportedVersions = supportedVersions
        self.capabilities = capabilities
        self.instructions = instructions
        self.ttlMs = ttlMs
        self.cacheScope = cacheScope
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The server's name and version, carried in ``meta`` under ``MetaKeys/serverInfo``.
    public var serverInfo: Implementation? {
        get { try? meta?[MetaKeys.serverInfo]?.decode(Implementation.self) }
        set {
            var meta = self.meta ?? [:]
            meta[MetaKeys.serverInfo] = newValue.flatMap { try? JSONValue(encoding: $0) }
            self.meta = meta.isEmpty ? nil : meta
        }
    }

    /// The newest version both this SDK and the server speak, if any.
    public var preferredVersion: ProtocolVersion? {
        supportedVersions.filter(\.isSupported).max()
    }
}

extension DiscoverResult: Codable {
    enum CodingKeys: String, CodingKey {
        case supportedVersions, capabilities, instructions, ttlMs, cacheScope
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        supportedVersions = try container.decode([ProtocolVersion].self, forKey: .supportedVersions)
        capabilities = try container.decode(ServerCapabilities.self, forKey: .capabilities)
        instructions = try container.decodeIfPresent(String.self, forKey: .instructions)
        ttlMs = try container.decodeIfPresent(Int.self, forKey: .ttlMs)
        cacheScope = try container.decodeIfPresent(CacheScope.self, forKey: .cacheScope)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(supportedVersions, forKey: .supportedVersions)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encodeIfPresent(instructions, forKey: .instructions)
        try container.encodeIfPresent(ttlMs, forKey: .ttlMs)
        try container.encodeIfPresent(cacheScope, forKey: .cacheScope)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
