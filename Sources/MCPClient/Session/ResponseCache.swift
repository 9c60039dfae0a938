import MCPCore
import Synchronization

/// Results a stateless (2026-07-28) server said may be reused, kept for as long as it said
/// (`ttlMs`), within the scope it said (`cacheScope`).
///
/// - Keys: the method and its parameters (without `_meta`), so each page of a list (each cursor)
///   and each resource is its own entry.
/// - `private` entries belong to one authorization context (``ClientSession/Configuration/authorizationContext``)
///   and are never served to another; `public` ones are shared. A cache can be shared by several
///   clients.
/// - The server's `notifications/*/list_changed` drop that list's pages; `notifications/resources/updated`
///   drops the resource's reads (and those of its parts).
/// - Results of requests that carried input responses are never stored (they answered one
///   user's input), nor are results without a positive `ttlMs`.
public final class ResponseCache: Sendable {
    /// Methods whose results carry caching hints in 2026-07-28.
    public static let cacheableMethods: Set<String> = [
        "server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list", "resources/read",
    ]

    struct Key: Hashable {
        var partition: String?
        var method: String
        var params: String
    }

    struct Entry {
        var result: JSONObject
        var expires: ContinuousClock.Instant
        var uri: String?
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let clock = ContinuousClock()

    /// Creates an empty cache.
    public init() {}

    /// The number of live entries.
    public var count: Int {
        let now = clock.now
        return entries.withLock { $0.values.filter { $0.expires > now }.count }
    }

    /// Forgets everything.
    public func removeAll() { entries.withLock { $0 = [:] } }

    // MARK: Used by the session

    /// A fresh stored result for this request, if any.
    func lookup(method: String, params: JSONObject?, partition: String?) -> JSONObject? {
        guard Self.cacheableMethods.contains(method) else { return nil }
        let now = clock.now
        let keys = Self.keys(method: method, params: params, partition: partition)
        return entries.withLock { entries in
            for key in keys {
                guard let entry = entries[key] else { continue }
                if entry.expires > now { return entry.result }
                entries.removeValue(forKey: key)
            }
            return nil
        }
    }

    /// Stores a complete result if the server allowed it.
    func store(_ result: JSONObject, method: String, params: JSONObject?, partition: String?) {
        guard Self.cacheableMethods.contains(method),
            let ttl = result["ttlMs"]?.intValue, ttl > 0
        else { return }
        let isPublic = result["cacheScope"]?.stringValue == "public"
        let key = Key(partition: isPublic ? nil : partition ?? "", method: method, params: Self.canonical(params))
        let entry = Entry(result: result, expires: clock.now + .milliseconds(ttl), uri: params?["uri"]?.stringValue)
        entries.withLock { $0[key] = entry }
    }

    /// Drops what a server notification makes stale.
    func invalidate(for notification: ServerNotification) {
        switch notification {
        case .toolListChanged: drop { $0.method == "tools/list" }
        case .promptListChanged: drop { $0.method == "prompts/list" }
        case .resourceListChanged: drop { $0.method == "resources/list" || $0.method == "resources/templates/list" }
        case .resourceUpdated(let params):
            entries.withLock { entries in
                entries = entries.filter { key, entry in
                    guard key.method == "resources/read", let uri = entry.uri else { return true }
                    return !(uri == params.uri || params.uri.hasPrefix(uri) || uri.hasPrefix(params.uri))
                }
            }
        default: break
        }
    }

    private func drop(where matches: (Key) -> Bool) {
        entries.withLock { entries in entries = entries.filter { key, _ in !matches(key) } }
    }

    /// The private key for this context, then the public one.
    private static func keys(method: String, params: JSONObject?, partition: String?) -> [Key] {
        let canonical = canonical(params)
        return [Key(partition: partition ?? "", method: method, params: canonical), Key(partition: nil, method: method, params: canonical)]
    }

    /// The parameters that identify the request: all but `_meta`, in key order.
    private static func canonical(_ params: JSONObject?) -> String {
        guard var params else { return "{}" }
        params.removeValue(forKey: "_meta")
        return sorted(.object(params)).jsonString()
    }

    private static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for key in object.keys.sorted() { result[key] = sorted(object[key]!) }
            return .object(result)
        case .array(let items): return .array(items.map(sorted))
        default: return value
        }
    }
}
