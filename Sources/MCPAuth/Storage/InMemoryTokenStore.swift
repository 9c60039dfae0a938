/// A token store in memory, for the process's lifetime.
public actor InMemoryTokenStore: TokenStore {
    private var storage: [String: AuthorizationRecord] = [:]

    /// Creates an empty store.
    public init() {}

    /// The record for `server` at `issuer`, if any.
    public func record(server: String, issuer: String) -> AuthorizationRecord? {
        storage[Self.key(server, issuer)]
    }

    /// Every record for `server`, the most recently updated first.
    public func records(server: String) -> [AuthorizationRecord] {
        storage.values.filter { $0.server == server }.sorted { $0.updatedAt > $1.updatedAt }
    }

    /// Every record.
    public func allRecords() -> [AuthorizationRecord] {
        storage.values.sorted { ($0.server, $0.issuer) < ($1.server, $1.issuer) }
    }

    /// Saves (replaces) a record.
    public func save(_ record: AuthorizationRecord) {
        storage[Self.key(record.server, record.issuer)] = record
    }

    /// Removes the records of `server` (at `issuer` only, if given).
    public func remove(server: String, issuer: String?) {
        storage = storage.filter { $0.value.server != server || (issuer != nil && $0.value.issuer != issuer) }
    }

    private static func key(_ server: String, _ issuer: String) -> String { server + "\u{0}" + issuer }
}
