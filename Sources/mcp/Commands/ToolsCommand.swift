import ArgumentParser
import MCPClient
import MCPCore

/// `mcp tools list|call`.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "List and call the server's tools.",
        subcommands: [List.self, Call.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tools (every page).")

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let tools: [(server: String?, name: String, tool: Tool)]
                switch access {
                case .single(_, let client):
                    tools = try await client.listAllTools().map { (nil, $0.name, $0) }
                case .group(let group):
                    tools = try await group.tools().map { ($0.server, $0.name, $0.component) }
                }
                if connection.json {
                    printJSON(["tools": .array(try tools.map { entry in
                        var object = try JSONValue(encoding: entry.tool).objectValue ?? [:]
                        if let server = entry.server {
                            object["name"] = .string(entry.name)
                            object["server"] = .string(server)
                            object["serverToolName"] = .string(entry.tool.name)
                        }
                        return .object(object)
                    })])
                    return
                }
                let grouped = tools.contains { $0.server != nil }
                let headers = grouped ? ["NAME", "SERVER", "DESCRIPTION"] : ["NAME", "DESCRIPTION"]
                let rows = tools.map { entry -> [String] in
                    let description = entry.tool.title.map { "\($0): " } ?? ""
                    let cells = [session.terminal.style(entry.name, .green), description + (entry.tool.description ?? "")]
                    return grouped ? [cells[0], entry.server ?? "", cells[1]] : cells
                }
                writeStdout(Table(headers: headers, rows: rows).render(terminal: session.terminal))
            }
        }
    }

    struct Call: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "call",
            abstract: "Call a tool.",
            discussion: "Arguments: key=value pairs (coerced by the tool's input schema), key:=JSON, one JSON object, @file, or - for stdin."
        )

        @Argument(help: "The tool's name.")
        var name: String

        @Argument(help: "The arguments.")
        var arguments: [String] = []

        @Flag(help: "If the server runs the call as a task, print the task's id and state and return without waiting (see `mcp tasks`).")
        var detach = false

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let terminal = session.terminal
                let bar = ProgressBar(terminal: terminal, label: name)
                let options = RequestOptions(onProgress: { bar.update($0) })
                let result: CallToolResult
                switch access {
                case .single(_, let client):
                    let tool = try await client.listAllTools().first { $0.name == name }
                    let parsed = try ToolArguments.parse(arguments, schema: tool?.inputSchema)
                    switch try await client.startTool(name, arguments: parsed, options: options) {
                    case .completed(let immediate):
                        result = immediate
                    case .task(let task) where detach:
                        bar.finish()
                        TasksCommand.show(try await task.status(), json: connection.json, terminal: terminal)
                        return
                    case .task(let task):
                        // The task's states on the progress line while it runs.
                        for try await state in task.updates() {
                            bar.update(ProgressUpdate(progress: 0, message: "task \(state.status)" + (state.statusMessage.map { ": \($0)" } ?? "")))
                        }
                        result = try await task.result()
                    }
                case .group(let group):
                    let tool = try await group.tools().first { $0.name == name }
                    let parsed = try ToolArguments.parse(arguments, schema: tool?.component.inputSchema)
                    result = try await group.callTool(name, arguments: parsed, options: options)
                }
                bar.finish()
                if connection.json {
                    printJSON(try JSONValue(encoding: result))
                } else {
                    writeStdout(ContentRendering.render(result.content, structured: result.structuredContent, terminal: terminal))
                }
                if result.isError == true { throw ToolError(toolName: name, result: result) }
            }
        }
    }
}
