import ArgumentParser
import MCPClient
import MCPCore
import MCPDemo
import MCPStdio
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mcp demo`: a tour of MCP against the built-in demo server, launched as a child process over
/// stdio. Needs no setup.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the built-in demo server and walk through what MCP offers."
    )

    @Flag(help: "Run the demo server inside this process instead of as a child process over stdio.")
    var inProcess = false

    @Flag(name: .customLong("no-color"), help: "Never colour the output.")
    var noColor = false

    func run() async throws {
        let terminal = Terminal(noColor: noColor)
        let handlers = ClientHandlers(
            sampling: { request, _ in
                // The CLI plays the model: a real host would call its language model here.
                let prompt = request.messages.last?.content.text ?? ""
                Self.say(terminal, "  the server asks the model: \"\(prompt)\" — the CLI answers for it")
                return CreateMessageResult(
                    role: .assistant,
                    content: .single(.text(TextContent(text: "Bytes cross the pipe,\nrequests and replies in turn —\ncontext finds its way."))),
                    model: "mcp-demo-model",
                    stopReason: .endTurn
                )
            },
            elicitation: { request, _ in
                if terminal.isInteractive { return try await Elicitation.ask(request, terminal: terminal) }
                // Nobody to ask: accept the form's defaults, as a user pressing Enter would.
                guard case .form(let form) = request else { return ElicitResult(action: .decline) }
                var content = JSONObject()
                for property in form.requestedSchema.properties {
                    if let value = FormField.defaultValue(of: property.schema) { content[property.name] = value }
                }
                Self.say(terminal, "  the server asks: \"\(form.message)\" — answering with the defaults \(JSONValue.object(content).jsonString())")
                return ElicitResult(action: .accept, content: content)
            },
            onLogMessage: { message in
                Self.say(terminal, "  " + terminal.style("[server log \(message.level.rawValue)]", .blue) + " " + (message.data.stringValue ?? message.data.jsonString()))
            }
        )
        if inProcess {
            try await withClient(connectingTo: DemoServer.make(), handlers: handlers) { try await tour($0, terminal: terminal, processID: nil) }
        } else {
            // The demo server is this same executable, launched as a real stdio server process.
            let transport = StdioTransport(StdioServerParameters(command: Self.executablePath, arguments: ["demo-server"], stderr: .discard))
            try await withClient(connectingTo: transport, handlers: handlers) { client in
                try await tour(client, terminal: terminal, processID: transport.processID)
            }
        }
    }

    static var executablePath: String {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return CommandLine.arguments[0]
    }

    static func say(_ terminal: Terminal, _ text: String) {
        writeStdout(text + "\n")
    }

    private func heading(_ terminal: Terminal, _ text: String) {
        writeStdout("\n" + terminal.style("▶ " + text, .bold) + "\n")
    }

    private func tour(_ client: Client, terminal: Terminal, processID: Int32?) async throws {
        let info = client.serverInfo
        writeStdout(terminal.style("MCP demo", .bold) + " — a tour of the Model Context Protocol with the built-in demo server\n")
        if let processID { writeStdout("Launched the demo server as process \(processID); talking to it over its stdin and stdout.\n") }
        writeStdout("Connected to \(info?.title ?? info?.name ?? "?") \(info?.version ?? "") using protocol \(client.protocolVersion?.rawValue ?? "?").\n")
        if let instructions = client.instructions { writeStdout("Its instructions for a model: \(instructions)\n") }

        heading(terminal, "Tools — what the server can do")
        let tools = try await client.listAllTools()
        writeStdout(Table(headers: ["TOOL", "DESCRIPTION"], rows: tools.map { [terminal.style($0.name, .green), $0.description ?? ""] }).render(terminal: terminal))

        let echo = try await client.callTool("echo", arguments: ["text": "hello, MCP"])
        writeStdout("echo(\"hello, MCP\") → \(echo.text)\n")

        let sum = try await client.callTool("add", arguments: DemoServer.AddInput(a: 2, b: 40), as: DemoServer.AddOutput.self)
        writeStdout("add(2, 40) → structured output {\"sum\": \(ProgressBar.format(sum.sum))}, decoded into a Swift struct\n")

        writeStdout("countdown(5) reports its progress:\n")
        try await client.setLoggingLevel(.info)
        let bar = ProgressBar(terminal: terminal, label: "countdown")
        for try await update in try client.callToolWithProgress("countdown", arguments: ["n": 5, "delayMilliseconds": 150]) {
            switch update {
            case .progress(let progress):
                if terminal.stderrIsTerminal { bar.update(progress) } else { writeStdout("  progress \(Int(progress.progress))/\(Int(progress.total ?? 0))\n") }
            case .result(let result):
                bar.finish()
                writeStdout("  → \(result.text)\n")
            }
        }

        let failed = try await client.callTool("fail")
        writeStdout("fail() → a tool error the model can read: isError=\(failed.isError ?? false), \"\(failed.text)\"\n")

        heading(terminal, "Elicitation — the server asks the user")
        let booking = try await client.callTool("book_table", arguments: ["restaurant": "Chez MCP"])
        writeStdout("book_table → \(booking.text)\n")

        heading(terminal, "Sampling — the server asks the client's model")
        let haiku = try await client.callTool("haiku", arguments: ["topic": "the protocol"])
        writeStdout("haiku →\n" + haiku.text.split(separator: "\n").map { "    \($0)\n" }.joined())

        heading(terminal, "Tasks — long jobs the server runs in the background")
        switch try await client.startTool("index_library", arguments: ["books": 3]) {
        case .completed(let result):
            writeStdout("index_library → \(result.text) (the server answered at once)\n")
        case .task(let task):
            writeStdout("index_library became task \(terminal.style(task.id, .green)); following it:\n")
            for try await state in task.updates() {
                writeStdout("  \(state.status.rawValue)\(state.statusMessage.map { " — \($0)" } ?? "")\n")
            }
            writeStdout("  → \(try await task.result().text)\n")
        }

        heading(terminal, "Resources — data the server exposes")
        for resource in try await client.listAllResources() {
            writeStdout("  \(terminal.style(resource.uri, .green)) — \(resource.title ?? resource.name)\n")
        }
        for template in try await client.listAllResourceTemplates() {
            writeStdout("  \(terminal.style(template.uriTemplate, .green)) — template: \(template.title ?? template.name)\n")
        }
        let greeting = try await client.readResource("demo://greeting/Swift")
        writeStdout("read demo://greeting/Swift → \(greeting.contents.first?.text ?? "")\n")

        heading(terminal, "Prompts — templates for the model")
        let prompt = try await client.getPrompt("summarize", arguments: ["text": "MCP connects models to tools."])
        for message in prompt.messages {
            writeStdout("  \(message.role.rawValue): \(message.content.text?.replacingNewlines ?? "")\n")
        }

        heading(terminal, "Completion — argument suggestions")
        let completion = try await client.complete(argument: "style", value: "b", in: .prompt(PromptReference(name: "summarize")))
        writeStdout("completing \"b\" → \(completion.completion.values.joined(separator: ", "))\n")

        try await client.ping()
        writeStdout("\nping → ok. That was MCP: tools, progress, logging, elicitation, sampling, tasks, resources, prompts and completion.\n")
    }
}

/// `mcp demo-server`: serves the demo server over stdin/stdout (what `mcp demo` launches).
struct DemoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server",
        abstract: "Serve the built-in demo server over stdin and stdout.",
        shouldDisplay: false
    )

    func run() async throws {
        try await DemoServer.make().serve(StdioServerTransport())
    }
}

extension String {
    var replacingNewlines: String { split(separator: "\n").joined(separator: " ⏎ ") }
}
