import MCPCore
import MCPServer
import Testing

/// Multi round-trip requests at the JSON-RPC level: the `input_required` result, the retry with
/// `inputResponses` and `requestState`, and what the server refuses.
@Suite("Multi round-trip requests")
struct MultiRoundTripTests {
    static let allCapabilities: JSONObject = ["sampling": [:], "elicitation": [:], "roots": [:]]
    static let samplingAnswer: JSONValue = ["role": "assistant", "content": ["type": "text", "text": "teal"], "model": "m"]
    static let elicitationAnswer: JSONValue = ["action": "accept", "content": ["name": "Ada"]]
    static let rootsAnswer: JSONValue = ["roots": [["uri": "file:///work"]]]

    /// Sends `tools/call` for `tool` with the answers and state of a retry.
    static func call(
        _ peer: WirePeer,
        _ tool: String,
        arguments: JSONObject = [:],
        responses: JSONObject? = nil,
        state: JSONValue? = nil,
        capabilities: JSONObject = allCapabilities
    ) async throws -> RequestID {
        var params: JSONObject = ["name": .string(tool), "arguments": .object(arguments)]
        if let responses { params["inputResponses"] = .object(responses) }
        if let state { params["requestState"] = state }
        return try await peer.send("tools/call", stateless(params, capabilities: capabilities))
    }

    /// The only input request of an `input_required` result: its key and method.
    static func onlyQuestion(_ result: JSONObject) throws -> (key: String, method: String) {
        let requests = try #require(result["inputRequests"]?.objectValue)
        #expect(requests.count == 1)
        let key = try #require(requests.keys.first)
        return (key, requests[key]?["method"]?.stringValue ?? "")
    }

    @Test("questions go one round at a time until the handler finishes")
    func rounds() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let first = try await Self.call(peer, "ask_all")
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: first), "InputRequiredResult")
            var result = try await peer.result(of: first)
            #expect(result["resultType"] == "input_required")
            #expect(result["_meta"]?[MetaKeys.serverInfo]?["name"] == "test-server")
            var question = try Self.onlyQuestion(result)
            #expect(question.method == "sampling/createMessage")
            #expect(question.key.hasPrefix("sampling-"))
            let samplingKey = question.key

            let second = try await Self.call(peer, "ask_all", responses: [samplingKey: Self.samplingAnswer], state: result["requestState"])
            result = try await peer.result(of: second)
            question = try Self.onlyQuestion(result)
            #expect(question.method == "elicitation/create")
            let elicitationKey = question.key

            // The client sends only this round's answers: earlier ones travel in requestState.
            let third = try await Self.call(peer, "ask_all", responses: [elicitationKey: Self.elicitationAnswer], state: result["requestState"])
            result = try await peer.result(of: third)
            question = try Self.onlyQuestion(result)
            #expect(question.method == "roots/list")

            let last = try await Self.call(peer, "ask_all", responses: [question.key: Self.rootsAnswer], state: result["requestState"])
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: last), "CallToolResult")
            result = try await peer.result(of: last)
            #expect(result["resultType"] == "complete")
            #expect(result["content"] == [["type": "text", "text": "teal Ada file:///work"]])
            #expect(test.runCount("ask_all") == 4)
            #expect(peer.notifications().isEmpty, "stateless connections get no server requests")
        }
    }

    @Test("concurrent questions are asked together when the handler reaches them together")
    func concurrent() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            var result = try await peer.result(of: try await Self.call(peer, "ask_both"))
            var answered: JSONObject = [:]
            // However the handler's child tasks interleave, every round asks something new.
            for _ in 0..<3 where result["resultType"] == "input_required" {
                let requests = try #require(result["inputRequests"]?.objectValue)
                var responses: JSONObject = [:]
                for (key, request) in requests {
                    #expect(answered[key] == nil, "\(key) was asked twice")
                    responses[key] = request["method"] == "roots/list" ? Self.rootsAnswer : Self.samplingAnswer
                }
                answered.merge(responses)
                result = try await peer.result(of: try await Self.call(peer, "ask_both", responses: responses, state: result["requestState"]))
            }
            #expect(result["content"] == [["type": "text", "text": "teal 1"]])
        }
    }

    @Test("a retry without the answer asks again")
    func missingAnswer() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let result = try await peer.result(of: try await Self.call(peer, "ask_all"))
            let question = try Self.onlyQuestion(result)
            let again = try await peer.result(of: try await Self.call(peer, "ask_all", responses: ["unrelated": 1], state: result["requestState"]))
            #expect(try Self.onlyQuestion(again).key == question.key)
        }
    }

    @Test("answers without the state that asked for them are ignored")
    func answersWithoutState() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let result = try await peer.result(of: try await Self.call(peer, "ask_all"))
            let question = try Self.onlyQuestion(result)
            let again = try await peer.result(of: try await Self.call(peer, "ask_all", responses: [question.key: Self.samplingAnswer]))
            #expect(again["resultType"] == "input_required")
            #expect(try Self.onlyQuestion(again).key == question.key)
        }
    }

    @Test("a forged, transplanted or malformed requestState is -32602")
    func badState() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let result = try await peer.result(of: try await Self.call(peer, "ask_all", arguments: ["x": 1]))
            let state = try #require(result["requestState"]?.stringValue)
            let question = try Self.onlyQuestion(result)
            let answers: JSONObject = [question.key: Self.samplingAnswer]

            // The payload rewritten (more time, an answer slipped in), the MAC kept.
            let parts = state.split(separator: ".").map(String.init)
            var payload = try JSONValue(parsing: try #require(Base64.decode(parts[0]))).objectValue ?? [:]
            payload["expires"] = .int(Int.max / 2)
            payload["answers"] = .object(answers)
            let forged = Base64.encode(Array(JSONValue.object(payload).jsonString().utf8)) + "." + parts[1]
            let otherArguments = try await Self.call(peer, "ask_all", arguments: ["x": 2], responses: answers, state: .string(state))
            let otherTool = try await Self.call(peer, "ask_both", arguments: ["x": 1], responses: answers, state: .string(state))
            let tampered = try await Self.call(peer, "ask_all", arguments: ["x": 1], responses: answers, state: .string(forged))
            let notString = try await Self.call(peer, "ask_all", arguments: ["x": 1], responses: answers, state: 42)
            let garbage = try await Self.call(peer, "ask_all", arguments: ["x": 1], responses: answers, state: "not a state")
            for id in [otherArguments, otherTool, tampered, notString, garbage] {
                #expect(try await peer.error(of: id).code == .invalidParams, "\(id)")
            }
            // Another server instance has another key.
            try await WirePeer.with(TestServer().server) { other in
                let id = try await Self.call(other, "ask_all", arguments: ["x": 1], responses: answers, state: .string(state))
                #expect(try await other.error(of: id).code == .invalidParams)
            }
            // The genuine state still works.
            let genuine = try await peer.result(of: try await Self.call(peer, "ask_all", arguments: ["x": 1], responses: answers, state: .string(state)))
            #expect(try Self.onlyQuestion(genuine).method == "elicitation/create")
        }
    }

    @Test("an expired requestState is -32602")
    func expiredState() async throws {
        let server = MCPServer(configuration: .init(serverInfo: Implementation(name: "t", version: "1"), inputRequestLifetime: .milliseconds(1)))
        server.addTool(Tool(name: "ask", inputSchema: ["type": "object"])) { _, context in
            _ = try await context.listRoots()
            return CallToolResult(content: [])
        }
        try await WirePeer.with(server) { peer in
            let result = try await peer.result(of: try await Self.call(peer, "ask"))
            let question = try Self.onlyQuestion(result)
            try await Task.sleep(for: .milliseconds(20))
            let id = try await Self.call(peer, "ask", responses: [question.key: Self.rootsAnswer], state: result["requestState"])
            #expect(try await peer.error(of: id).code == .invalidParams)
        }
    }

    @Test("an answer of the wrong shape is -32602")
    func wrongAnswer() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let result = try await peer.result(of: try await Self.call(peer, "ask_all"))
            let question = try Self.onlyQuestion(result)
            let id = try await Self.call(peer, "ask_all", responses: [question.key: ["nonsense": true]], state: result["requestState"])
            let error = try await peer.error(of: id)
            #expect(error.code == .invalidParams)
            #expect(error.message.contains(question.key))
        }
    }

    @Test("a question needing an undeclared capability is -32021")
    func missingCapability() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let id = try await Self.call(peer, "ask_all", capabilities: ["roots": [:]])
            try SpecSchema.expectValid(message: try await peer.awaitResponse(to: id), "MissingRequiredClientCapabilityError")
            let error = try await peer.error(of: id)
            #expect(error.code == .missingRequiredClientCapability)
            #expect(error.data == ["requiredCapabilities": ["sampling": [:]]])
        }
    }

    @Test("prompts/get and resources/read ask too; completion/complete may not")
    func otherMethods() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            let prompt = try await peer.result(of: try await peer.send("prompts/get", stateless(["name": "roots_prompt"], capabilities: Self.allCapabilities)))
            #expect(try Self.onlyQuestion(prompt).method == "roots/list")
            let read = try await peer.result(of: try await peer.send("resources/read", stateless(["uri": "test://greeting/x"], capabilities: Self.allCapabilities)))
            #expect(try Self.onlyQuestion(read).method == "elicitation/create")
            #expect(read["ttlMs"] == nil, "an input_required result is not cacheable")
            let complete = try await peer.failingRequest(
                "completion/complete",
                stateless(["ref": ["type": "ref/prompt", "name": "roots_prompt"], "argument": ["name": "x", "value": "ask"]], capabilities: Self.allCapabilities)
            )
            #expect(complete.code == .internalError)
        }
    }

    @Test("the handshake era asks with requests of the server's own")
    func handshakeEra() async throws {
        let test = TestServer()
        try await WirePeer.with(test.server) { peer in
            try await handshake(peer)
            let call = try await peer.send("tools/call", ["name": "ask_all"])
            // Answer each server request as it comes.
            for (method, answer) in [("sampling/createMessage", Self.samplingAnswer), ("elicitation/create", Self.elicitationAnswer), ("roots/list", Self.rootsAnswer)] {
                let request = try await waitForServerRequest(peer, method)
                try await peer.reply(to: request.id, answer)
            }
            let result = try await peer.result(of: call)
            #expect(result["content"] == [["type": "text", "text": "teal Ada file:///work"]])
            #expect(test.runCount("ask_all") == 1)
        }
    }

    private func waitForServerRequest(_ peer: WirePeer, _ method: String) async throws -> JSONRPCRequest {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            for message in peer.messages {
                if case .request(let request) = message, request.method == method { return request }
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw WirePeer.Timeout(what: method)
    }
}
