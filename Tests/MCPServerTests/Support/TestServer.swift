import MCPCore
import MCPServer
import Synchronization

/// What the handlers of a ``TestServer`` record.
final class Counters: Sendable {
    /// How often each handler started, by name.
    let runs = Mutex<[String: Int]>([:])
    /// Handlers whose task was cancelled, by name.
    let cancelled = Mutex<Set<String>>([])

    func count(_ name: String) { runs.withLock { $0[name, default: 0] += 1 } }
}

/// A server with handlers that exercise both eras, and counters the tests read.
struct TestServer: Sendable {
    let server: MCPServer
    let counters = Counters()

    static let samplingQuestion = CreateMessageRequestParams(
        messages: [SamplingMessage(role: .user, content: .text("Name a colour"))],
        maxTokens: 10
    )
    static let elicitationQuestion = ElicitRequestParams.form(ElicitRequestFormParams(
        message: "Your name?",
        requestedSchema: ElicitationSchema(properties: [.init(name: "name", schema: .string(StringSchema()))], required: ["name"])
    ))

    func runCount(_ name: String) -> Int { counters.runs.withLock { $0[name, default: 0] } }

    func wasCancelled(_ name: String) -> Bool { counters.cancelled.withLock { $0.contains(name) } }

    init(pageSize: Int? = nil) {
        server = MCPServer(name: "test-server", version: "2.0", instructions: "For tests.", pageSize: pageSize)
        let counters = self.counters
        let count: @Sendable (String) -> Void = { counters.count($0) }

        server.addTool(Tool(name: "add", inputSchema: ["type": "object"])) { arguments, _ in
            let sum = (arguments["a"]?.doubleValue ?? 0) + (arguments["b"]?.doubleValue ?? 0)
            return CallToolResult(content: [.text("\(sum)")])
        }

        // Sampling, then elicitation, then roots, one after the other.
        server.addTool(Tool(name: "ask_all", inputSchema: ["type": "object"])) { _, context in
            count("ask_all")
            let colour = try await context.createMessage(Self.samplingQuestion).content.text
            let person = try await context.elicit(Self.elicitationQuestion)
            let roots = try await context.listRoots()
            let name = person.content?["name"]?.stringValue ?? person.action.rawValue
            return CallToolResult(content: [.text("\(colour) \(name) \(roots.map(\.uri).joined(separator: ","))")])
        }

        // Two questions at once.
        server.addTool(Tool(name: "ask_both", inputSchema: ["type": "object"])) { _, context in
            count("ask_both")
            async let colour = context.createMessage(Self.samplingQuestion)
            async let roots = context.listRoots()
            let (reply, list) = try await (colour, roots)
            return CallToolResult(content: [.text("\(reply.content.text) \(list.count)")])
        }

        // Swallows every error, as careless tools do: the open question still wins.
        server.addTool(Tool(name: "ask_careless", inputSchema: ["type": "object"])) { _, context in
            count("ask_careless")
            do {
                let reply = try await context.createMessage(Self.samplingQuestion)
                return CallToolResult(content: [.text(reply.content.text)])
            } catch {
                return CallToolResult(content: [.text("failed: \(error)")], isError: true)
            }
        }

        // Logs at two levels and reports progress.
        server.addTool(Tool(name: "chatty", inputSchema: ["type": "object"])) { _, context in
            await context.log(.debug, "debug detail", logger: "chatty")
            await context.log(.warning, "watch out", logger: "chatty")
            await context.reportProgress(1, total: 2, message: "half")
            await context.reportProgress(2, total: 2, message: "done")
            return CallToolResult(content: [.text("said things")])
        }

        // Waits until cancelled.
        server.addTool(Tool(name: "slow", inputSchema: ["type": "object"])) { _, _ in
            count("slow")
            do {
                try await Task.sleep(for: .seconds(60))
            } catch {
                _ = counters.cancelled.withLock { $0.insert("slow") }
                throw error
            }
            return CallToolResult(content: [.text("finished")])
        }

        server.addResource(Resource(uri: "test://static", name: "static")) { _ in
            [.text(TextResourceContents(uri: "test://static", text: "static text"))]
        }
        // A resource whose content depends on the user's answer.
        server.addResourceTemplate(ResourceTemplate(uriTemplate: "test://greeting/{who}", name: "greeting")) { uri, variables, context in
            let answer = try await context.elicit(Self.elicitationQuestion)
            let me = answer.content?["name"]?.stringValue ?? "nobody"
            return [.text(TextResourceContents(uri: uri, text: "Hello \(variables["who"] ?? "?"), from \(me)"))]
        }
        // A prompt built from the client's roots.
        server.addPrompt(Prompt(name: "roots_prompt")) { _, context in
            let roots = try await context.listRoots()
            return GetPromptResult(messages: [PromptMessage(role: .user, content: .text("Look in \(roots.map(\.uri).joined(separator: " "))"))])
        }
        server.setCompletionHandler { params, context in
            if params.argument.value == "ask" {
                // Completion may not ask the client anything in the stateless protocol.
                _ = try await context.listRoots()
            }
            return CompleteResult(completion: .init(values: ["alpha", "beta"].filter { $0.hasPrefix(params.argument.value) }))
        }
    }
}
