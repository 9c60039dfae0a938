import MCPCore

/// Seals and opens the `requestState` of 2026-07-28 multi round-trip requests.
///
/// The state carries the answers the client gave in earlier rounds, so a retry holds everything
/// needed to finish the request (the specification's statelessness: any connection, no storage
/// on the server). The client must not be able to forge or transplant it, so the token is
/// HMAC-SHA-256 sealed with a key made per ``MCPServer`` instance, and binds the method, a digest
/// of the request's own parameters and an expiry. Tokens therefore do not survive the server
/// instance, which is the intent for an in-process server.
struct RequestStateCodec: Sendable {
    /// What a token carries.
    struct Payload: Codable, Sendable, Equatable {
        /// The method of the request the state belongs to.
        var method: String
        /// The digest of that request's parameters (see ``binding(method:params:)``).
        var binding: String
        /// Milliseconds since ``origin`` after which the state is refused.
        var expires: Int64
        /// The keys of the input requests of the round that minted the state: only their answers
        /// are taken from the retry's `inputResponses`.
        var asked: [String]
        /// Answers from earlier rounds, by input request key.
        var answers: JSONObject
    }

    /// The longest token accepted, so a hostile client cannot make the server hash megabytes.
    static let maximumTokenLength = 1 << 20

    private let key: [UInt8]
    private let origin = ContinuousClock.now
    /// How long a minted state stays valid.
    let lifetime: Duration

    init(lifetime: Duration) {
        var generator = SystemRandomNumberGenerator()
        key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.lifetime = lifetime
    }

    /// The digest binding a state to its request: the method and the parameters the client sent,
    /// minus what legitimately changes between rounds (`_meta`, `inputResponses`, `requestState`).
    static func binding(method: String, params: JSONObject?) -> String {
        var salient = params ?? [:]
        for key in ["_meta", "inputResponses", "requestState"] { _ = salient.removeValue(forKey: key) }
        let bytes = Array(method.utf8) + [0x0A] + Array(JSONValue.object(salient).jsonString().utf8)
        return hex(SHA256.hash(bytes))
    }

    /// The expiry of a state minted now.
    func expiryFromNow() -> Int64 {
        milliseconds(ContinuousClock.now - origin + lifetime)
    }

    /// The opaque token for `payload`: base64 JSON, a dot, the base64 MAC.
    func seal(_ payload: Payload) throws -> String {
        let body = Array(try JSONValue(encoding: payload).jsonString().utf8)
        return Base64.encode(body) + "." + Base64.encode(SHA256.hmac(key: key, message: body))
    }

    /// Opens a token the client echoed, checking its MAC, expiry and request binding.
    func open(_ token: String, method: String, binding: String) throws(MCPError) -> Payload {
        let invalid = MCPError.invalidParams("requestState is invalid, expired or belongs to another request")
        guard token.utf8.count <= Self.maximumTokenLength else { throw invalid }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let body = Base64.decode(String(parts[0])), let mac = Base64.decode(String(parts[1])),
            SHA256.constantTimeEqual(mac, SHA256.hmac(key: key, message: body))
        else { throw invalid }
        let payload: Payload
        do {
            payload = try JSONValue(parsing: body).decode(Payload.self)
        } catch {
            throw invalid
        }
        guard payload.method == method, payload.binding == binding, payload.expires >= milliseconds(ContinuousClock.now - origin) else {
            throw invalid
        }
        return payload
    }

    private func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }
}
