import Foundation
@testable import MCPAuth
import MCPClient
import MCPCore
import MCPHTTP

/// A connected client whose transport authorizes through an ``OAuthAuthorizer``.
struct AuthorizedConnection {
    let client: Client
    let authorizer: OAuthAuthorizer
    let userAgent: HeadlessUserAgent
}

enum AuthTest {
    /// Connects to `url` with an authorizer (a headless user agent by default).
    static func connect(
        _ url: String, configuration: OAuthConfiguration = OAuthConfiguration(), store: any TokenStore = InMemoryTokenStore(),
        userAgent: HeadlessUserAgent = HeadlessUserAgent(), interactive: Bool = true
    ) async throws -> AuthorizedConnection {
        let authorizer = try OAuthAuthorizer(serverURL: url, configuration: configuration, store: store, userAgent: interactive ? userAgent : nil)
        let transport = try StreamableHTTPTransport(url: url, configuration: HTTPTransportConfiguration(authorizer: authorizer))
        var clientConfiguration = Client.Configuration()
        clientConfiguration.requestTimeout = TestSanitizer.scaled(.seconds(30))
        // The mock resource servers speak the handshake era; this suite tests authorization.
        clientConfiguration.protocolMode = .legacy
        let client = Client(configuration: clientConfiguration)
        do {
            try await client.connect(transport)
        } catch {
            await client.close()
            throw error
        }
        return AuthorizedConnection(client: client, authorizer: authorizer, userAgent: userAgent)
    }

    /// The authorization error inside whatever a client call threw (session, transport, authorizer).
    static func authorizationError(in error: any Error) -> AuthorizationError? {
        var current: (any Error)? = error
        while let error = current {
            if let found = error as? AuthorizationError { return found }
            if let transport = error as? TransportError {
                current = transport.underlyingError
            } else if let client = error as? ClientError {
                current = client.underlyingError
            } else {
                return nil
            }
        }
        return nil
    }

    /// The transport error inside whatever a client call threw.
    static func transportError(in error: any Error) -> TransportError? {
        var current: (any Error)? = error
        while let error = current {
            if let found = error as? TransportError { return found }
            guard let client = error as? ClientError else { return nil }
            current = client.underlyingError
        }
        return nil
    }

    /// Runs `body` expecting it to fail with an authorization error, and returns that error.
    static func expectAuthorizationFailure(_ body: () async throws -> Void) async -> AuthorizationError? {
        do {
            try await body()
            return nil
        } catch {
            return authorizationError(in: error)
        }
    }
}
