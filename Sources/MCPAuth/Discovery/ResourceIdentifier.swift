#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The canonical URI of an MCP server (RFC 8707 §2) and the rules for matching it.
enum ResourceIdentifier {
    /// `scheme://host[:port]/path`: scheme and host lowercased, default port dropped, no
    /// fragment or query, no trailing slash (unless the path is only "/", which is dropped too).
    static func canonical(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(),
            !host.isEmpty
        else { return nil }
        var result = "\(scheme)://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)"
        if let port = components.port, !(scheme == "https" && port == 443) && !(scheme == "http" && port == 80) { result += ":\(port)" }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        return result + path
    }

    /// Whether the protected resource `advertised` covers the server at `serverURL`: same origin,
    /// and its path equal to the server's or a parent of it on a segment boundary (a server at
    /// `/mcp` may be described by root metadata whose resource is the bare origin).
    static func covers(_ advertised: String, serverURL: String) -> Bool {
        guard let resource = canonical(advertised), let server = canonical(serverURL) else { return false }
        return server == resource || server.hasPrefix(resource + "/")
    }

    /// `scheme://host[:port]` of a URL, as written.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return nil }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart)" + (components.port.map { ":\($0)" } ?? "")
    }

    /// The path of a URL without trailing slashes ("" for none).
    static func trimmedPath(of url: String) -> String {
        var path = URLComponents(string: url)?.percentEncodedPath ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
