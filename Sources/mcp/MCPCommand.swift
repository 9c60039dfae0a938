import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `mcp` command line: inspect and use any MCP server.
///
/// Exit status: 0 success, 1 usage error, 2 could not connect, 3 authorization required or
/// failed, 4 protocol or server error, 5 the tool reported an error.
@main
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Inspect and use Model Context Protocol servers.",
        discussion: """
            Name the server with --url URL, --sse URL, --ws URL, --config FILE [--server NAME], or a \
            command after --, for example: mcp tools list -- uvx mcp-server-time
            Exit status: 0 success, 1 usage, 2 connection, 3 authorization, 4 protocol or server error, \
            5 the tool reported an error.
            """,
        subcommands: [
            InfoCommand.self, ToolsCommand.self, ResourcesCommand.self, PromptsCommand.self,
            CompleteCommand.self, PingCommand.self, ListenCommand.self, ServersCommand.self,
            DemoCommand.self, DemoServerCommand.self,
            AuthCommand.self, TasksCommand.self,
        ]
    )

    /// Parses and runs. Usage errors exit with status 1 (ArgumentParser alone would use 64);
    /// failures while running are classified into the statuses above.
    static func main() async {
        let wantsJSON = CommandLine.arguments.contains("--json")
        do {
            var command = try parseAsRoot(Array(ConnectionOptions.ownArguments(CommandLine.arguments).dropFirst()))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            CLISession.fail(error, json: wantsJSON)
        } catch where exitCode(for: error) == .success {
            exit(withError: error)  // --help, --version
        } catch where isParserError(error) {
            CLISession.fail(CLIError.usage(message(for: error)), json: wantsJSON)
        } catch {
            CLISession.fail(CLIError.classify(error), json: wantsJSON)
        }
    }

    private static func isParserError(_ error: any Error) -> Bool {
        exitCode(for: error) == .validationFailure || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
