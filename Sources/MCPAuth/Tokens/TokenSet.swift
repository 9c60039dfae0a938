#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The tokens a token endpoint issued.
public struct TokenSet: Codable, Sendable, Hashable {
    /// The access token (never logged).
    public var accessToken: String
    /// The token type, `Bearer`.
    public var tokenType: String
    /// The refresh token, if one was issued (never logged).
    public var refreshToken: String?
    /// When the access token expires, if the server said.
    public var expiresAt: Date?
    /// The scopes granted, if the server said (else those requested).
    public var scopes: [String]?

    /// Creates a token set.
    public init(accessToken: String, tokenType: String = "Bearer", refreshToken: String? = nil, expiresAt: Date? = nil, scopes: [String]? = nil) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scopes = scopes
    }

    /// Whether the access token expires within `leeway` of `now`.
    public func expires(within leeway: Duration, of now: Date = Date()) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) <= Double(leeway.components.seconds)
    }
}

extension TokenSet: CustomStringConvertible {
    /// A description that shows no token.
    public var description: String {
        "TokenSet(type: \(tokenType), refreshable: \(refreshToken != nil), expiresAt: \(expiresAt.map { "\($0)" } ?? "unknown"), scopes: \(scopes ?? []))"
    }
}
