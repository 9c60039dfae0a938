import ArgumentParser
import MCPConfiguration
import MCPClient
import MCPCore
import MCPStdio

/// How to reach the server(s), and the output format: shared by every command.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("url"), help: "A Streamable HTTP URL (falls back to HTTP+SSE).")
    var url: String?

    @Option(name: .customLong("sse"), help: "A 2024-11-05 HTTP+SSE URL.")
    var sseURL: String?

    @Option(name: .customLong("ws"), help: "A WebSocket URL.")
    var webSocketURL: String?

    @Option(name: .customLong("config"), help: "An mcpServers configuration file.")
    var configFile: String?

    @Option(name: .customLong("server"), help: "The server of the configuration file to use (default: all of them).")
    var server: String?

    @Option(name: [.customShort("H"), .customLong("header")], help: "An HTTP header, as 'Name: value' (repeatable).")
    var headers: [String] = []

    @Option(name: .customLong("bearer-env"), help: "The environment variable that holds a bearer token.")
    var bearerTokenVariable: String?

    @Option(help: "Seconds to wait for each response.")
    var timeout: Double = 60

    @Option(name: .customLong("protocol"), help: "auto, legacy, or a protocol version such as 2025-06-18.")
    var protocolMode: String = "auto"

    @Option(name: .customLong("sampling-command"), help: "A command that answers the server's sampling requests (request JSON on stdin, reply on stdout).")
    var samplingCommand: String?

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Never colour the output.")
    var noColor = false

    @Flag(name: .customLong("server-stderr"), help: "Show a launched server's stderr.")
    var showServerStderr = false

    @OptionGroup(title: "OAuth (for --url and --sse servers)") var authorization: AuthorizationOptions

    /// The server command to launch over stdio: everything after `--` on the command line. Read
    /// from the raw arguments because ArgumentParser cannot follow a positional list (tool
    /// arguments) with another one.
    var command: [String] { Self.serverCommand(CommandLine.arguments) }

    /// The arguments before `--` (what ArgumentParser parses).
    static func ownArguments(_ arguments: [String]) -> [String] {
        guard let separator = arguments.firstIndex(of: "--") else { return arguments }
        return Array(arguments[..<separator])
    }

    /// The arguments after the first `--`.
    static func serverCommand(_ arguments: [String]) -> [String] {
        guard let separator = arguments.firstIndex(of: "--") else { return [] }
        return Array(arguments[(separator + 1)...])
    }

    /// The single target, or the configured servers for the multi-server form.
    enum Targets {
        case single(name: String, ServerTarget)
        case configured(ConfigurationFile)
    }

    func targets() throws -> Targets {
        var chosen: [Targets] = []
        if !command.isEmpty {
            chosen.append(.single(name: command[0], .stdio(StdioServerParameters(command: command[0], arguments: Array(command.dropFirst())))))
        }
        if let url { chosen.append(.single(name: url, .http(url: url, headers: [:]))) }
        if let sseURL { chosen.append(.single(name: sseURL, .sse(url: sseURL, headers: [:]))) }
        if let webSocketURL { chosen.append(.single(name: webSocketURL, .webSocket(url: webSocketURL, headers: [:]))) }
        if let configFile {
            let file = try ConfigurationFile(contentsOf: configFile)
            if let server {
                let entry = try file.server(named: server)
                chosen.append(.single(name: entry.name, entry.target))
            } else {
                chosen.append(.configured(file))
            }
        } else if server != nil {
            throw CLIError.usage("--server needs --config")
        }
        guard chosen.count == 1, let target = chosen.first else {
            throw CLIError.usage(chosen.isEmpty
                ? "no server given: use --url URL, --sse URL, --ws URL, --config FILE, or -- COMMAND ARGS…"
                : "give only one of --url, --sse, --ws, --config, or -- COMMAND")
        }
        return target
    }

    func connectionOptions() throws -> ServerTarget.ConnectionOptions {
        var parsedHeaders: [String: String] = [:]
        for header in headers {
            guard let colon = header.firstIndex(of: ":") else { throw CLIError.usage("a header must look like 'Name: value', not '\(header)'") }
            let name = String(header[..<colon]).trimmed
            guard !name.isEmpty else { throw CLIError.usage("a header must have a name: '\(header)'") }
            parsedHeaders[name] = String(header[header.index(after: colon)...]).trimmed
        }
        var token: String?
        if let variable = bearerTokenVariable {
            guard let value = ProcessEnvironment.current[variable], !value.isEmpty else {
                throw CLIError.usage("--bearer-env \(variable): the variable is not set")
            }
            token = value
        }
        return ServerTarget.ConnectionOptions(
            headers: parsedHeaders,
            bearerToken: token,
            connectTimeout: .seconds(min(timeout, 60)),
            stderr: showServerStderr ? .passThrough : .discard
        )
    }

    /// The request timeout.
    var requestTimeout: Duration {
        get throws {
            guard timeout > 0, timeout.isFinite else { throw CLIError.usage("--timeout must be a positive number of seconds") }
            return .milliseconds(Int(timeout * 1000))
        }
    }

    /// How the protocol is settled: `auto` (detect), `legacy` (the handshake only), or one
    /// version.
    func protocolSetting() throws -> ProtocolMode {
        guard let mode = ProtocolMode(protocolMode) else {
            throw CLIError.usage("unknown protocol \(protocolMode) (auto, legacy, or one of \(ProtocolVersion.supported.map(\.rawValue).joined(separator: ", ")))")
        }
        return mode
    }
}

extension String {
    var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
