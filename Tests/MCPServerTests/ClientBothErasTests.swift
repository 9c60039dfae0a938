import MCPClient
import MCPCore
import MCPDemo
import MCPServer
import Synchronization
import Testing

/// The package's own Client against MCPServer, once per era.
@Suite("Client against MCPServer in both eras")
struct ClientBothErasTests {
    /// The protocol modes that lead to each era: the handshake, and 2026-07-28.
    static let modes: [ProtocolMode] = [.legacy, .pinned(.v2026_07_28)]

    static func client(_ mode: ProtocolMode, handlers: ClientHandlers = .init()) -> Client {
        Client(configuration: .init(protocolMode: mode, eraCache: nil), handlers: handlers)
    }

    /// Client handlers answering every kind of question, counting how often each was asked.
    static func answeringHandlers(_ asked: Counters) -> ClientHandlers {
        ClientHandlers(
            sampling: { _, _ in
                asked.count("sampling")
                return CreateMessageResult(role: .assistant, content: .text("teal"), model: "test-model")
            },
            elicitation: { _, _ in
                asked.count("elicitation")
                return .accept(["name": "Ada"])
            },
            roots: { _ in
                asked.count("roots")
                return [Root(uri: "file:///work", name: "work")]
            }
        )
    }

    @Test("the era follows the client's protocol mode", arguments: modes)
    func era(mode: ProtocolMode) async throws {
        let test = TestServer()
        let client = Self.client(mode)
        try await client.connect(to: test.server)
        #expect(client.isStateless == (mode != .legacy))
        #expect(client.protocolVersion == (mode == .legacy ? .v2025_11_25 : .v2026_07_28))
        #expect(client.instructions == "For tests.")
        #expect(client.serverCapabilities?.tools?.listChanged == true)
        await client.close()
    }

    @Test("automatic detection settles on the stateless era")
    func automatic() async throws {
        let test = TestServer()
        let client = Self.client(.automatic)
        try await client.connect(to: test.server)
        #expect(client.isStateless)
        #expect(try await client.callTool("add", arguments: ["a": 2, "b": 3]).content.first?.text == "5.0")
        await client.close()
    }

    @Test("tools, resources, prompts and completion", arguments: modes)
    func features(mode: ProtocolMode) async throws {
        let test = TestServer(pageSize: 2)
        let client = Self.client(mode, handlers: Self.answeringHandlers(Counters()))
        try await client.connect(to: test.server)
        let tools = try await client.listAllTools()
        #expect(tools.map(\.name) == ["add", "ask_all", "ask_both", "ask_careless", "chatty", "slow"])
        #expect(try await client.callTool("add", arguments: ["a": 1, "b": 2]).content.first?.text == "3.0")
        let read = try await client.readResource("test://static")
        #expect(read.contents.first?.text == "static text")
        let completion = try await client.complete(argument: "x", value: "b", in: .prompt(PromptReference(name: "roots_prompt")))
        #expect(completion.completion.values == ["beta"])
        await client.close()
    }

    @Test("handlers' questions reach the client's handlers once each, in both eras", arguments: modes)
    func questions(mode: ProtocolMode) async throws {
        let test = TestServer()
        let asked = Counters()
        let client = Self.client(mode, handlers: Self.answeringHandlers(asked))
        try await client.connect(to: test.server)

        let result = try await client.callTool("ask_all")
        #expect(result.content.first?.text == "teal Ada file:///work")
        #expect(asked.runs.withLock { $0 } == ["sampling": 1, "elicitation": 1, "roots": 1])
        // The stateless era replays the handler once per round: three questions, four runs.
        #expect(test.runCount("ask_all") == (mode == .legacy ? 1 : 4))

        let prompt = try await client.getPrompt("roots_prompt")
        #expect(prompt.messages.first?.content.text == "Look in file:///work")
        let greeting = try await client.readResource("test://greeting/world")
        #expect(greeting.contents.first?.text == "Hello world, from Ada")
        await client.close()
    }

    @Test("questions asked concurrently are all answered", arguments: modes)
    func concurrentQuestions(mode: ProtocolMode) async throws {
        let test = TestServer()
        let asked = Counters()
        let client = Self.client(mode, handlers: Self.answeringHandlers(asked))
        try await client.connect(to: test.server)
        let result = try await client.callTool("ask_both")
        #expect(result.content.first?.text == "teal 1")
        #expect(asked.runs.withLock { $0 } == ["sampling": 1, "roots": 1])
        await client.close()
    }

    @Test("a handler that swallows the pending question still gets its answer", arguments: modes)
    func carelessHandler(mode: ProtocolMode) async throws {
        let test = TestServer()
        let client = Self.client(mode, handlers: Self.answeringHandlers(Counters()))
        try await client.connect(to: test.server)
        let result = try await client.callTool("ask_careless")
        #expect(result.isError != true)
        #expect(result.content.first?.text == "teal")
        await client.close()
    }

    @Test("the demo's sampling and elicitation tools work in both eras", arguments: modes)
    func demo(mode: ProtocolMode) async throws {
        let server = DemoServer.make()
        let client = Self.client(mode, handlers: Self.answeringHandlers(Counters()))
        try await client.connect(to: server)
        let haiku = try await client.callTool("haiku", arguments: ["topic": "rain"])
        #expect(haiku.isError != true)
        #expect(haiku.content.first?.text == "teal")
        let booking = try await client.callTool("book_table", arguments: ["restaurant": "Noma"])
        // The handler answers without a date: the client fills in the form's default (SEP-1034).
        #expect(booking.content.first?.text?.hasPrefix("Booked Noma on 2026-12-24") == true, "\(booking.content)")
        await client.close()
    }

    @Test("the demo's haiku tool without a sampling client: a tool error (handshake era) or -32021 (stateless)", arguments: modes)
    func demoWithoutSampling(mode: ProtocolMode) async throws {
        let client = Self.client(mode)
        try await client.connect(to: DemoServer.make())
        if client.isStateless {
            let error = await #expect(throws: MCPError.self) { try await client.callTool("haiku", arguments: ["topic": "rain"]) }
            #expect(error?.code == .missingRequiredClientCapability)
        } else {
            let haiku = try await client.callTool("haiku", arguments: ["topic": "rain"])
            #expect(haiku.isError == true)
        }
        await client.close()
    }

    @Test("progress and log messages reach the request that produced them", arguments: modes)
    func progressAndLogs(mode: ProtocolMode) async throws {
        let test = TestServer()
        let logs = Mutex<[String]>([])
        let client = Self.client(mode, handlers: ClientHandlers(onLogMessage: { message in
            logs.withLock { $0.append(message.data.stringValue ?? "") }
        }))
        try await client.connect(to: test.server)
        try await client.setLoggingLevel(.info)
        let progress = Mutex<[Double]>([])
        var options = RequestOptions()
        options.onProgress = { update in progress.withLock { $0.append(update.progress) } }
        let result = try await client.callTool("chatty", options: options)
        #expect(result.content.first?.text == "said things")
        try await waitUntil { logs.withLock { $0 } == ["watch out"] && progress.withLock { $0 } == [1, 2] }
        await client.close()
    }
}

/// Polls `condition` for up to 30 seconds (generous, for a loaded machine), recording an issue if it never holds.
func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    #expect(condition(), sourceLocation: sourceLocation)
}
