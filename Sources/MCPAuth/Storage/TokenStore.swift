/// Where authorization records live, keyed by MCP server and issuer: credentials and tokens are
/// never shared between servers, nor between authorization servers.
public protocol TokenStore: Sendable {
    /// The record for `server` at `issuer`, if any.
    func record(server: String, issuer: String) async throws -> AuthorizationRecord?
    /// Every record for `server` (one per authorization server it used).
    func records(server: String) async throws -> [AuthorizationRecord]
    /// Every record.
    func allRecords() async throws -> [AuthorizationRecord]
    /// Saves (replaces) a record.
    func save(_ record: AuthorizationRecord) async throws
    /// Removes the records of `server` (at `issuer` only, if given).
    func remove(server: String, issuer: String?) async throws
}

/// A token store in memory, for the process's lifetime.
public actor InMemoryTokenStore: TokenStore {
    private var storage: [String: AuthorizationRecord] = [:]

    /// Creates an empty store.
    public init() {}

    public func record(server: String, issuer: String) -> AuthorizationRecord? {
        storage[Self.key(server, issuer)]
    }

    public func records(server: String) -> [AuthorizationRecord] {
        storage.values.filter { $0.server == server }.sorted { $0.updatedAt > $1.updatedAt }
    }

    public func allRecords() -> [AuthorizationRecord] {
        storage.values.sorted { ($0.server, $0.issuer) < ($1.server, $1.issuer) }
    }

    public func save(_ record: AuthorizationRecord) {
        storage[Self.key(record.server, record.issuer)] = record
    }

    public func remove(server: String, issuer: String?) {
        storage = storage.filter { $0.value.server != server || (issuer != nil && $0.value.issuer != issuer) }
    }

    private static func key(_ server: String, _ issuer: String) -> String { server + "\u{0}" + issuer }
}
