#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOHTTP1

/// Requests to an authorization server's token endpoint, with the client authentication the
/// registration calls for (`none`, `client_secret_basic`, `client_secret_post`, `private_key_jwt`).
struct TokenEndpoint {
    let http: AuthHTTPClient
    let metadata: AuthorizationServerMetadata
    let client: ClientRegistration
    let signingKey: ClientAssertionKey?

    /// Exchanges an authorization code (with its PKCE verifier and the same `resource`).
    func exchange(code: String, request: AuthorizationRequest) async throws -> TokenSet {
        try await send([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", request.redirectURI),
            ("code_verifier", request.pkce.verifier), ("resource", request.resource),
        ], requestedScopes: request.scopes)
    }

    /// Refreshes; a rotated refresh token replaces the old one, else the old one is kept.
    func refresh(_ tokens: TokenSet, resource: String, scopes: [String]) async throws -> TokenSet {
        guard let refreshToken = tokens.refreshToken else {
            throw AuthorizationError(.tokenRequestFailed, "there is no refresh token")
        }
        var refreshed = try await send([("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("resource", resource)], requestedScopes: scopes)
        if refreshed.refreshToken == nil { refreshed.refreshToken = refreshToken }
        return refreshed
    }

    /// The client credentials grant: the client acting on its own behalf.
    func clientCredentials(resource: String, scopes: [String]) async throws -> TokenSet {
        var fields = [("grant_type", "client_credentials"), ("resource", resource)]
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        return try await send(fields, requestedScopes: scopes)
    }

    private func send(_ grant: [(String, String)], requestedScopes: [String]) async throws -> TokenSet {
        var fields = grant
        var headers = HTTPHeaders()
        switch client.tokenEndpointAuthMethod {
        case "client_secret_basic":
            guard let secret = client.clientSecret else { throw missing("a client secret") }
            // RFC 6749 §2.3.1: both parts form-encoded before Base64.
            let credentials = FormURLEncoding.encode(client.clientID) + ":" + FormURLEncoding.encode(secret)
            headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
            // Not an authentication method of its own: some servers (the Python SDK's) need it to find the client.
            fields.append(("client_id", client.clientID))
        case "client_secret_post":
            guard let secret = client.clientSecret else { throw missing("a client secret") }
            fields += [("client_id", client.clientID), ("client_secret", secret)]
        case "private_key_jwt":
            guard let signingKey else { throw missing("a private key") }
            fields += [
                ("client_id", client.clientID),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", try signingKey.assertion(clientID: client.clientID, audience: metadata.issuer)),
            ]
        default:
            fields.append(("client_id", client.clientID))
        }
        let response = try await http.postForm(metadata.tokenEndpoint, fields: fields, headers: headers, purpose: "token")
        guard (200..<300).contains(response.status) else {
            let error = try? JSONDecoder().decode(OAuthErrorBody.self, from: response.body)
            throw AuthorizationError(
                .tokenRequestFailed, "the token endpoint answered HTTP \(response.status)\(error.map { ": \($0.summary)" } ?? "")", oauthError: error?.error
            )
        }
        let answer = try response.decode(TokenResponse.self, what: "token response")
        guard answer.tokenType.lowercased() == "bearer" else {
            throw AuthorizationError(.invalidResponse, "the token endpoint issued a \(answer.tokenType) token; only Bearer is supported")
        }
        return TokenSet(
            accessToken: answer.accessToken, tokenType: "Bearer", refreshToken: answer.refreshToken,
            expiresAt: answer.expiresIn.map { Date().addingTimeInterval($0) },
            scopes: answer.scope.map { $0.split(separator: " ").map(String.init) } ?? (requestedScopes.isEmpty ? nil : requestedScopes)
        )
    }

    private func missing(_ what: String) -> AuthorizationError {
        AuthorizationError(.tokenRequestFailed, "the client \(client.clientID) authenticates with \(client.tokenEndpointAuthMethod) but has no \(what)")
    }

    private struct TokenResponse: Decodable {
        var accessToken: String
        var tokenType: String
        var refreshToken: String?
        var expiresIn: Double?
        var scope: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case tokenType = "token_type"
            case refreshToken = "refresh_token"
            case expiresIn = "expires_in"
            case scope
        }
    }
}
