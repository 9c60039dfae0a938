import ArgumentParser
import MCPClient
import MCPCore

/// `mcp prompts list|get`.
struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts",
        abstract: "List and get the server's prompts.",
        subcommands: [List.self, Get.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the prompts (every page).")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            await CLISession.run(connection) { session, access in
                let prompts: [(String?, String, Prompt)]
                switch access {
                case .single(_, let client): prompts = try await client.listAllPrompts().map { (nil, $0.name, $0) }
                case .group(let group): prompts = try await group.prompts().map { ($0.server, $0.name, $0.component) }
                }
                if connection.json {
                    printJSON(["prompts": .array(try prompts.map { server, name, prompt in
                        var object = try JSONValue(encoding: prompt).objectValue ?? [:]
                        if let server {
                            object["name"] = .string(name)
                            object["server"] = .string(server)
                        }
                        return .object(object)
                    })])
                    return
                }
                let rows = prompts.map { server, name, prompt in
                    let arguments = (prompt.arguments ?? []).map { $0.required == true ? $0.name : "[\($0.name)]" }.joined(separator: " ")
                    return [session.terminal.style(name, .green), server ?? "", arguments, prompt.description ?? ""]
                }
                writeStdout(Table(headers: ["NAME", "SERVER", "ARGUMENTS", "DESCRIPTION"], rows: rows).render(terminal: session.terminal))
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Get a prompt, filled in with key=value arguments.")
        @Argument(help: "The prompt's name.") var name: String
        @Argument(help: "Arguments as key=value.") var arguments: [String] = []
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            var values: [String: String] = [:]
            for argument in arguments {
                guard let equals = argument.firstIndex(of: "=") else { throw CLIError.usage("prompt arguments are key=value, not '\(argument)'") }
                values[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
            }
            await CLISession.run(connection) { session, access in
                let result: GetPromptResult
                switch access {
                case .single(_, let client): result = try await client.getPrompt(name, arguments: values)
                case .group(let group): result = try await group.getPrompt(name, arguments: values)
                }
                if connection.json {
                    printJSON(try JSONValue(encoding: result))
                    return
                }
                if let description = result.description { writeStdout(session.terminal.style(description, .dim) + "\n") }
                for message in result.messages {
                    let role = session.terminal.style(message.role.rawValue + ":", .bold)
                    writeStdout("\(role) " + ContentRendering.render([message.content], structured: nil, terminal: session.terminal))
                }
            }
        }
    }
}

/// `mcp complete`: argument completion for prompts and resource templates.
struct CompleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Ask the server to complete an argument of a prompt or resource template.")

    @Option(help: "The prompt whose argument to complete.") var prompt: String?
    @Option(help: "The resource template (URI template) whose argument to complete.") var template: String?
    @Option(help: "The argument's name.") var argument: String
    @Option(help: "What has been typed so far.") var value: String = ""
    @Option(name: .customLong("context"), help: "Another argument's chosen value, as key=value (repeatable).") var context: [String] = []
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let reference: CompletionReference
        switch (prompt, template) {
        case (let prompt?, nil): reference = .prompt(PromptReference(name: prompt))
        case (nil, let template?): reference = .resource(ResourceTemplateReference(uri: template))
        default: throw CLIError.usage("give exactly one of --prompt NAME or --template URI")
        }
        var contextValues: [String: String] = [:]
        for item in context {
            guard let equals = item.firstIndex(of: "=") else { throw CLIError.usage("--context takes key=value, not '\(item)'") }
            contextValues[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        await CLISession.run(connection) { _, access in
            let result: CompleteResult
            let context = contextValues.isEmpty ? nil : contextValues
            switch access {
            case .single(_, let client): result = try await client.complete(argument: argument, value: value, in: reference, context: context)
            case .group(let group): result = try await group.complete(argument: argument, value: value, in: reference, context: context)
            }
            if connection.json {
                printJSON(try JSONValue(encoding: result.completion))
            } else {
                writeStdout(result.completion.values.map { $0 + "\n" }.joined())
                if result.completion.hasMore == true { writeStderr("(more available)\n") }
            }
        }
    }
}
