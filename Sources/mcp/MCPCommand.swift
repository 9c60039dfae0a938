import ArgumentParser

/// The `mcp` command line: inspect and use MCP servers.
@main
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Inspect and use Model Context Protocol servers.",
        subcommands: [DemoCommand.self, DemoServerCommand.self]
    )
}
