public import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import MCPHTTP
import NIOCore
import NIOHTTP1

/// OAuth 2.1 authorization for one MCP server, plugged into the HTTP transports as their
/// ``HTTPAuthorizer``: a 401 leads to discovery, registration, authorization and one retry; a
/// 403 `insufficient_scope` to a bounded step-up; tokens are refreshed before they expire and
/// kept in a ``TokenStore``.
public actor OAuthAuthorizer: HTTPAuthorizer {
    /// The MCP server (its canonical URI).
    public nonisolated let server: String
    private let serverURL: String
    private let configuration: OAuthConfiguration
    private let store: any TokenStore
    private let userAgent: (any AuthorizationUserAgent)?
    private let http: AuthHTTPClient

    private var current: AuthorizationRecord?
    private var loaded = false
    /// Whether the current access token came from a refresh (a 401 to it then calls for a full authorization).
    private var currentTokenIsRefreshed = false
    /// The authorization under way, which concurrent refusals wait for instead of starting another.
    private var inFlight: Task<Bool, any Error>?
    /// The last failure to authorize, rethrown for a short while instead of authorizing again: a
    /// client that falls back to another request after a failure (a protocol-era probe, say)
    /// must not send the user to the browser a second time.
    private var lastFailure: (error: AuthorizationError, time: ContinuousClock.Instant)?
    /// The refresh under way, which concurrent requests wait for (a refresh token is good for one use).
    private var refreshing: Task<Void, any Error>?

    /// An authorizer for the server at `serverURL`. Without a `userAgent`, anything needing the
    /// user fails at once with ``AuthorizationError/Code/interactionRequired``.
    public init(
        serverURL: String, configuration: OAuthConfiguration = OAuthConfiguration(), store: any TokenStore = InMemoryTokenStore(),
        userAgent: (any AuthorizationUserAgent)? = nil, httpClient: HTTPClient? = nil
    ) throws {
        guard let canonical = ResourceIdentifier.canonical(serverURL) else {
            throw AuthorizationError(.discoveryFailed, "\(serverURL) is not an absolute URL")
        }
        self.server = canonical
        self.serverURL = serverURL
        self.configuration = configuration
        self.store = store
        self.userAgent = userAgent
        self.http = AuthHTTPClient(client: httpClient, policy: configuration.urlPolicy)
    }

    // MARK: HTTPAuthorizer

    /// Adds `Authorization: Bearer …` with the current access token, if there is one.
    public nonisolated func authorize(_ request: inout HTTPClientRequest) async throws {
        if let token = try await accessToken() {
            request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)")
        }
    }

    /// Reacts to a 401 (refresh, else discover and authorize) or a 403 `insufficient_scope`
    /// (bounded step-up); `true` when the request should be sent again.
    public func shouldRetry(after challenge: HTTPAuthorizationChallenge) async throws -> Bool {
        if let inFlight { return try await inFlight.value }
        // Another request already replaced the refused token: just send again with the new one.
        let sent = challenge.requestHeaders.first(name: "Authorization")
        if let token = current?.tokens?.accessToken, sent != "Bearer \(token)" { return true }
        let bearer = AuthenticationChallenge.bearer(in: challenge.headers["WWW-Authenticate"])
        if let lastFailure, ContinuousClock.now - lastFailure.time < .seconds(30) { throw lastFailure.error }
        let task = Task {
            do {
                return try await self.respond(to: challenge, bearer: bearer)
            } catch let error as AuthorizationError {
                self.rememberFailure(error)
                throw error
            }
        }
        inFlight = task
        defer { inFlight = nil }
        return try await task.value
    }

    // MARK: Explicit use

    /// The access token to send now (refreshed first if it is about to expire), if there is one.
    public func accessToken() async throws -> String? {
        if let inFlight { _ = try? await inFlight.value }
        try await loadIfNeeded()
        guard let record = current, let tokens = record.tokens else { return nil }
        if tokens.expires(within: configuration.refreshLeeway), tokens.refreshToken != nil {
            // A failed refresh leaves the old token: the server's 401 then starts over.
            if let refreshing {
                _ = try? await refreshing.value
            } else {
                let task = Task { try await self.refresh(record) }
                refreshing = task
                _ = try? await task.value
                refreshing = nil
            }
        }
        return current?.tokens?.accessToken
    }

    /// Authorizes now (as `mcp auth login` does), whatever is stored: discovers from the server's
    /// answer to an unauthenticated request, then runs the configured grant.
    @discardableResult
    public func login(scopes: [String]? = nil) async throws -> AuthorizationRecord {
        try await loadIfNeeded()
        let challenge = try await probe()
        let discovered = try await AuthorizationDiscovery(http: http).discover(serverURL: serverURL, resourceMetadataURL: challenge?.resourceMetadata)
        var record = try await record(for: discovered)
        let selected = scopes ?? configuration.scopes ?? ScopeSelection.initial(
            challenge: challenge?.scopes, protectedResource: discovered.protectedResource, authorizationServer: discovered.authorizationServer,
            wantsOfflineAccess: configuration.requestsOfflineAccess && configuration.grant == .authorizationCode
        )
        try await obtainTokens(&record, discovered: discovered, scopes: selected)
        lastFailure = nil
        return record
    }

    /// What is stored for this server (one record per authorization server).
    public func storedRecords() async throws -> [AuthorizationRecord] {
        try await store.records(server: server)
    }

    /// Forgets this server's tokens and registrations.
    public func logout() async throws {
        try await store.remove(server: server, issuer: nil)
        current = nil
        loaded = true
    }

    // MARK: Responding to refusals

    private func respond(to challenge: HTTPAuthorizationChallenge, bearer: AuthenticationChallenge?) async throws -> Bool {
        try await loadIfNeeded()
        switch challenge.statusCode {
        case 401:
            // A second 401 for one request is worth a full authorization only if the refused token was a refreshed one.
            guard challenge.previousRetries == 0 || (challenge.previousRetries == 1 && currentTokenIsRefreshed) else {
                // Authorizing again would only ask the user again for a token the server refuses.
                throw AuthorizationError(.tokenRejected, "\(server) refused the access token its authorization server just issued")
            }
            let discovered = try await AuthorizationDiscovery(http: http).discover(serverURL: serverURL, resourceMetadataURL: bearer?.resourceMetadata)
            var record = try await record(for: discovered)
            if challenge.previousRetries == 0, record.tokens?.refreshToken != nil, (try? await refresh(record)) != nil { return true }
            let scopes = configuration.scopes ?? ScopeSelection.initial(
                challenge: bearer?.scopes, protectedResource: discovered.protectedResource, authorizationServer: discovered.authorizationServer,
                wantsOfflineAccess: configuration.requestsOfflineAccess && configuration.grant == .authorizationCode
            )
            try await obtainTokens(&record, discovered: discovered, scopes: scopes)
            return true
        case 403:
            guard let bearer, bearer.error == "insufficient_scope" else { return false }
            let required = bearer.scopes ?? []
            let granted = current?.tokens?.scopes ?? current?.requestedScopes ?? []
            if challenge.previousRetries >= configuration.maximumStepUpAttempts || (!required.isEmpty && Set(required).isSubset(of: granted)) {
                throw AuthorizationError(
                    .stepUpLimitReached,
                    "the server still refuses for lack of scope (\(required.joined(separator: " "))) after \(challenge.previousRetries) authorization(s); giving up"
                )
            }
            let discovered = try await AuthorizationDiscovery(http: http).discover(serverURL: serverURL, resourceMetadataURL: bearer.resourceMetadata)
            var record = try await record(for: discovered)
            let scopes = ScopeSelection.stepUp(
                previous: record.requestedScopes, challenge: required, authorizationServer: discovered.authorizationServer,
                wantsOfflineAccess: configuration.requestsOfflineAccess && configuration.grant == .authorizationCode
            )
            try await obtainTokens(&record, discovered: discovered, scopes: scopes)
            return true
        default:
            return false
        }
    }

    private func rememberFailure(_ error: AuthorizationError) {
        lastFailure = (error, ContinuousClock.now)
    }

    // MARK: Records

    private func loadIfNeeded() async throws {
        guard !loaded else { return }
        current = try await store.records(server: server).first { $0.tokens != nil }
        loaded = true
    }

    /// The record for the discovered issuer: the current one, a stored one, or a new one. A
    /// different issuer than before starts afresh: nothing of another authorization server is reused.
    private func record(for discovered: DiscoveredAuthorization) async throws -> AuthorizationRecord {
        let issuer = discovered.authorizationServer.issuer
        var record: AuthorizationRecord
        if let current, current.issuer == issuer {
            record = current
        } else if let stored = try await store.record(server: server, issuer: issuer) {
            record = stored
        } else {
            record = AuthorizationRecord(server: server, issuer: issuer, resource: discovered.resource, authorizationServer: discovered.authorizationServer)
        }
        record.resource = discovered.resource
        record.authorizationServer = discovered.authorizationServer
        return record
    }

    private func adopt(_ record: AuthorizationRecord, refreshed: Bool) async throws {
        var record = record
        record.updatedAt = Date()
        try await store.save(record)
        current = record
        currentTokenIsRefreshed = refreshed
    }

    // MARK: Grants

    private func refresh(_ record: AuthorizationRecord) async throws {
        guard let tokens = record.tokens, let client = record.client else { return }
        let endpoint = TokenEndpoint(http: http, metadata: record.authorizationServer, client: client, signingKey: signingKey(for: client))
        var updated = record
        updated.tokens = try await endpoint.refresh(tokens, resource: record.resource, scopes: record.requestedScopes)
        try await adopt(updated, refreshed: true)
    }

    private func obtainTokens(_ record: inout AuthorizationRecord, discovered: DiscoveredAuthorization, scopes: [String]) async throws {
        let metadata = discovered.authorizationServer
        let registrar = ClientRegistrar(http: http, configuration: configuration)
        switch configuration.grant {
        case .clientCredentials:
            let client = try await registrar.registration(for: metadata, redirectURI: nil, existing: record.client)
            record.client = client
            let endpoint = TokenEndpoint(http: http, metadata: metadata, client: client, signingKey: signingKey(for: client))
            record.tokens = try await endpoint.clientCredentials(resource: discovered.resource, scopes: scopes)
        case .authorizationCode:
            guard let userAgent else {
                throw AuthorizationError(.interactionRequired, "\(server) requires authorization, which needs a browser")
            }
            let redirectURI = try await userAgent.redirectURI()
            let client = try await registrar.registration(for: metadata, redirectURI: redirectURI, existing: record.client)
            if record.client != client {
                // Kept even if the user gives up, so the next attempt does not register again.
                record.client = client
                try await store.save(record)
            }
            let request = try AuthorizationRequest(
                metadata: metadata, usesDefaultEndpoints: discovered.usesDefaultEndpoints, clientID: client.clientID, redirectURI: redirectURI,
                resource: discovered.resource, scopes: scopes, policy: configuration.urlPolicy
            )
            let callback = try await userAgent.authorize(url: request.url, redirectURI: redirectURI)
            let code = try request.code(fromCallback: callback)
            let endpoint = TokenEndpoint(http: http, metadata: metadata, client: client, signingKey: signingKey(for: client))
            record.tokens = try await endpoint.exchange(code: code, request: request)
        }
        record.requestedScopes = scopes
        try await adopt(record, refreshed: false)
    }

    private func signingKey(for client: ClientRegistration) -> ClientAssertionKey? {
        configuration.preRegisteredClients.first { $0.clientID == client.clientID && ($0.issuer == nil || $0.issuer == client.issuer) }?.signingKey
    }

    /// An unauthenticated `ping` to the server, for the `WWW-Authenticate` challenge it answers with.
    private func probe() async throws -> AuthenticationChallenge? {
        var request = HTTPClientRequest(url: serverURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json, text/event-stream")
        request.body = .bytes(ByteBuffer(string: #"{"jsonrpc":"2.0","id":0,"method":"ping"}"#))
        guard let response = try? await http.send(request, purpose: "MCP server"), response.status == 401 else { return nil }
        return AuthenticationChallenge.bearer(in: response.headers["WWW-Authenticate"])
    }
}
