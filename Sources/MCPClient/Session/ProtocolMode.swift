public import MCPCore
import Synchronization

/// Which protocol versions a client speaks, and how it settles on one when it connects.
public enum ProtocolMode: Sendable, Hashable {
    /// Detect the server's era (the default): probe with `server/discover` at the newest
    /// stateless version, retry at a version the server names (`-32022`), and fall back to the
    /// `initialize` handshake on anything that is not a recognized modern answer. The verdict is
    /// cached per server in ``ClientSession/Configuration/eraCache``.
    case automatic
    /// Only the handshake era: `initialize`, offering ``ClientSession/Configuration/protocolVersion``.
    case legacy
    /// Exactly this version: `server/discover` at it for a stateless version, `initialize`
    /// offering it (and accepting no other answer) for a handshake version.
    case pinned(ProtocolVersion)
}

extension ProtocolMode: CustomStringConvertible {
    /// `auto`, `legacy`, or the pinned version: what the command line's `--protocol` takes.
    public var description: String {
        switch self {
        case .automatic: return "auto"
        case .legacy: return "legacy"
        case .pinned(let version): return version.rawValue
        }
    }

    /// Reads `auto`, `legacy`, or a version such as `2025-11-25`.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "auto", "automatic": self = .automatic
        case "legacy": self = .legacy
        default:
            let version = ProtocolVersion(rawValue: text)
            guard version.isSupported else { return nil }
            self = .pinned(version)
        }
    }
}

/// What clients learnt about servers' protocol eras, keyed by ``Transport/serverIdentity``
/// (a stdio command line, an HTTP origin).
///
/// The specification asks clients to remember the era for the lifetime of the server process or
/// origin, and allows keeping it across runs: ``verdicts`` and ``init(verdicts:)`` carry it to and
/// from storage. A remembered handshake-era verdict skips the `server/discover` probe; if the
/// server has since moved on, the handshake fails with `-32022` and the client probes again.
public final class EraCache: Sendable {
    /// What a server was found to speak.
    public struct Verdict: Codable, Sendable, Hashable {
        /// The version agreed.
        public var version: ProtocolVersion
        /// Whether that version is of the stateless era.
        public var isModern: Bool { version.isModern }

        /// Creates a verdict.
        public init(version: ProtocolVersion) {
            self.version = version
        }
    }

    /// The cache every client uses unless configured otherwise, for this process's lifetime.
    public static let shared = EraCache()

    private let storage: Mutex<[String: Verdict]>

    /// Creates a cache, optionally holding what a previous run learnt.
    public init(verdicts: [String: Verdict] = [:]) {
        storage = Mutex(verdicts)
    }

    /// Everything learnt so far, to keep for a later run.
    public var verdicts: [String: Verdict] { storage.withLock { $0 } }

    /// What `server` was found to speak, if known.
    public func verdict(for server: String) -> Verdict? { storage.withLock { $0[server] } }

    /// Remembers what `server` speaks.
    public func record(_ verdict: Verdict, for server: String) { storage.withLock { $0[server] = verdict } }

    /// Forgets `server` (its verdict proved wrong).
    public func forget(_ server: String) { _ = storage.withLock { $0.removeValue(forKey: server) } }
}
