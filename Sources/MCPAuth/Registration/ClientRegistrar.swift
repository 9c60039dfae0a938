#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Obtains a client ID in the specification's priority order: pre-registered credentials, a
/// Client ID Metadata Document, Dynamic Client Registration, then asking the user.
struct ClientRegistrar {
    let http: AuthHTTPClient
    let configuration: OAuthConfiguration

    /// A registration for `metadata`'s issuer; `existing` (a stored one for the same server and
    /// issuer) is reused when it still fits.
    func registration(for metadata: AuthorizationServerMetadata, redirectURI: String?, existing: ClientRegistration?) async throws -> ClientRegistration {
        let issuer = metadata.issuer
        if let preRegistered = configuration.preRegisteredClients.first(where: { $0.issuer == issuer })
            ?? configuration.preRegisteredClients.first(where: { $0.issuer == nil })
        {
            return ClientRegistration(
                clientID: preRegistered.clientID, clientSecret: preRegistered.clientSecret,
                tokenEndpointAuthMethod: preRegistered.tokenEndpointAuthMethod ?? Self.authMethod(for: preRegistered, metadata: metadata),
                issuer: issuer, source: .preRegistered
            )
        }
        if !configuration.preRegisteredClients.isEmpty {
            // Pre-registered credentials are bound to their authorization server: never tried elsewhere.
            throw AuthorizationError(
                .authorizationServerChanged,
                "the server's authorization server is now \(issuer), which none of the pre-registered client credentials belongs to"
            )
        }
        if let existing, existing.issuer == issuer, redirectURI == nil || existing.redirectURIs.isEmpty || existing.redirectURIs.contains(redirectURI!) {
            return existing
        }
        if let documentURL = configuration.clientMetadataDocumentURL, metadata.clientIdMetadataDocumentSupported == true {
            return ClientRegistration(
                clientID: documentURL, tokenEndpointAuthMethod: "none", issuer: issuer, redirectURIs: redirectURI.map { [$0] } ?? [], source: .metadataDocument
            )
        }
        if let endpoint = metadata.registrationEndpoint {
            return try await register(at: endpoint, metadata: metadata, redirectURI: redirectURI)
        }
        if let prompt = configuration.askForClient, let answer = try await prompt(issuer) {
            return ClientRegistration(
                clientID: answer.clientID, clientSecret: answer.clientSecret,
                tokenEndpointAuthMethod: answer.tokenEndpointAuthMethod ?? Self.authMethod(for: answer, metadata: metadata),
                issuer: issuer, source: .userProvided
            )
        }
        throw AuthorizationError(
            .registrationFailed,
            "no client ID for \(issuer): it supports neither Client ID Metadata Documents nor dynamic registration; give a pre-registered client ID"
        )
    }

    /// RFC 7591 registration as a native (or web) application.
    private func register(at endpoint: String, metadata: AuthorizationServerMetadata, redirectURI: String?) async throws -> ClientRegistration {
        let supported = metadata.tokenEndpointAuthMethodsSupported ?? ["none"]
        let method = ["none", "client_secret_basic", "client_secret_post"].first(where: supported.contains) ?? "none"
        var grantTypes = configuration.grant == .clientCredentials ? ["client_credentials"] : ["authorization_code", "refresh_token"]
        if configuration.grant == .authorizationCode, metadata.grantTypesSupported.map({ !$0.contains("refresh_token") }) == true {
            grantTypes = ["authorization_code"]
        }
        var body: [String: RegistrationField] = [
            "client_name": .string(configuration.clientName),
            "grant_types": .strings(grantTypes),
            "response_types": .strings(configuration.grant == .clientCredentials ? [] : ["code"]),
            "token_endpoint_auth_method": .string(method),
            "application_type": .string(configuration.applicationType),
        ]
        if let redirectURI { body["redirect_uris"] = .strings([redirectURI]) }
        let response = try await http.postJSON(endpoint, body: try JSONEncoder().encode(body), purpose: "registration")
        guard (200..<300).contains(response.status) else {
            let error = try? JSONDecoder().decode(OAuthErrorBody.self, from: response.body)
            throw AuthorizationError(
                .registrationFailed,
                "dynamic registration at \(endpoint) failed with HTTP \(response.status)\(error.map { ": \($0.summary)" } ?? "")",
                oauthError: error?.error
            )
        }
        let answer = try response.decode(RegistrationResponse.self, what: "registration response")
        return ClientRegistration(
            clientID: answer.clientID, clientSecret: answer.clientSecret,
            tokenEndpointAuthMethod: answer.tokenEndpointAuthMethod ?? (answer.clientSecret == nil ? "none" : method == "none" ? "client_secret_basic" : method),
            issuer: metadata.issuer, redirectURIs: redirectURI.map { [$0] } ?? [], source: .dynamic
        )
    }

    /// The method for given credentials: a key means `private_key_jwt`; a secret the first of
    /// basic or post the server supports (basic, the RFC 8414 default, when it lists none).
    static func authMethod(for client: PreRegisteredClient, metadata: AuthorizationServerMetadata) -> String {
        if client.signingKey != nil { return "private_key_jwt" }
        guard client.clientSecret != nil else { return "none" }
        let supported = metadata.tokenEndpointAuthMethodsSupported ?? ["client_secret_basic"]
        return ["client_secret_basic", "client_secret_post"].first(where: supported.contains) ?? "client_secret_basic"
    }

    private struct RegistrationResponse: Decodable {
        var clientID: String
        var clientSecret: String?
        var tokenEndpointAuthMethod: String?

        enum CodingKeys: String, CodingKey {
            case clientID = "client_id"
            case clientSecret = "client_secret"
            case tokenEndpointAuthMethod = "token_endpoint_auth_method"
        }
    }
}
