import ArgumentParser
import MCPClient
import MCPConfiguration
import MCPCore

/// `mcp servers`: the configuration file's servers, and whether each connects.
struct ServersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "servers", abstract: "List the configured servers and check that each connects.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard let path = connection.configFile else { throw CLIError.usage("mcp servers needs --config FILE") }
        let file = try ConfigurationFile(contentsOf: path)
        let session = CLISession(options: connection)
        let group = ClientSessionGroup(configuration: .init(client: try session.clientConfiguration()))
        let health = await group.connect(file, options: try connection.connectionOptions(), reconnectsStdioServers: false)
        await group.close()
        let rows: [JSONValue] = zip(file.servers, health).map { server, health in
            var object: JSONObject = [
                "name": .string(server.name),
                "target": .string(server.target.summary),
                "connected": .bool(health.state == .connected),
            ]
            if let info = health.serverInfo { object["server"] = ["name": .string(info.name), "version": .string(info.version)] }
            if let version = health.protocolVersion { object["protocolVersion"] = .string(version.rawValue) }
            if health.state != .connected { object["error"] = .string(health.lastError.map { "\($0)" } ?? "unknown") }
            return .object(object)
        }
        if connection.json {
            printJSON(["servers": .array(rows)])
        } else {
            let terminal = session.terminal
            writeStdout(Table(headers: ["NAME", "STATUS", "SERVER", "TARGET"], rows: rows.map { row in
                let connected = row["connected"]?.boolValue == true
                let status = connected ? terminal.style("ok", .green) : terminal.style("failed", .red)
                let server = connected
                    ? "\(row["server"]?["name"]?.stringValue ?? "") \(row["server"]?["version"]?.stringValue ?? "") (\(row["protocolVersion"]?.stringValue ?? ""))"
                    : row["error"]?.stringValue ?? ""
                return [row["name"]?.stringValue ?? "", status, server, row["target"]?.stringValue ?? ""]
            }).render(terminal: terminal))
        }
        if health.contains(where: { $0.state != .connected }) {
            throw CLIError(status: .connection, message: "some configured servers could not be reached")
        }
    }
}
