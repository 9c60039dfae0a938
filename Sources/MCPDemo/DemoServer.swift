public import MCPServer
import MCPCore

/// The demo server: a handful of tools, resources and prompts that show every common MCP
/// feature. `mcp demo` talks to it; tests and benchmarks use it too.
public enum DemoServer {
    /// The arguments of the `add` tool.
    public struct AddInput: Codable, Sendable {
        /// The first addend.
        public var a: Double
        /// The second addend.
        public var b: Double

        /// Creates the arguments.
        public init(a: Double, b: Double) {
            self.a = a
            self.b = b
        }
    }

    /// The result of the `add` tool.
    public struct AddOutput: Codable, Sendable, Equatable {
        /// `a + b`.
        public var sum: Double
    }

    /// Creates a fresh demo server.
    public static func make(pageSize: Int? = nil) -> MCPServer {
        let server = MCPServer(configuration: .init(
            serverInfo: Implementation(
                name: "swift-mcp-demo",
                version: "1.0.0",
                title: "Swift MCP demo server",
                description: "Tools, resources and prompts that show the protocol's features"
            ),
            instructions: "Use `add` for arithmetic and `echo` to test connectivity.",
            pageSize: pageSize
        ))

        server.addTool(
            Tool(
                name: "echo",
                title: "Echo",
                description: "Returns its text argument unchanged.",
                inputSchema: [
                    "type": "object",
                    "properties": ["text": ["type": "string", "description": "The text to echo"]],
                    "required": ["text"],
                ],
                annotations: ToolAnnotations(readOnlyHint: true, openWorldHint: false)
            )
        ) { arguments, _ in
            CallToolResult(content: [.text(arguments["text"]?.stringValue ?? "")])
        }

        server.addTool(
            Tool(
                name: "add",
                title: "Add",
                description: "Adds two numbers.",
                inputSchema: [
                    "type": "object",
                    "properties": ["a": ["type": "number"], "b": ["type": "number"]],
                    "required": ["a", "b"],
                ],
                outputSchema: [
                    "type": "object",
                    "properties": ["sum": ["type": "number"]],
                    "required": ["sum"],
                ],
                annotations: ToolAnnotations(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
            ),
            input: AddInput.self
        ) { input, _ in
            AddOutput(sum: input.a + input.b)
        }

        server.addTool(
            Tool(
                name: "countdown",
                title: "Countdown",
                description: "Counts down from n, reporting progress at each step.",
                inputSchema: [
                    "type": "object",
                    "properties": [
                        "n": ["type": "integer", "minimum": 1, "maximum": 100],
                        "delayMilliseconds": ["type": "integer", "minimum": 0, "maximum": 1000],
                    ],
                    "required": ["n"],
                ]
            )
        ) { arguments, context in
            let n = arguments["n"]?.intValue ?? 3
            let delay = arguments["delayMilliseconds"]?.intValue ?? 50
            for step in 1...max(n, 1) {
                try await Task.sleep(for: .milliseconds(delay))
                await context.reportProgress(Double(step), total: Double(n), message: "\(n - step) to go")
            }
            await context.log(.info, "countdown from \(n) finished", logger: "demo")
            return CallToolResult(content: [.text("Liftoff after \(n) steps")])
        }

        server.addTool(
            Tool(
                name: "fail",
                description: "Always fails, to show how tool errors look.",
                inputSchema: ["type": "object"]
            )
        ) { _, _ in
            CallToolResult(content: [.text("This tool always fails.")], isError: true)
        }

        server.addResource(
            Resource(uri: "demo://readme", name: "readme", title: "About this server", mimeType: "text/markdown")
        ) { _ in
            [.text(TextResourceContents(
                uri: "demo://readme",
                text: "# Swift MCP demo\nThis server shows tools, resources and prompts.",
                mimeType: "text/markdown"
            ))]
        }

        server.addResourceTemplate(
            ResourceTemplate(uriTemplate: "demo://greeting/{name}", name: "greeting", title: "A greeting", mimeType: "text/plain")
        ) { uri, variables, _ in
            [.text(TextResourceContents(uri: uri, text: "Hello, \(variables["name"] ?? "world")!", mimeType: "text/plain"))]
        }

        server.addPrompt(
            Prompt(
                name: "summarize",
                title: "Summarize",
                description: "Asks the model to summarize a text.",
                arguments: [PromptArgument(name: "text", description: "The text to summarize", required: true)]
            )
        ) { arguments, _ in
            GetPromptResult(
                description: "Summarize a text",
                messages: [PromptMessage(role: .user, content: .text("Summarize in one sentence:\n\n\(arguments["text"] ?? "")"))]
            )
        }

        server.setCompletionHandler { params, _ in
            let styles = ["brief", "detailed", "bullet points"]
            let matches = styles.filter { $0.hasPrefix(params.argument.value) }
            return CompleteResult(completion: .init(values: matches, total: matches.count, hasMore: false))
        }
        return server
    }
}
