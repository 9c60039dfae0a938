/// Which scopes to request, following the specification's priority and step-up rules.
enum ScopeSelection {
    /// The initial request: the challenge's `scope`, else the protected resource's
    /// `scopes_supported`, else nothing (the `scope` parameter is then omitted); plus
    /// `offline_access` when the authorization server lists it and refresh tokens are wanted.
    static func initial(challenge: [String]?, protectedResource: ProtectedResourceMetadata?, authorizationServer: AuthorizationServerMetadata, wantsOfflineAccess: Bool) -> [String] {
        var scopes = challenge ?? protectedResource?.scopesSupported ?? []
        addOfflineAccess(to: &scopes, authorizationServer: authorizationServer, wanted: wantsOfflineAccess)
        return scopes
    }

    /// A step-up: the union of what was requested before and what the challenge requires, in order.
    static func stepUp(previous: [String], challenge: [String], authorizationServer: AuthorizationServerMetadata, wantsOfflineAccess: Bool) -> [String] {
        var scopes = previous
        for scope in challenge where !scopes.contains(scope) { scopes.append(scope) }
        addOfflineAccess(to: &scopes, authorizationServer: authorizationServer, wanted: wantsOfflineAccess)
        return scopes
    }

    private static func addOfflineAccess(to scopes: inout [String], authorizationServer: AuthorizationServerMetadata, wanted: Bool) {
        guard wanted, authorizationServer.scopesSupported?.contains("offline_access") == true, !scopes.contains("offline_access") else { return }
        // Only alongside other scopes: an empty list means "omit scope", which the server's default covers.
        if !scopes.isEmpty { scopes.append("offline_access") }
    }
}
