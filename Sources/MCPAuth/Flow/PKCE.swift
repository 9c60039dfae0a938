import Crypto

/// A PKCE pair (RFC 7636) with the S256 method, the only one this client uses.
public struct PKCE: Sendable, Hashable {
    /// The secret sent with the token request.
    public let verifier: String
    /// BASE64URL(SHA256(verifier)), sent with the authorization request.
    public let challenge: String
    /// Always `S256`.
    public let method = "S256"

    /// A fresh pair: 32 random bytes make a 43-character verifier.
    public init() {
        self.init(verifier: Base64URL.randomString(byteCount: 32))
    }

    /// The pair for a given verifier.
    public init(verifier: String) {
        self.verifier = verifier
        self.challenge = Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }
}
