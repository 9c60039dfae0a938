import ArgumentParser
import MCPClient
import MCPCore

/// `mcp tasks status|result|cancel|list`: follow tasks a server runs (see `mcp tools call --detach`).
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Follow the tasks a server runs: their state, their result, cancellation.",
        discussion: "Tasks outlive a connection only on servers that keep them, such as HTTP servers; a stdio server's tasks end with its process.",
        subcommands: [Status.self, Result.self, Cancel.self, List.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show a task's current state (tasks/get).")

        @Argument(help: "The task's id.")
        var id: String

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let client = try TasksCommand.single(access)
                TasksCommand.show(try await client.task(id: id).status(), json: connection.json, terminal: session.terminal)
            }
        }
    }

    struct Result: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "result",
            abstract: "Wait for a task to end and print its result, answering its questions on the way."
        )

        @Argument(help: "The task's id.")
        var id: String

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let client = try TasksCommand.single(access)
                let result = try await client.task(id: id).result()
                if connection.json {
                    printJSON(try JSONValue(encoding: result))
                } else {
                    writeStdout(ContentRendering.render(result.content, structured: result.structuredContent, terminal: session.terminal))
                }
                if result.isError == true { throw ToolError(toolName: "task \(id)", result: result) }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Ask the server to cancel a task (tasks/cancel).")

        @Argument(help: "The task's id.")
        var id: String

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let client = try TasksCommand.single(access)
                if let task = try await client.task(id: id).cancel() {
                    TasksCommand.show(task, json: connection.json, terminal: session.terminal)
                } else if connection.json {
                    printJSON(["taskId": .string(id), "cancellationRequested": true])
                } else {
                    writeStdout("cancellation of \(id) requested\n")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the server's tasks (2025-11-25 servers that declare tasks.list).")

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let tasks = try await TasksCommand.single(access).listAllTasks()
                if connection.json {
                    printJSON(["tasks": .array(try tasks.map { try JSONValue(encoding: $0) })])
                    return
                }
                let rows = tasks.map { [session.terminal.style($0.taskID, .green), $0.status.rawValue, $0.statusMessage ?? "", $0.lastUpdatedAt] }
                writeStdout(Table(headers: ["ID", "STATUS", "MESSAGE", "UPDATED"], rows: rows).render(terminal: session.terminal))
            }
        }
    }

    /// Tasks belong to one server: a group of servers has no single place to ask.
    static func single(_ access: ServerAccess) throws -> Client {
        guard case .single(_, let client) = access else {
            throw CLIError.usage("tasks belong to one server: name it with --server")
        }
        return client
    }

    /// Prints a task's state: JSON, or a few readable lines.
    static func show(_ task: MCPTask, json: Bool, terminal: Terminal) {
        if json {
            printJSON((try? JSONValue(encoding: task)) ?? .null)
            return
        }
        var lines = ["task \(terminal.style(task.taskID, .green))", "status: \(task.status)"]
        if let message = task.statusMessage { lines.append("message: \(message)") }
        if let interval = task.pollInterval { lines.append("poll every: \(interval) ms") }
        if let ttl = task.ttl { lines.append("kept for: \(ttl) ms from \(task.createdAt)") }
        writeStdout(lines.joined(separator: "\n") + "\n")
    }
}
