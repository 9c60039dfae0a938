/// What discovery found for one MCP server: the resource to ask tokens for, and the
/// authorization server that grants them.
public struct DiscoveredAuthorization: Sendable, Hashable {
    /// The `resource` parameter (RFC 8707) sent in authorization and token requests.
    public var resource: String
    /// The server's protected-resource metadata (`nil` for a 2025-03-26 server without it).
    public var protectedResource: ProtectedResourceMetadata?
    /// The authorization server's validated metadata.
    public var authorizationServer: AuthorizationServerMetadata
    /// Whether the endpoints are the 2025-03-26 defaults because the server published no metadata.
    public var usesDefaultEndpoints: Bool
}

/// Finds the authorization server of an MCP server (RFC 9728, RFC 8414, OpenID Connect
/// Discovery) in the order the specification lays down, validating what it reads.
struct AuthorizationDiscovery {
    let http: AuthHTTPClient

    /// Discovers for `serverURL`, starting from `resource_metadata` of a 401 challenge if given.
    func discover(serverURL: String, resourceMetadataURL: String?) async throws -> DiscoveredAuthorization {
        guard let serverResource = ResourceIdentifier.canonical(serverURL) else {
            throw AuthorizationError(.discoveryFailed, "\(serverURL) is not an absolute URL")
        }
        guard let protectedResource = try await protectedResourceMetadata(serverURL: serverURL, challengeURL: resourceMetadataURL) else {
            // A 2025-03-26 server: no protected-resource metadata; its origin is the authorization server.
            guard let origin = ResourceIdentifier.origin(of: serverURL) else {
                throw AuthorizationError(.discoveryFailed, "\(serverURL) has no origin")
            }
            if let metadata = try await authorizationServerMetadata(issuer: origin, required: false) {
                return DiscoveredAuthorization(resource: serverResource, protectedResource: nil, authorizationServer: metadata, usesDefaultEndpoints: false)
            }
            let defaults = AuthorizationServerMetadata(
                issuer: origin, authorizationEndpoint: origin + "/authorize", tokenEndpoint: origin + "/token",
                registrationEndpoint: origin + "/register", codeChallengeMethodsSupported: ["S256"]
            )
            return DiscoveredAuthorization(resource: serverResource, protectedResource: nil, authorizationServer: defaults, usesDefaultEndpoints: true)
        }
        let issuers = protectedResource.authorizationServers ?? []
        guard !issuers.isEmpty else {
            throw AuthorizationError(.discoveryFailed, "the protected-resource metadata of \(serverURL) names no authorization server")
        }
        var lastError: (any Error)?
        for issuer in issuers {
            do {
                if let metadata = try await authorizationServerMetadata(issuer: issuer, required: true) {
                    return DiscoveredAuthorization(
                        resource: protectedResource.resource, protectedResource: protectedResource, authorizationServer: metadata, usesDefaultEndpoints: false
                    )
                }
            } catch {
                lastError = error
            }
        }
        throw lastError ?? AuthorizationError(.discoveryFailed, "no authorization server of \(serverURL) published usable metadata")
    }

    // MARK: Protected resource

    /// The protected-resource metadata: from the challenge's URL, else the path-based then the root
    /// well-known URL. `nil` when none exists; an error when one exists but is unusable.
    func protectedResourceMetadata(serverURL: String, challengeURL: String?) async throws -> ProtectedResourceMetadata? {
        for url in Self.protectedResourceMetadataURLs(serverURL: serverURL, challengeURL: challengeURL) {
            let response: AuthHTTPClient.Response
            do {
                response = try await http.get(url, purpose: "protected-resource metadata")
            } catch let error as AuthorizationError where error.code == .insecureURL {
                throw error
            } catch {
                continue
            }
            guard (200..<300).contains(response.status) else { continue }
            let metadata = try response.decode(ProtectedResourceMetadata.self, what: "protected-resource metadata at \(url)")
            guard ResourceIdentifier.covers(metadata.resource, serverURL: serverURL) else {
                throw AuthorizationError(
                    .resourceMismatch,
                    "refused to authorize: the protected-resource metadata at \(url) describes \(metadata.resource), not \(serverURL)"
                )
            }
            return metadata
        }
        return nil
    }

    static func protectedResourceMetadataURLs(serverURL: String, challengeURL: String?) -> [String] {
        var urls: [String] = []
        if let challengeURL { urls.append(challengeURL) }
        guard let origin = ResourceIdentifier.origin(of: serverURL) else { return urls }
        let path = ResourceIdentifier.trimmedPath(of: serverURL)
        if !path.isEmpty { urls.append(origin + "/.well-known/oauth-protected-resource" + path) }
        urls.append(origin + "/.well-known/oauth-protected-resource")
        var seen = Set<String>()
        return urls.filter { seen.insert($0).inserted }
    }

    // MARK: Authorization server

    /// The metadata of `issuer`, tried at each well-known URL in order; the first document whose
    /// `issuer` is identical to `issuer` is used. `nil` when none was found and `required` is false.
    func authorizationServerMetadata(issuer: String, required: Bool) async throws -> AuthorizationServerMetadata? {
        var mismatch: AuthorizationError?
        for url in try Self.authorizationServerMetadataURLs(issuer: issuer) {
            let response: AuthHTTPClient.Response
            do {
                response = try await http.get(url, purpose: "authorization-server metadata")
            } catch let error as AuthorizationError where error.code == .insecureURL {
                throw error
            } catch {
                continue
            }
            guard (200..<300).contains(response.status) else { continue }
            guard let metadata = try? response.decode(AuthorizationServerMetadata.self, what: "authorization-server metadata") else { continue }
            guard metadata.issuer == issuer else {
                mismatch = AuthorizationError(
                    .metadataIssuerMismatch,
                    "refused the authorization-server metadata at \(url): its issuer \(metadata.issuer) is not \(issuer)"
                )
                continue
            }
            return metadata
        }
        if let mismatch { throw mismatch }
        guard required else { return nil }
        throw AuthorizationError(.discoveryFailed, "the authorization server \(issuer) publishes no metadata")
    }

    /// RFC 8414 §3.1 and OpenID Connect Discovery URLs, in the specification's order.
    static func authorizationServerMetadataURLs(issuer: String) throws -> [String] {
        guard let origin = ResourceIdentifier.origin(of: issuer) else {
            throw AuthorizationError(.discoveryFailed, "the issuer \(issuer) is not an absolute URL")
        }
        let path = ResourceIdentifier.trimmedPath(of: issuer)
        if path.isEmpty {
            return [origin + "/.well-known/oauth-authorization-server", origin + "/.well-known/openid-configuration"]
        }
        return [
            origin + "/.well-known/oauth-authorization-server" + path,
            origin + "/.well-known/openid-configuration" + path,
            origin + path + "/.well-known/openid-configuration",
        ]
    }
}
