#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The spec's client security rules for every URL the authorization layer fetches or opens:
/// HTTPS except on loopback, no private or link-local addresses (SSRF), and only `http`/`https`
/// authorization URLs free of characters a shell could interpret.
public struct URLSecurityPolicy: Sendable, Hashable {
    /// Whether plain `http` is accepted for loopback hosts (`localhost`, 127.0.0.0/8, `::1`).
    public var allowsLoopbackHTTP: Bool
    /// Whether loopback hosts may be fetched at all (local development and tests).
    public var allowsLoopback: Bool
    /// Whether private, link-local and unique-local addresses may be fetched (off: SSRF protection).
    public var allowsPrivateNetworks: Bool

    /// Creates a policy; the defaults suit a developer's machine (loopback allowed, private ranges not).
    public init(allowsLoopbackHTTP: Bool = true, allowsLoopback: Bool = true, allowsPrivateNetworks: Bool = false) {
        self.allowsLoopbackHTTP = allowsLoopbackHTTP
        self.allowsLoopback = allowsLoopback
        self.allowsPrivateNetworks = allowsPrivateNetworks
    }

    /// Checks a URL the client is about to fetch (metadata, token, registration endpoints).
    public func checkFetchable(_ text: String, purpose: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw AuthorizationError(.insecureURL, "refused the \(purpose) URL \(text): not an absolute URL")
        }
        let kind = Self.classify(host: host)
        switch kind {
        case .ambiguous:
            throw AuthorizationError(.insecureURL, "refused the \(purpose) URL \(text): its host is an ambiguous numeric address")
        case .loopback where !allowsLoopback:
            throw AuthorizationError(.insecureURL, "refused the \(purpose) URL \(text): loopback addresses are not allowed")
        case .privateNetwork where !allowsPrivateNetworks:
            throw AuthorizationError(.insecureURL, "refused the \(purpose) URL \(text): private and link-local addresses are not fetched (SSRF)")
        default:
            break
        }
        switch scheme {
        case "https":
            return
        case "http" where kind == .loopback && allowsLoopbackHTTP:
            return
        default:
            throw AuthorizationError(.insecureURL, "refused the \(purpose) URL \(text): only https (or http on loopback) is allowed")
        }
    }

    /// Checks an authorization URL before it is shown or opened: `https` (or `http` on loopback)
    /// only, never `javascript:`, `data:`, `file:` or any other scheme, and no characters that a
    /// shell or a terminal could interpret.
    public func checkAuthorizationURL(_ text: String) throws {
        let forbidden: Set<Character> = [" ", "\"", "'", "`", "<", ">", "\\", "^", "{", "}", "|", "$", ";"]
        if text.contains(where: { forbidden.contains($0) || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }) {
            throw AuthorizationError(.insecureURL, "refused an authorization URL containing unsafe characters")
        }
        guard let scheme = URLComponents(string: text)?.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw AuthorizationError(.insecureURL, "refused an authorization URL whose scheme is not https")
        }
        try checkFetchable(text, purpose: "authorization")
    }

    // MARK: Hosts

    enum HostKind: Equatable {
        case name, publicAddress, loopback, privateNetwork, ambiguous
    }

    /// What a URL's host is. Numeric forms other than dotted-quad IPv4 and bracketed IPv6
    /// (octal, hex, shortened) are "ambiguous": resolvers read them differently, so they are refused.
    static func classify(host rawHost: String) -> HostKind {
        var host = rawHost.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host.hasSuffix(".localhost") { return .loopback }
        if host.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, host, &address) == 1 else { return .ambiguous }
            let bytes = withUnsafeBytes(of: &address) { Array($0) }
            return classify(ipv6: bytes)
        }
        // Hex labels (0x7f…) are read as numbers by inet_aton-style resolvers.
        if host.split(separator: ".").contains(where: { $0.hasPrefix("0x") && $0.dropFirst(2).allSatisfy(\.isHexDigit) }) { return .ambiguous }
        // A host whose last label is numeric is an address (no top-level domain is numeric).
        if let last = host.split(separator: ".").last, last.allSatisfy(\.isNumber) {
            let parts = host.split(separator: ".", omittingEmptySubsequences: false)
            let octets = parts.compactMap { part -> UInt8? in
                guard part.count <= 3, part.allSatisfy(\.isNumber), part.count == 1 || part.first != "0" else { return nil }
                return UInt8(part)
            }
            guard parts.count == 4, octets.count == 4 else { return .ambiguous }
            return classify(ipv4: octets)
        }
        return .name
    }

    static func classify(ipv4 octets: [UInt8]) -> HostKind {
        switch (octets[0], octets[1]) {
        case (127, _): return .loopback
        case (10, _), (0, _): return .privateNetwork
        case (172, 16...31), (192, 168), (169, 254), (100, 64...127): return .privateNetwork
        default: return .publicAddress
        }
    }

    static func classify(ipv6 bytes: [UInt8]) -> HostKind {
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return .loopback }
        if bytes.allSatisfy({ $0 == 0 }) { return .privateNetwork }
        // IPv4-mapped (::ffff:a.b.c.d): the embedded address decides.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return classify(ipv4: Array(bytes[12..<16])) }
        if bytes[0] & 0xFE == 0xFC { return .privateNetwork }  // fc00::/7
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return .privateNetwork }  // fe80::/10
        return .publicAddress
    }
}
