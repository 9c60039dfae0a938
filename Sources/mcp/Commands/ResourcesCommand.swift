import ArgumentParser
import Foundation
import MCPClient
import MCPCore

/// `mcp resources list|templates|read`.
struct ResourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resources",
        abstract: "List and read the server's resources.",
        subcommands: [List.self, Templates.self, Read.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the resources (every page).")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let resources: [(String?, Resource)]
                switch access {
                case .single(_, let client): resources = try await client.listAllResources().map { (nil, $0) }
                case .group(let group): resources = try await group.resources().map { ($0.server, $0.component) }
                }
                if connection.json {
                    printJSON(["resources": .array(try resources.map { server, resource in
                        var object = try JSONValue(encoding: resource).objectValue ?? [:]
                        if let server { object["server"] = .string(server) }
                        return .object(object)
                    })])
                    return
                }
                let rows = resources.map { server, resource in
                    [session.terminal.style(resource.uri, .green), server ?? "", resource.mimeType ?? "", resource.title ?? resource.name + (resource.description.map { ": \($0)" } ?? "")]
                }
                writeStdout(Table(headers: ["URI", "SERVER", "TYPE", "NAME"], rows: rows).render(terminal: session.terminal))
            }
        }
    }

    struct Templates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "templates", abstract: "List the resource templates (every page).")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let templates: [(String?, ResourceTemplate)]
                switch access {
                case .single(_, let client): templates = try await client.listAllResourceTemplates().map { (nil, $0) }
                case .group(let group): templates = try await group.resourceTemplates().map { ($0.server, $0.component) }
                }
                if connection.json {
                    printJSON(["resourceTemplates": .array(try templates.map { server, template in
                        var object = try JSONValue(encoding: template).objectValue ?? [:]
                        if let server { object["server"] = .string(server) }
                        return .object(object)
                    })])
                    return
                }
                let rows = templates.map { server, template in
                    [session.terminal.style(template.uriTemplate, .green), server ?? "", template.title ?? template.name + (template.description.map { ": \($0)" } ?? "")]
                }
                writeStdout(Table(headers: ["URI TEMPLATE", "SERVER", "NAME"], rows: rows).render(terminal: session.terminal))
            }
        }
    }

    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read",
            abstract: "Read a resource.",
            discussion: "Text is printed; binary contents go to --output FILE, or raw to stdout when it is a pipe."
        )
        @Argument(help: "The resource's URI.") var uri: String
        @Option(name: [.short, .long], help: "Write the (first) contents to this file.") var output: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let result: ReadResourceResult
                switch access {
                case .single(_, let client): result = try await client.readResource(uri)
                case .group(let group): result = try await group.readResource(uri)
                }
                if connection.json && output == nil {
                    printJSON(try JSONValue(encoding: result))
                    return
                }
                for contents in result.contents {
                    switch contents {
                    case .text(let text):
                        if let output {
                            try Data(text.text.utf8).write(to: URL(fileURLWithPath: output))
                        } else {
                            writeStdout(text.text.hasSuffix("\n") ? text.text : text.text + "\n")
                        }
                    case .blob(let blob):
                        guard let bytes = blob.decodedData else { throw CLIError(status: .protocolOrServer, message: "the server sent invalid base64 for \(blob.uri)") }
                        if let output {
                            try Data(bytes).write(to: URL(fileURLWithPath: output))
                            if !connection.json { writeStderr("wrote \(bytes.count) bytes to \(output)\n") }
                        } else if session.terminal.stdoutIsTerminal {
                            throw CLIError.usage("\(blob.uri) is binary (\(blob.mimeType ?? "unknown type"), \(bytes.count) bytes): use --output FILE or pipe it")
                        } else {
                            FileHandle.standardOutput.write(Data(bytes))
                        }
                    case .unknown(let object):
                        writeStdout(JSONValue.object(object).jsonString(options: .prettyPrinted) + "\n")
                    }
                    if output != nil { break }
                }
                if connection.json, let output { printJSON(["written": .string(output)]) }
            }
        }
    }
}
