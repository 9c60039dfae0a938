import ArgumentParser
import MCPClient
import MCPCore
import MCPDemo
import MCPStdio

/// `mcp demo`: a tour of the protocol against the embedded demo server.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the embedded demo server and show what MCP can do."
    )

    @Flag(help: "Run the demo server inside this process instead of as a separate stdio process.")
    var inProcess = false

    func run() async throws {
        let handlers = ClientHandlers(onLogMessage: { message in
            print("  [server log \(message.level.rawValue)] \(message.data.stringValue ?? message.data.jsonString())")
        })
        if inProcess {
            try await withClient(connectingTo: DemoServer.make(), handlers: handlers, tour)
        } else {
            // The demo server is this same executable, launched as a real stdio server process.
            let transport = StdioTransport(StdioServerParameters(command: Self.executablePath, arguments: ["demo-server"]))
            try await withClient(connectingTo: transport, handlers: handlers) { client in
                print("Launched the demo server as process \(transport.processID.map(String.init) ?? "?"), talking over its stdin/stdout")
                try await tour(client)
            }
        }
    }

    static var executablePath: String {
        #if os(Linux)
        if let path = try? FileSystemPath.resolveLink("/proc/self/exe") { return path }
        #endif
        return CommandLine.arguments[0]
    }

    private func tour(_ client: Client) async throws {
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

/// `mcp demo-server`: serves the demo server over stdin/stdout (what `mcp demo` launches).
struct DemoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server",
        abstract: "Serve the embedded demo server over stdin and stdout.",
        shouldDisplay: false
    )

    func run() async throws {
        try await DemoServer.make().serve(StdioServerTransport())
    }
}

enum FileSystemPath {
    static func resolveLink(_ path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { throw UnreadableLink() }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    struct UnreadableLink: Error {}
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
