import ArgumentParser
import Foundation
import MCPClient
import MCPCore

/// `mcp info`: who the server is and what it offers.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show the server's name, protocol, capabilities, instructions and counts.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        await CLISession.run(connection) { session, access in
            switch access {
            case .single(let name, let client):
                let report = try await Self.report(name: name, client: client)
                if connection.json { printJSON(.object(report)) } else { writeStdout(Self.text(report, terminal: session.terminal)) }
            case .group(let group):
                var reports: [JSONValue] = []
                for name in group.connectedServers {
                    reports.append(.object(try await Self.report(name: name, client: try group.client(of: name))))
                }
                if connection.json {
                    printJSON(["servers": .array(reports)])
                } else {
                    writeStdout(reports.compactMap(\.objectValue).map { Self.text($0, terminal: session.terminal) }.joined(separator: "\n"))
                }
            }
        }
    }

    static func report(name: String, client: Client) async throws -> JSONObject {
        let capabilities = client.serverCapabilities
        var counts = JSONObject()
        if capabilities?.tools != nil { counts["tools"] = .int(try await client.listAllTools().count) }
        if capabilities?.resources != nil {
            counts["resources"] = .int(try await client.listAllResources().count)
            counts["resourceTemplates"] = .int(try await client.listAllResourceTemplates().count)
        }
        if capabilities?.prompts != nil { counts["prompts"] = .int(try await client.listAllPrompts().count) }
        var report: JSONObject = [
            "name": .string(name),
            "server": try JSONValue(encoding: client.serverInfo),
            "protocolVersion": .string(client.protocolVersion?.rawValue ?? ""),
            "era": .string(client.protocolVersion?.isModern == true ? "modern" : "legacy"),
            "capabilities": try JSONValue(encoding: capabilities),
            "counts": .object(counts),
        ]
        if let instructions = client.instructions { report["instructions"] = .string(instructions) }
        return report
    }

    static func text(_ report: JSONObject, terminal: Terminal) -> String {
        let server = report["server"] ?? .null
        var lines: [String] = []
        let title = server["title"]?.stringValue.map { " — \($0)" } ?? ""
        lines.append(terminal.style("\(server["name"]?.stringValue ?? "?") \(server["version"]?.stringValue ?? "")", .bold) + title)
        if let description = server["description"]?.stringValue { lines.append(description) }
        lines.append("protocol:     \(report["protocolVersion"]?.stringValue ?? "?") (\(report["era"]?.stringValue ?? "?") era)")
        let capabilities = (report["capabilities"]?.objectValue ?? [:]).compactMap { name, value -> String? in
            let flags = (value.objectValue ?? [:]).filter { $0.value == .bool(true) }.map(\.key)
            return flags.isEmpty ? name : "\(name) (\(flags.joined(separator: ", ")))"
        }
        lines.append("capabilities: \(capabilities.isEmpty ? "none" : capabilities.joined(separator: ", "))")
        let counts = (report["counts"]?.objectValue ?? [:]).map { "\($0.key) \($0.value.intValue ?? 0)" }
        if !counts.isEmpty { lines.append("offers:       \(counts.joined(separator: ", "))") }
        if let instructions = report["instructions"]?.stringValue { lines.append("instructions: \(instructions)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `mcp ping`: checks the server answers, and how fast.
struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ping", abstract: "Check that the server answers, and how fast.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        await CLISession.run(connection) { _, access in
            let clients: [(String, Client)]
            switch access {
            case .single(let name, let client): clients = [(name, client)]
            case .group(let group): clients = try group.connectedServers.map { ($0, try group.client(of: $0)) }
            }
            var results: [JSONValue] = []
            for (name, client) in clients {
                let clock = ContinuousClock()
                let start = clock.now
                try await client.ping()
                let elapsed = clock.now - start
                let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                results.append(["server": .string(name), "latencyMs": .double((milliseconds * 100).rounded() / 100)])
                if !connection.json { writeStdout("\(name): ok (\(String(format: "%.2f", milliseconds)) ms)\n") }
            }
            if connection.json { printJSON(results.count == 1 ? results[0] : ["servers": .array(results)]) }
        }
    }
}
