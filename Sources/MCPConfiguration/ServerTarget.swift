public import MCPCore
import MCPHTTP
public import MCPStdio
import MCPWebSocket
import NIOHTTP1
import HTTPTypes

/// Where an MCP server is and how to reach it: a process to launch, or a URL.
public enum ServerTarget: Sendable {
    /// A process spoken to over its stdin and stdout.
    case stdio(StdioServerParameters)
    /// An HTTP URL: Streamable HTTP, falling back to HTTP+SSE if the server only speaks that.
    case http(url: String, headers: [String: String])
    /// A Streamable HTTP endpoint, with no fallback.
    case streamableHTTP(url: String, headers: [String: String])
    /// A 2024-11-05 HTTP+SSE endpoint.
    case sse(url: String, headers: [String: String])
    /// A WebSocket URL.
    case webSocket(url: String, headers: [String: String])

    /// Infers the target from a string the way a user would type it: a `ws(s):` URL is a
    /// WebSocket, an `http(s):` URL is HTTP (a URL whose path ends in `/sse` is HTTP+SSE),
    /// anything else is a command line to launch.
    public static func infer(_ text: String) -> ServerTarget {
        let lowered = text.lowercased()
        if lowered.hasPrefix("ws://") || lowered.hasPrefix("wss://") { return .webSocket(url: text, headers: [:]) }
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            let path = lowered.split(separator: "?").first.map(String.init) ?? lowered
            if path.hasSuffix("/sse") { return .sse(url: text, headers: [:]) }
            return .http(url: text, headers: [:])
        }
        let words = text.split(separator: " ").map(String.init)
        return .stdio(StdioServerParameters(command: words.first ?? text, arguments: Array(words.dropFirst())))
    }

    /// A short description for people: the command line or the URL.
    public var summary: String {
        switch self {
        case .stdio(let parameters): return ([parameters.command] + parameters.arguments).joined(separator: " ")
        case .http(let url, _), .streamableHTTP(let url, _), .sse(let url, _), .webSocket(let url, _): return url
        }
    }

    /// Options that apply to every network target.
    public struct ConnectionOptions: Sendable {
        /// Headers added to every HTTP request or to the WebSocket handshake.
        public var headers: [String: String]
        /// A bearer token (sent as `Authorization: Bearer …`, never logged).
        public var bearerToken: String?
        /// How long to wait for a connection.
        public var connectTimeout: Duration
        /// What happens to a stdio server's stderr.
        public var stderr: StderrHandling

        /// Creates options.
        public init(headers: [String: String] = [:], bearerToken: String? = nil, connectTimeout: Duration = .seconds(30), stderr: StderrHandling = .passThrough) {
            self.headers = headers
            self.bearerToken = bearerToken
            self.connectTimeout = connectTimeout
            self.stderr = stderr
        }
    }

    /// A new transport for this target (each connection needs its own).
    public func makeTransport(options: ConnectionOptions = .init()) throws -> any Transport {
        func http(_ extra: [String: String]) -> HTTPTransportConfiguration {
            var headers = HTTPHeaders()
            for (name, value) in extra.merging(options.headers, uniquingKeysWith: { _, new in new }) { headers.add(name: name, value: value) }
            return HTTPTransportConfiguration(headers: headers, bearerToken: options.bearerToken, connectTimeout: options.connectTimeout)
        }
        switch self {
        case .stdio(var parameters):
            parameters.stderr = options.stderr
            return StdioTransport(parameters)
        case .http(let url, let headers):
            return try HTTPTransport(url: url, configuration: http(headers))
        case .streamableHTTP(let url, let headers):
            return try StreamableHTTPTransport(url: url, configuration: http(headers))
        case .sse(let url, let headers):
            return try SSEClientTransport(url: url, configuration: http(headers))
        case .webSocket(let url, let headers):
            var fields = WebSocketTransport.Configuration().headers
            for (name, value) in headers.merging(options.headers, uniquingKeysWith: { _, new in new }) {
                if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
            }
            return try WebSocketTransport(
                url: url,
                configuration: .init(headers: fields, bearerToken: options.bearerToken, connectTimeout: options.connectTimeout)
            )
        }
    }
}
