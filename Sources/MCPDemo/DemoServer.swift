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

    /// A 1×1 PNG image, the demo's binary resource.
    public static let logoPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    /// Creates a fresh demo server.
    /// The booking form of `book_table`, built once (kept out of the handler, whose frame would
    /// otherwise carry the whole literal on every call).
    static let bookingForm = ElicitationSchema(
        properties: [
            .init(name: "date", schema: .string(StringSchema(title: "Date", format: .date, defaultValue: "2026-12-24"))),
            .init(name: "guests", schema: .number(NumberSchema(type: .integer, title: "Guests", minimum: 1, maximum: 12, defaultValue: 2))),
            .init(name: "seating", schema: .titledSingleSelect(TitledSingleSelectEnumSchema(
                title: "Seating",
                options: [EnumOption(value: "inside", title: "Inside"), EnumOption(value: "terrace", title: "Terrace")],
                defaultValue: "inside"
            ))),
        ],
        required: ["date", "guests"]
    )

    public static func make(pageSize: Int? = nil) -> MCPServer {
        let server = MCPServer(configuration: .init(
            serverInfo: Implementation(
                name: "swift-mcp-demo",
                version: "1.0.0",
                title: "Swift MCP demo server",
                description: "Tools, resources and prompts that show the protocol's features"
            ),
            instructions: "Use `add` for arithmetic and `echo` to test connectivity.",
            pageSize: pageSize,
            tasks: MCPServer.TaskSettings(pollInterval: .milliseconds(100), ttl: .seconds(600))
        ))

        server.addTool(
            Tool(
                name: "index_library",
                title: "Index a library",
                description: "A long job the server may run as a task: it reports its stages while it works.",
                inputSchema: ["type": "object", "properties": ["books": ["type": "integer", "minimum": 1]]],
                execution: ToolExecution(taskSupport: .optional)
            )
        ) { arguments, context in
            let books = max(1, arguments["books"]?.intValue ?? 3)
            for stage in ["reading catalogues", "indexing \(books) books", "writing the index"] {
                context.setTaskStatusMessage(stage)
                try await Task.sleep(for: .milliseconds(150))
            }
            return CallToolResult(content: [.text("Indexed \(books) books.")])
        }

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

        server.addTool(
            Tool(
                name: "book_table",
                title: "Book a table",
                description: "Asks the user for booking details (elicitation), then confirms.",
                inputSchema: ["type": "object", "properties": ["restaurant": ["type": "string"]]]
            )
        ) { arguments, context in
            let restaurant = arguments["restaurant"]?.stringValue ?? "Chez MCP"
            let answer = try await context.elicit(.form(ElicitRequestFormParams(
                message: "Booking a table at \(restaurant). When, and for how many?",
                requestedSchema: DemoServer.bookingForm
            )))
            guard answer.action == .accept, let content = answer.content else {
                return CallToolResult(content: [.text("No booking made (\(answer.action.rawValue)).")])
            }
            let date = content["date"]?.stringValue ?? "?"
            let guests = content["guests"]?.intValue ?? 0
            let seating = content["seating"]?.stringValue ?? "inside"
            return CallToolResult(content: [.text("Booked \(restaurant) on \(date) for \(guests), \(seating).")])
        }

        server.addTool(
            Tool(
                name: "haiku",
                title: "Haiku",
                description: "Asks the client's language model for a haiku (sampling).",
                inputSchema: ["type": "object", "properties": ["topic": ["type": "string"]], "required": ["topic"]]
            )
        ) { arguments, context in
            let topic = arguments["topic"]?.stringValue ?? "the sea"
            do {
                let reply = try await context.createMessage(CreateMessageRequestParams(
                    messages: [SamplingMessage(role: .user, content: .single(.text(TextContent(text: "Write a haiku about \(topic)."))))],
                    systemPrompt: "You are a poet.",
                    maxTokens: 60
                ))
                return CallToolResult(content: [.text(reply.content.text)])
            } catch let error as MCPError where error.code == .missingRequiredClientCapability {
                // Stateless protocol: the client never offered sampling; the request itself is refused.
                throw error
            } catch {
                // A client that refused to sample is a failure of this tool, not of the protocol.
                return CallToolResult(content: [.text("No haiku: the client did not sample (\(error)).")], isError: true)
            }
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

        server.addResource(
            Resource(uri: "demo://logo.png", name: "logo", title: "A tiny PNG image", mimeType: "image/png")
        ) { _ in
            [.blob(BlobResourceContents(uri: "demo://logo.png", blob: Base64.encode(DemoServer.logoPNG), mimeType: "image/png"))]
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
