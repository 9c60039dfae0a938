#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import MCPCore
public import MCPStdio

/// A file in the `mcpServers` format that desktop MCP hosts use:
///
/// ```json
/// {
///   "mcpServers": {
///     "time": { "command": "uvx", "args": ["mcp-server-time"], "env": { "TZ": "${TZ}" } },
///     "remote": { "type": "http", "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } }
///   }
/// }
/// ```
///
/// `${NAME}` in any string is replaced by the environment variable `NAME` (`${NAME:-default}`
/// gives a default); a variable that is unset and has no default is an error naming it.
public struct ConfigurationFile: Sendable {
    /// One configured server.
    public struct Server: Sendable {
        /// The server's name in the file.
        public var name: String
        /// How to reach it.
        public var target: ServerTarget
        /// The entry as written (after variable expansion), including members this SDK does not use.
        public var entry: JSONObject
    }

    /// The servers, in the file's order.
    public var servers: [Server]

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String, environment: [String: String] = ProcessEnvironment.current) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read the configuration file \(path)")
        }
        do {
            try self.init(json: try JSONValue(parsing: Array(data)), environment: environment)
        } catch let error as JSONParseError {
            throw ConfigurationError("\(path) is not valid JSON: \(error)")
        }
    }

    /// Parses a configuration from JSON.
    public init(json: JSONValue, environment: [String: String] = ProcessEnvironment.current) throws {
        guard let servers = json["mcpServers"]?.objectValue ?? json["servers"]?.objectValue else {
            throw ConfigurationError("the configuration has no \"mcpServers\" object")
        }
        self.servers = try servers.map { name, value in
            guard case .object(let raw) = value else { throw ConfigurationError("server \"\(name)\" must be an object") }
            let entry = try Self.expand(raw, environment: environment, server: name)
            return Server(name: name, target: try Self.target(entry, name: name), entry: entry)
        }
    }

    /// The server named `name`.
    public func server(named name: String) throws -> Server {
        guard let server = servers.first(where: { $0.name == name }) else {
            throw ConfigurationError("no server named \"\(name)\" (configured: \(servers.map(\.name).joined(separator: ", ")))")
        }
        return server
    }

    private static func target(_ entry: JSONObject, name: String) throws -> ServerTarget {
        func strings(_ key: String) throws -> [String: String] {
            guard let value = entry[key] else { return [:] }
            guard case .object(let object) = value else { throw ConfigurationError("server \"\(name)\": \"\(key)\" must be an object of strings") }
            var result: [String: String] = [:]
            for (key, value) in object {
                guard let string = value.stringValue else { throw ConfigurationError("server \"\(name)\": \"\(key)\" must be a string") }
                result[key] = string
            }
            return result
        }
        if let command = entry["command"] {
            guard let command = command.stringValue, !command.isEmpty else { throw ConfigurationError("server \"\(name)\": \"command\" must be a string") }
            let arguments = try (entry["args"]?.arrayValue ?? []).map { value -> String in
                guard let string = value.stringValue else { throw ConfigurationError("server \"\(name)\": \"args\" must be strings") }
                return string
            }
            return .stdio(StdioServerParameters(
                command: command,
                arguments: arguments,
                environment: try strings("env"),
                workingDirectory: entry["cwd"]?.stringValue
            ))
        }
        guard let url = entry["url"]?.stringValue ?? entry["serverUrl"]?.stringValue else {
            throw ConfigurationError("server \"\(name)\" needs a \"command\" or a \"url\"")
        }
        let headers = try strings("headers")
        switch entry["type"]?.stringValue?.lowercased() ?? entry["transport"]?.stringValue?.lowercased() {
        case nil, "http":
            if case .sse(let inferred, _) = ServerTarget.infer(url) { return .sse(url: inferred, headers: headers) }
            return .http(url: url, headers: headers)
        case "streamable-http", "streamablehttp", "streamable_http":
            return .streamableHTTP(url: url, headers: headers)
        case "sse":
            return .sse(url: url, headers: headers)
        case "ws", "websocket":
            return .webSocket(url: url, headers: headers)
        case let other?:
            throw ConfigurationError("server \"\(name)\": unknown type \"\(other)\" (http, streamable-http, sse, ws)")
        }
    }

    /// Replaces `${NAME}` and `${NAME:-default}` in every string of `object`.
    static func expand(_ object: JSONObject, environment: [String: String], server: String) throws -> JSONObject {
        var result = JSONObject()
        for (key, value) in object { result[key] = try expand(value, environment: environment, server: server) }
        return result
    }

    private static func expand(_ value: JSONValue, environment: [String: String], server: String) throws -> JSONValue {
        switch value {
        case .string(let string): return .string(try expand(string, environment: environment, server: server))
        case .array(let array): return .array(try array.map { try expand($0, environment: environment, server: server) })
        case .object(let object): return .object(try expand(object, environment: environment, server: server))
        default: return value
        }
    }

    static func expand(_ string: String, environment: [String: String], server: String) throws -> String {
        guard string.contains("${") else { return string }
        var output = ""
        var rest = Substring(string)
        while let start = rest.firstRange(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw ConfigurationError("server \"\(server)\": unterminated ${ in \"\(string)\"")
            }
            let expression = rest[start.upperBound..<end]
            let (name, fallback): (Substring, Substring?) = {
                if let range = expression.firstRange(of: ":-") { return (expression[..<range.lowerBound], expression[range.upperBound...]) }
                return (expression, nil)
            }()
            if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                throw ConfigurationError("server \"\(server)\": the environment variable \(name) is not set")
            }
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}

/// A configuration file that cannot be used.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
