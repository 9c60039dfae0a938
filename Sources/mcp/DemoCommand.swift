import ArgumentParser
import MCPClient
import MCPCore
import MCPDemo

/// `mcp demo`: a tour of the protocol against the embedded demo server.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Connect to the embedded demo server and show what MCP can do."
    )

    func run() async throws {
        let handlers = ClientHandlers(onLogMessage: { message in
            print("  [server log \(message.level.rawValue)] \(message.data.stringValue ?? message.data.jsonString())")
        })
        try await withClient(connectingTo: DemoServer.make(), handlers: handlers) { client in
            let info = client.serverInfo
            print("Connected to \(info?.title ?? info?.name ?? "?") \(info?.version ?? "") — protocol \(client.protocolVersion?.rawValue ?? "?")")
            if let instructions = client.instructions { print("Instructions: \(instructions)") }

            print("\nTools:")
            for tool in try await client.listAllTools() {
                print("  \(tool.name) — \(tool.description ?? "")")
            }

            let echo = try await client.callTool("echo", arguments: ["text": "hello, MCP"])
            print("\necho → \(echo.text)")

            let sum = try await client.callTool("add", arguments: DemoServer.AddInput(a: 2, b: 40), as: DemoServer.AddOutput.self)
            print("add(2, 40) → \(sum.sum)")

            print("countdown(3) with progress:")
            try await client.setLoggingLevel(.info)
            for try await update in try client.callToolWithProgress("countdown", arguments: ["n": 3, "delayMilliseconds": 100]) {
                switch update {
                case .progress(let progress):
                    print("  progress \(Int(progress.progress))/\(Int(progress.total ?? 0)) \(progress.message ?? "")")
                case .result(let result):
                    print("  → \(result.text)")
                }
            }

            let failed = try await client.callTool("fail")
            print("fail → isError \(failed.isError ?? false): \(failed.text)")

            print("\nResources:")
            for resource in try await client.listAllResources() {
                print("  \(resource.uri) — \(resource.title ?? resource.name)")
            }
            for template in try await client.listAllResourceTemplates() {
                print("  \(template.uriTemplate) (template)")
            }
            let greeting = try await client.readResource("demo://greeting/Swift")
            print("read demo://greeting/Swift → \(greeting.contents.first?.text ?? "")")

            print("\nPrompts:")
            let prompt = try await client.getPrompt("summarize", arguments: ["text": "MCP connects models to tools."])
            for message in prompt.messages {
                print("  \(message.role.rawValue): \(message.content.text ?? "")")
            }
            try await client.ping()
            print("\nping → ok")
        }
    }
}
