import Crypto
import Foundation
@testable import MCPAuth
import Testing

/// The client credentials grant (the conformance suite's client-credentials-jwt and -basic).
@Suite("Client credentials grant")
struct ClientCredentialsTests {
    @Test("private_key_jwt: an ES256 assertion signed with swift-crypto, iss = sub = client ID, aud = issuer")
    func privateKeyJWT() async throws {
        let server = try await MockOAuthServer(["grant_types": ["client_credentials"], "auth_methods": ["private_key_jwt"], "registration": false])
        defer { server.stop() }
        let key = P256.Signing.PrivateKey()
        let signingKey = try ClientAssertionKey(pem: key.pemRepresentation)
        let configuration = OAuthConfiguration(
            grant: .clientCredentials, preRegisteredClients: [PreRegisteredClient(clientID: "conformance-test-client", signingKey: signingKey)]
        )
        let connection = try await AuthTest.connect(server.mcpURL, configuration: configuration, interactive: false)
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()

        let form = try #require(try await server.tokenForms().first)
        #expect(form["grant_type"] == "client_credentials")
        #expect(form["resource"] == server.mcpURL)
        #expect(form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        let parts = try #require(form["client_assertion"]).split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = try JSONSerialization.jsonObject(with: try Self.base64URLDecode(parts[0])) as? [String: Any]
        #expect(header?["alg"] as? String == "ES256")
        let claims = try #require(try JSONSerialization.jsonObject(with: try Self.base64URLDecode(parts[1])) as? [String: Any])
        #expect(claims["iss"] as? String == "conformance-test-client")
        #expect(claims["sub"] as? String == "conformance-test-client")
        #expect(claims["aud"] as? String == server.issuer)
        #expect(claims["jti"] is String)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: try Self.base64URLDecode(parts[2]))
        #expect(key.publicKey.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8)))
        #expect(try await server.authorizationQueries().isEmpty)
    }

    @Test("client_secret_basic with pre-registered credentials")
    func clientSecretBasic() async throws {
        let server = try await MockOAuthServer(["grant_types": ["client_credentials"], "auth_methods": ["client_secret_basic"], "registration": false])
        defer { server.stop() }
        let configuration = OAuthConfiguration(
            grant: .clientCredentials,
            preRegisteredClients: [PreRegisteredClient(clientID: "conformance-test-client", clientSecret: "conformance-test-secret")]
        )
        let connection = try await AuthTest.connect(server.mcpURL, configuration: configuration, interactive: false)
        #expect(try await connection.client.listTools().tools.count == 1)
        await connection.client.close()
        let entry = try #require(try await server.log("token").first)
        #expect(entry["authorization"] as? String == "Basic " + Data("conformance-test-client:conformance-test-secret".utf8).base64EncodedString())
        #expect((entry["form"] as? [String: String])?["grant_type"] == "client_credentials")
    }

    @Test("pre-registered credentials bound to another issuer are never sent; the change is reported")
    func preRegisteredForAnotherIssuer() async throws {
        let server = try await MockOAuthServer(["grant_types": ["client_credentials"], "auth_methods": ["client_secret_basic"]])
        defer { server.stop() }
        let configuration = OAuthConfiguration(
            grant: .clientCredentials,
            preRegisteredClients: [PreRegisteredClient(issuer: "https://old-as.example.com", clientID: "old", clientSecret: "old-secret")]
        )
        let error = await AuthTest.expectAuthorizationFailure { _ = try await AuthTest.connect(server.mcpURL, configuration: configuration, interactive: false) }
        #expect(error?.code == .authorizationServerChanged)
        #expect(try await server.tokenForms().isEmpty)
        #expect(try await server.log("register").isEmpty)
    }

    static func base64URLDecode(_ text: String) throws -> Data {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return try #require(Data(base64Encoded: base64))
    }
}
