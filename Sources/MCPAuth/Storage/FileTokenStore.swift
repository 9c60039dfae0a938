import Crypto
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A token store on disk: one JSON file per (server, issuer) in a directory only the user can
/// read (0700), each file 0600 and replaced atomically (written aside, then renamed), so a
/// crash never leaves a torn file and no other user ever sees a token.
public actor FileTokenStore: TokenStore {
    /// The directory holding the records.
    public nonisolated let directory: URL

    /// A store in `directory` (created on first save).
    public init(directory: URL) {
        self.directory = directory
    }

    /// The default place: `$XDG_CONFIG_HOME/mcp/auth`, else `~/.config/mcp/auth`.
    public static var defaultDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? (environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser).appendingPathComponent(".config")
        return base.appendingPathComponent("mcp").appendingPathComponent("auth")
    }

    /// The record for `server` at `issuer`, if any.
    public func record(server: String, issuer: String) throws -> AuthorizationRecord? {
        try read(fileURL(server: server, issuer: issuer))
    }

    /// Every record for `server`, the most recently updated first.
    public func records(server: String) -> [AuthorizationRecord] {
        allRecords().filter { $0.server == server }.sorted { $0.updatedAt > $1.updatedAt }
    }

    /// Every record.
    public func allRecords() -> [AuthorizationRecord] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        // A damaged file costs its own record only (that server then authorizes again), not every record.
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { try? read(directory.appendingPathComponent($0)) }
    }

    /// Saves (replaces) a record.
    public func save(_ record: AuthorizationRecord) throws {
        try ensureDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        let data = try encoder.encode(record)
        let target = fileURL(server: record.server, issuer: record.issuer)
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(Base64URL.randomString(byteCount: 6)).tmp")
        // Created 0600 from the start (O_EXCL: never through someone else's file or link).
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw storeError("could not create \(temporary.path)") }
        var written = 0
        let ok = data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result <= 0 { return false }
                written += result
            }
            return fsync(descriptor) == 0
        }
        close(descriptor)
        guard ok, rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw storeError("could not write \(target.path)")
        }
    }

    /// Removes the records of `server` (at `issuer` only, if given).
    public func remove(server: String, issuer: String?) throws {
        for record in records(server: server) where issuer == nil || record.issuer == issuer {
            unlink(fileURL(server: record.server, issuer: record.issuer).path)
        }
    }

    // MARK: Files

    private func fileURL(server: String, issuer: String) -> URL {
        let digest = SHA256.hash(data: Array((server + "\u{0}" + issuer).utf8))
        return directory.appendingPathComponent(digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + ".json")
    }

    private func read(_ url: URL) throws -> AuthorizationRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(AuthorizationRecord.self, from: data)
    }

    private func ensureDirectory() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(directory.path, 0o700)
    }

    private func storeError(_ message: String) -> AuthorizationError {
        AuthorizationError(.invalidResponse, "token store: \(message) (errno \(errno))")
    }
}

