import ArgumentParser
import Dispatch
import MCPClient
import MCPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mcp listen`: prints the server's notifications until interrupted.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Print the server's notifications until interrupted (Ctrl-C).",
        discussion: "With --json, one JSON object per line."
    )

    @Option(name: .customLong("resource"), help: "Subscribe to updates of this resource URI (repeatable).")
    var resources: [String] = []

    @Option(name: .customLong("log-level"), help: "Ask for log messages at this level and above.")
    var logLevel: String?

    @Option(help: "Stop after this many seconds (default: until interrupted).")
    var duration: Double?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (interrupted, interrupt) = AsyncStream.makeStream(of: Void.self)
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT)
        source.setEventHandler { interrupt.yield() }
        source.resume()
        await CLISession.run(connection) { session, access in
            let clients: [(String, Client)]
            switch access {
            case .single(let name, let client): clients = [(name, client)]
            case .group(let group): clients = try group.connectedServers.map { ($0, try group.client(of: $0)) }
            }
            let printer = Task {
                await withTaskGroup(of: Void.self) { group in
                    for (name, client) in clients {
                        guard let stream = try? client.incomingMessages() else { continue }
                        group.addTask {
                            for await message in stream {
                                guard case .notification(let notification) = message else { continue }
                                Self.print(notification, server: clients.count > 1 ? name : nil, json: connection.json, terminal: session.terminal)
                            }
                        }
                    }
                }
            }
            // One subscription per server, in either era: list changes and the resources asked for.
            var subscriptions: [Subscription] = []
            for (_, client) in clients {
                if let logLevel { try await client.setLoggingLevel(LoggingLevel(rawValue: logLevel)) }
                let filter = SubscriptionFilter(
                    toolsListChanged: true,
                    promptsListChanged: true,
                    resourcesListChanged: true,
                    resourceSubscriptions: resources.isEmpty ? nil : resources
                )
                do {
                    subscriptions.append(try await client.subscribe(filter))
                } catch let error as MCPError where error.code == .methodNotFound {
                    // A server without subscriptions still sends what relates to requests.
                    writeStderr("mcp: the server does not offer change notifications (\(error.message))\n")
                }
            }
            if !connection.json { writeStderr("listening; press Ctrl-C to stop\n") }
            if let duration {
                try? await Task.sleep(for: .milliseconds(Int(duration * 1000)))
            } else {
                for await _ in interrupted { break }
            }
            for subscription in subscriptions { await subscription.cancel() }
            printer.cancel()
        }
    }

    static func print(_ notification: ServerNotification, server: String?, json: Bool, terminal: Terminal) {
        let raw: JSONRPCNotification
        switch notification {
        case .other(let other): raw = other
        default:
            guard let parameters = notification.parameters, let value = try? JSONValue(encoding: parameters), let method = notification.method else { return }
            raw = JSONRPCNotification(method: method, params: value.objectValue)
        }
        if json {
            var object: JSONObject = ["method": .string(raw.method), "params": .object(raw.params ?? [:])]
            if let server { object["server"] = .string(server) }
            writeStdout(JSONValue.object(object).jsonString() + "\n")
        } else {
            let prefix = server.map { "[\($0)] " } ?? ""
            writeStdout(prefix + terminal.style(raw.method, .cyan) + " " + (raw.params.map { JSONValue.object($0).jsonString() } ?? "") + "\n")
        }
    }
}

extension ServerNotification {
    /// The method name of a decoded notification.
    var method: String? {
        switch self {
        case .logMessage: return LoggingMessageNotificationParams.method
        case .progress: return ProgressNotificationParams.method
        case .cancelled: return CancelledNotificationParams.method
        case .resourceUpdated: return ResourceUpdatedNotificationParams.method
        case .resourceListChanged: return ResourceListChangedNotificationParams.method
        case .toolListChanged: return ToolListChangedNotificationParams.method
        case .promptListChanged: return PromptListChangedNotificationParams.method
        case .elicitationComplete: return ElicitationCompleteNotificationParams.method
        case .taskStatus: return TaskStatusNotificationParams.method
        case .subscriptionsAcknowledged: return SubscriptionsAcknowledgedNotificationParams.method
        case .other(let notification): return notification.method
        }
    }

    /// The decoded parameters, for re-encoding.
    var parameters: (any Encodable)? {
        switch self {
        case .logMessage(let params): return params
        case .progress(let params): return params
        case .cancelled(let params): return params
        case .resourceUpdated(let params): return params
        case .resourceListChanged(let params): return params
        case .toolListChanged(let params): return params
        case .promptListChanged(let params): return params
        case .elicitationComplete(let params): return params
        case .taskStatus(let params): return params
        case .subscriptionsAcknowledged(let params): return params
        case .other(let notification): return notification.params
        }
    }
}
