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
