public import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A private key for `private_key_jwt` client authentication (RFC 7523): the client signs a
/// short-lived JWT instead of sending a secret. On swift-crypto, so it works on Linux.
public struct ClientAssertionKey: Sendable {
    private enum Kind: Sendable {
        case p256, p384, ed25519
    }

    // The raw key bytes, not swift-crypto's key types (which are not Sendable): rebuilt per signature.
    private let kind: Kind
    private let rawKey: [UInt8]

    /// An ES256 key.
    public init(_ key: P256.Signing.PrivateKey) {
        kind = .p256
        rawKey = Array(key.rawRepresentation)
    }

    /// An ES384 key.
    public init(_ key: P384.Signing.PrivateKey) {
        kind = .p384
        rawKey = Array(key.rawRepresentation)
    }

    /// An EdDSA (Ed25519) key.
    public init(_ key: Curve25519.Signing.PrivateKey) {
        kind = .ed25519
        rawKey = Array(key.rawRepresentation)
    }

    /// A key read from PEM (PKCS#8 or SEC1): P-256 (ES256) or P-384 (ES384).
    public init(pem: String) throws {
        if let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) {
            self.init(key)
        } else if let key = try? P384.Signing.PrivateKey(pemRepresentation: pem) {
            self.init(key)
        } else {
            throw AuthorizationError(.invalidResponse, "the private key is neither a P-256 nor a P-384 key in PEM form")
        }
    }

    /// The JWS `alg`.
    public var algorithm: String {
        switch kind {
        case .p256: "ES256"
        case .p384: "ES384"
        case .ed25519: "EdDSA"
        }
    }

    /// A signed client assertion for `clientID`, addressed to `audience` (the issuer), valid for five minutes.
    func assertion(clientID: String, audience: String, now: Date = Date()) throws -> String {
        let issuedAt = Int(now.timeIntervalSince1970)
        let header = #"{"alg":"\#(algorithm)","typ":"JWT"}"#
        let claims: [String: ClaimValue] = [
            "iss": .string(clientID), "sub": .string(clientID), "aud": .string(audience),
            "jti": .string(Base64URL.randomString(byteCount: 16)), "iat": .int(issuedAt), "exp": .int(issuedAt + 300),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(try encoder.encode(claims))
        let data = Array(signingInput.utf8)
        let signature: [UInt8]
        switch kind {
        case .p256: signature = Array(try P256.Signing.PrivateKey(rawRepresentation: rawKey).signature(for: data).rawRepresentation)
        case .p384: signature = Array(try P384.Signing.PrivateKey(rawRepresentation: rawKey).signature(for: data).rawRepresentation)
        case .ed25519: signature = Array(try Curve25519.Signing.PrivateKey(rawRepresentation: rawKey).signature(for: data))
        }
        return signingInput + "." + Base64URL.encode(signature)
    }

    private enum ClaimValue: Encodable {
        case string(String)
        case int(Int)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            }
        }
    }
}
