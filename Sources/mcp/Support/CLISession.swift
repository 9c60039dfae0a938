import MCPClient
import MCPConfiguration
import MCPCore
import MCPStdio

/// The server(s) a command talks to: one client, or a group when a configuration file's servers
/// are used together (names then namespaced on collision).
enum ServerAccess {
    case single(name: String, Client)
    case group(ClientSessionGroup)

    /// Closes the connection(s).
    func close() async {
        switch self {
        case .single(_, let client): await client.close()
        case .group(let group): await group.close()
        }
    }
}

/// Connecting, with the handlers a terminal user expects.
struct CLISession {
    let options: ConnectionOptions
    let terminal: Terminal

    init(options: ConnectionOptions) {
        self.options = options
        self.terminal = Terminal(noColor: options.noColor)
    }

    /// The handlers: server logs on stderr with their level, elicitation asked interactively (or
    /// declined when not interactive), sampling through `--sampling-command` (refused otherwise).
    func handlers(progress: (@Sendable (ProgressNotificationParams) async -> Void)? = nil) -> ClientHandlers {
        let terminal = self.terminal
        let samplingCommand = options.samplingCommand
        var handlers = ClientHandlers(
            elicitation: { request, _ in
                try await Elicitation.ask(request, terminal: terminal)
            },
            onLogMessage: { message in
                let text = message.data.stringValue ?? message.data.jsonString()
                let level = terminal.style("[\(message.level.rawValue)]", Self.color(for: message.level), stderr: true)
                writeStderr("\(level) \(message.logger.map { "\($0): " } ?? "")\(text)\n")
            },
            onProgress: progress,
            onMessage: { message in
                if case .request(let request) = message, request.method == CreateMessageRequestParams.method, samplingCommand == nil {
                    writeStderr("mcp: the server asked to sample a language model; refused (pass --sampling-command to answer such requests)\n")
                }
            }
        )
        if let samplingCommand {
            handlers.sampling = { request, _ in try await Sampling.run(command: samplingCommand, request: request) }
        }
        return handlers
    }

    private static func color(for level: LoggingLevel) -> Terminal.Style {
        if level >= .error { return .red }
        if level >= .warning { return .yellow }
        if level <= .debug { return .dim }
        return .blue
    }

    func clientConfiguration() throws -> Client.Configuration {
        var configuration = Client.Configuration()
        configuration.clientInfo = Implementation(name: "mcp-cli", version: MCPClientVersion.current, title: "mcp command line")
        configuration.requestTimeout = try options.requestTimeout
        configuration.protocolMode = try options.protocolSetting()
        return configuration
    }

    /// Connects to the target(s).
    func connect(handlers: ClientHandlers) async throws -> ServerAccess {
        let connection = try options.connectionOptions()
        switch try options.targets() {
        case .single(let name, let target):
            let client = Client(configuration: try clientConfiguration(), handlers: handlers)
            let authorized = try CLIAuthorization.transport(for: target, options: options, connection: connection, interactive: terminal.isInteractive)
            try await client.connect(try authorized ?? target.makeTransport(options: connection))
            return .single(name: name, client)
        case .configured(let file):
            let group = ClientSessionGroup(configuration: .init(client: try clientConfiguration(), handlers: handlers))
            let health = await group.connect(file, options: connection, reconnectsStdioServers: false)
            for server in health where server.state != .connected {
                writeStderr("mcp: \(server.name): could not connect: \(server.lastError.map { "\($0)" } ?? "unknown error")\n")
            }
            if !health.contains(where: { $0.state == .connected }) {
                await group.close()
                throw CLIError(status: .connection, message: "no configured server could be reached")
            }
            return .group(group)
        }
    }

    /// Connects, runs `body`, closes; any failure becomes the right exit status and one line on
    /// stderr (a JSON object with `--json`).
    static func run(_ options: ConnectionOptions, progress: Bool = false, _ body: (CLISession, ServerAccess) async throws -> Void) async -> Never {
        let session = CLISession(options: options)
        var access: ServerAccess?
        do {
            access = try await session.connect(handlers: session.handlers())
            try await body(session, access!)
            await access?.close()
            exit(ExitStatus.success.rawValue)
        } catch {
            await access?.close()
            fail(CLIError.classify(error), json: options.json)
        }
    }

    static func fail(_ error: CLIError, json: Bool) -> Never {
        if json {
            var object: JSONObject = ["error": .string(error.message), "exitCode": .int(Int(error.status.rawValue))]
            if !error.details.isEmpty { object["details"] = .object(error.details) }
            writeStderr(JSONValue.object(object).jsonString() + "\n")
        } else {
            writeStderr("mcp: \(error.message)\n")
        }
        exit(error.status.rawValue)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
