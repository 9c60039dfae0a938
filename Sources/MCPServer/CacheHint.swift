public import MCPCore

extension MCPServer {
    /// How long clients may cache the stateless protocol's cacheable results (`ttlMs`), and who
    /// may share them (`cacheScope`).
    ///
    /// The default, immediately stale and private, suits a server whose lists change at run
    /// time; clients learn of changes through `subscriptions/listen` anyway.
    public struct CacheHint: Sendable, Hashable {
        /// Milliseconds a result stays fresh; 0: stale at once.
        public var ttlMs: Int
        /// Whether caches may be shared across authorization contexts.
        public var scope: CacheScope

        /// Creates a hint.
        public init(ttlMs: Int = 0, scope: CacheScope = .private) {
            self.ttlMs = max(0, ttlMs)
            self.scope = scope
        }
    }
}
