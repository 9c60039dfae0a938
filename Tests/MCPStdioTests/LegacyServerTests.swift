#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPClient
import MCPCore
@testable import MCPStdio
import Testing

/// The bytes `legacy_server.py` serves as its image, audio and blob.
private let png: [UInt8] = hexBytes(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0"
        + "f01f00050001ff89993d1d0000000049454e44ae426082"
)
private let wav: [UInt8] = hexBytes(
    "524946462c00000057415645666d74201000000001000100401f0000401f000001000800646174610800000080a0c0"
        + "a080604060"
)
private let blob: [UInt8] = Array(0...255)

private func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

private func legacyServer(stderr: StderrHandling = .discard) throws -> StdioServerParameters {
    try StdioServerParameters.python(try Paths.legacyServer(), stderr: stderr)
}

/// The request id as Python prints it (`str(request_id)`).
private func pythonText(_ id: RequestID) -> String {
    switch id {
    case .int(let value): return "\(value)"
    case .string(let value): return value
    }
}

/// The handshake-era protocol end to end against a server written with PyPI `mcp` 2.3.0
/// (`Tests/Fixtures/python/legacy_server.py`), through `Client` and `StdioTransport`.
///
/// Serialized: each test starts its own server, and importing the `mcp` package costs about a
/// second of CPU; a dozen at once would only slow every other test down.
@Suite("Python mcp 2.3.0 server, handshake era", .serialized)
struct LegacyServerTests {
    @Test func handshakeNegotiatesTheLatestHandshakeVersionAndCapabilities() async throws {
        try await withStdioClient(try legacyServer()) { client, _ in
            #expect(client.protocolVersion == .v2025_11_25)
            #expect(client.serverInfo?.name == "legacy-fixture")
            #expect(client.serverInfo?.version == "2.3.0-fixture")
            #expect(client.instructions == "A fixture server for the Swift stdio transport tests.")
            let capabilities = try #require(client.serverCapabilities)
            #expect(capabilities.tools?.listChanged == true)
            #expect(capabilities.resources?.subscribe == true)
            #expect(capabilities.resources?.listChanged == true)
            #expect(capabilities.prompts?.listChanged == true)
            #expect(capabilities.logging != nil)
            try await client.ping()
        }
    }

    // MARK: Sampling

    private struct SampleOutcome: Decodable, Equatable {
        var model: String
        var role: String
        var text: String
        var stopReason: String?
    }

    @Test func samplingRequestsReachTheHandlerAndItsAnswerReachesTheServer() async throws {
        let requests = Box<[CreateMessageRequestParams]>([])
        let contexts = Box<[RequestContext]>([])
        let handlers = ClientHandlers(sampling: { params, context in
            requests.mutate { $0.append(params) }
            contexts.mutate { $0.append(context) }
            let prompt = params.messages.first?.content.text ?? ""
            return CreateMessageResult(role: .assistant, content: .text("echo: \(prompt)"), model: "test-model-1", stopReason: .endTurn)
        })
        try await withStdioClient(try legacyServer(), handlers: handlers) { client, _ in
            #expect(client.capabilities.sampling != nil)
            let outcome = try await client.callTool("sample", arguments: ["prompt": "Say hi ✓"], as: SampleOutcome.self)
            #expect(outcome == SampleOutcome(model: "test-model-1", role: "assistant", text: "echo: Say hi ✓", stopReason: "endTurn"))
            let request = try #require(requests.value.first)
            #expect(requests.value.count == 1)
            #expect(request.messages.count == 1)
            #expect(request.messages.first?.role == .user)
            #expect(request.messages.first?.content.text == "Say hi ✓")
            #expect(request.systemPrompt == "You are a test double.")
            #expect(request.maxTokens == 64)
            #expect(request.temperature == 0.25)
            #expect(contexts.value.first?.requestID != nil)
            #expect(contexts.value.first?.protocolVersion == .v2025_11_25)
        }
    }

    // MARK: Elicitation

    private struct ContactOutcome: Decodable, Equatable {
        var action: String
        var name: String?
        var age: Int?
        var subscribe: Bool?
        var color: String?
    }

    @Test func formElicitationAcceptDeclineAndCancel() async throws {
        let schemas = Box<[ElicitationSchema]>([])
        let handlers = ClientHandlers(elicitation: { params, _ in
            guard case .form(let form) = params else { throw MCPError.invalidParams("expected a form") }
            schemas.mutate { $0.append(form.requestedSchema) }
            switch form.message {
            case "accept": return .accept(["name": "Ada", "age": 36, "subscribe": true, "color": "green"])
            case "decline": return .decline()
            default: return .cancel()
            }
        })
        try await withStdioClient(try legacyServer(), handlers: handlers) { client, _ in
            let accepted = try await client.callTool("ask_contact", arguments: ["message": "accept"], as: ContactOutcome.self)
            #expect(accepted == ContactOutcome(action: "accept", name: "Ada", age: 36, subscribe: true, color: "green"))
            let declined = try await client.callTool("ask_contact", arguments: ["message": "decline"], as: ContactOutcome.self)
            #expect(declined == ContactOutcome(action: "decline"))
            let cancelled = try await client.callTool("ask_contact", arguments: ["message": "cancel"], as: ContactOutcome.self)
            #expect(cancelled == ContactOutcome(action: "cancel"))

            let schema = try #require(schemas.value.first)
            #expect(schemas.value.count == 3)
            #expect(Set(schema.properties.map(\.name)) == ["name", "age", "subscribe", "color"])
            #expect(schema.isRequired("name") && schema.isRequired("age"))
            #expect(!schema.isRequired("subscribe"))
            let age = try #require(schema.properties.first { $0.name == "age" })
            guard case .number(let number) = age.schema else {
                Issue.record("age is not a number schema: \(age.schema)")
                return
            }
            #expect(number.minimum == 0 && number.maximum == 150)
            #expect(schema.properties.first { $0.name == "name" }?.schema.description == "Your name")
        }
    }

    private struct URLOutcome: Decodable, Equatable {
        var action: String
        var elicitationId: String
    }

    @Test func urlElicitationAndItsCompletionNotification() async throws {
        let requests = Box<[ElicitRequestURLParams]>([])
        let completed = Box<[String]>([])
        let handlers = ClientHandlers(
            elicitation: { params, _ in
                guard case .url(let url) = params else { throw MCPError.invalidParams("expected a URL elicitation") }
                requests.mutate { $0.append(url) }
                return .accept()
            },
            onElicitationComplete: { params in completed.mutate { $0.append(params.elicitationID) } }
        )
        try await withStdioClient(try legacyServer(), handlers: handlers) { client, _ in
            #expect(client.capabilities.elicitation?.url != nil)
            let outcome = try await client.callTool("ask_url", arguments: JSONObject(), as: URLOutcome.self)
            #expect(outcome == URLOutcome(action: "accept", elicitationId: "elicit-42"))
            let request = try #require(requests.value.first)
            #expect(request.url == "https://example.com/login?session=abc")
            #expect(request.elicitationID == "elicit-42")
            #expect(request.message == "Please sign in to continue")
            #expect(await waitUntil { completed.value == ["elicit-42"] }, "\(completed.value)")
        }
    }

    // MARK: Roots

    private struct RootsOutcome: Decodable, Equatable {
        var uris: [String]
        var names: [String?]
    }

    @Test func rootsAreListedAndChangesAnnounced() async throws {
        let roots = Box([Root(uri: "file:///work/project", name: "Project"), Root(uri: "file:///home/ada/notes")])
        let handlers = ClientHandlers(roots: { _ in roots.value })
        try await withStdioClient(try legacyServer(), handlers: handlers) { client, _ in
            #expect(client.capabilities.roots?.listChanged == true)
            let first = try await client.callTool("client_roots", arguments: JSONObject(), as: RootsOutcome.self)
            #expect(first == RootsOutcome(uris: ["file:///work/project", "file:///home/ada/notes"], names: ["Project", nil]))

            roots.set([Root(uri: "file:///srv/other", name: "Other")])
            try await client.sendRootsListChanged()
            let noticed = await waitUntil(timeout: .seconds(30), interval: .milliseconds(20)) {
                (try? await client.callTool("roots_changes"))?.structuredContent == ["result": 1]
            }
            #expect(noticed, "the server never saw notifications/roots/list_changed")
            let second = try await client.callTool("client_roots", arguments: JSONObject(), as: RootsOutcome.self)
            #expect(second == RootsOutcome(uris: ["file:///srv/other"], names: ["Other"]))
        }
    }

    // MARK: Progress

    @Test func progressArrivesInOrderWithTheResult() async throws {
        let everything = Box<[ProgressNotificationParams]>([])
        let handlers = ClientHandlers(onProgress: { params in everything.mutate { $0.append(params) } })
        try await withStdioClient(try legacyServer(), handlers: handlers) { client, _ in
            var updates: [ProgressUpdate] = []
            var result: CallToolResult?
            for try await update in try client.callToolWithProgress("count", arguments: ["steps": 5]) {
                switch update {
                case .progress(let progress): updates.append(progress)
                case .result(let final): result = final
                }
            }
            #expect(updates.map(\.progress) == [1, 2, 3, 4, 5])
            #expect(updates.allSatisfy { $0.total == 5 })
            #expect(updates.map(\.message) == (1...5).map { "step \($0) of 5" })
            #expect(updates.last?.fractionCompleted == 1)
            #expect(result?.text == "counted to 5")
            #expect(await waitUntil { everything.value.count == 5 })

            // The per-request callback too.
            let seen = Box<[Double]>([])
            let counted = try await client.callTool("count", arguments: ["steps": 3], options: RequestOptions(onProgress: { update in seen.mutate { $0.append(update.progress) } }))
            #expect(counted.text == "counted to 3")
            #expect(seen.value == [1, 2, 3])
        }
    }

    // MARK: Logging

    @Test func logMessagesFollowTheLevelTheClientSets() async throws {
        let messages = Box<[LoggingMessageNotificationParams]>([])
        let handlers = ClientHandlers(onLogMessage: { message in messages.mutate { $0.append(message) } })
        try await withStdioClient(try legacyServer(stderr: .discard), handlers: handlers) { client, _ in
            try await client.setLoggingLevel(.warning)
            let sent = try await client.callTool("emit_logs")
            #expect(sent.structuredContent == ["result": 5])
            #expect(await waitUntil { messages.value.count == 5 })
            #expect(messages.value.map(\.level) == [.warning, .error, .critical, .alert, .emergency])
            #expect(messages.value.allSatisfy { $0.logger == "legacy-fixture" })
            #expect(messages.value.first?.data == ["level": "warning", "index": 3])

            messages.set([])
            try await client.setLoggingLevel(.debug)
            let all = try await client.callTool("emit_logs")
            #expect(all.structuredContent == ["result": 8])
            #expect(await waitUntil { messages.value.count == 8 })
            #expect(messages.value.map(\.level) == LoggingLevel.allKnown)
        }
    }

    // MARK: Cancellation

    @Test func cancellingASlowToolReachesTheServer() async throws {
        let lines = Box<[String]>([])
        let parameters = try legacyServer(stderr: .lines { line in lines.mutate { $0.append(line) } })
        try await withStdioClient(parameters) { client, _ in
            // Cancelled by id.
            let firstID = Box<RequestID?>(nil)
            let first = Task {
                try await client.callTool("slow", arguments: ["seconds": 30], options: RequestOptions(onRequestID: { firstID.set($0) }))
            }
            let started = await waitUntil(timeout: .seconds(30)) {
                firstID.value.map { lines.value.contains("slow started \(pythonText($0))") } ?? false
            }
            #expect(started, "the slow tool never started: \(lines.value)")
            let id = try #require(firstID.value)
            let (outcome, elapsed) = await measure {
                try? client.cancel(requestID: id, reason: "the user pressed stop")
                return await first.result
            }
            guard case .failure(let error) = outcome, error is CancellationError else {
                Issue.record("expected a CancellationError, got \(outcome)")
                return
            }
            #expect(elapsed < .seconds(30), "cancelling took \(elapsed)")
            // The server saw the cancellation and stopped the tool.
            #expect(await waitUntil(timeout: .seconds(30)) { lines.value.contains("slow cancelled \(pythonText(id))") }, "\(lines.value)")
            let observed = try await client.callTool("cancelled_requests")
            #expect(observed.structuredContent == ["result": [.string(pythonText(id))]])

            // Cancelled by cancelling the calling task.
            let secondID = Box<RequestID?>(nil)
            let second = Task {
                try await client.callTool("slow", arguments: ["seconds": 30], options: RequestOptions(onRequestID: { secondID.set($0) }))
            }
            #expect(await waitUntil(timeout: .seconds(30)) { secondID.value.map { lines.value.contains("slow started \(pythonText($0))") } ?? false })
            second.cancel()
            let secondOutcome = await second.result
            guard case .failure(let secondError) = secondOutcome, secondError is CancellationError else {
                Issue.record("expected a CancellationError, got \(secondOutcome)")
                return
            }
            let secondText = pythonText(try #require(secondID.value))
            #expect(await waitUntil(timeout: .seconds(30)) { lines.value.contains("slow cancelled \(secondText)") }, "\(lines.value)")
            // The session carries on; a slow call left alone completes.
            let quick = try await client.callTool("slow", arguments: ["seconds": 0.05])
            #expect(quick.text == "finished")
        }
    }

    // MARK: List changes

    @Test func listChangedNotificationsForToolsResourcesAndPrompts() async throws {
        let changes = Box<[ListKind]>([])
        let handlers = ClientHandlers(onListChanged: { kind in changes.mutate { $0.append(kind) } })
        try await withStdioClient(try legacyServer(), handlers: handlers) { client, _ in
            let before = Set(try await client.listAllTools().map(\.name))
            #expect(!before.contains("dynamic_tool_1"))
            let generation = try await client.callTool("mutate")
            #expect(generation.structuredContent == ["result": 1])
            #expect(await waitUntil { changes.value.count == 3 })
            #expect(changes.value == [.tools, .resources, .prompts])

            let after = Set(try await client.listAllTools().map(\.name))
            #expect(after == before.union(["dynamic_tool_1"]))
            #expect(try await client.callTool("dynamic_tool_1").text == "dynamic tool 1")
            let resources = try await client.listAllResources().map(\.uri)
            #expect(resources.contains("dyn://resource/1"))
            #expect(try await client.readResource("dyn://resource/1").contents.first?.text == "dynamic resource 1")
            let prompts = try await client.listAllPrompts().map(\.name)
            #expect(prompts.contains("dynamic_prompt_1"))
            let prompt = try await client.getPrompt("dynamic_prompt_1")
            #expect(prompt.messages.first?.content.text == "dynamic prompt 1")
        }
    }

    // MARK: Subscriptions

    @Test func subscribedResourcesAnnounceUpdatesUntilUnsubscribed() async throws {
        let updated = Box<[String]>([])
        let handlers = ClientHandlers(onResourceUpdated: { params in updated.mutate { $0.append(params.uri) } })
        try await withStdioClient(try legacyServer(), handlers: handlers) { client, _ in
            try await client.subscribe(to: "res://text")
            try await client.subscribe(to: "res://blob")
            #expect(try await client.callTool("touch", arguments: ["uri": "res://text"]).structuredContent == ["result": true])
            #expect(await waitUntil { updated.value == ["res://text"] }, "\(updated.value)")

            try await client.unsubscribe(from: "res://text")
            #expect(try await client.callTool("touch", arguments: ["uri": "res://text"]).structuredContent == ["result": false])
            #expect(try await client.callTool("touch", arguments: ["uri": "res://blob"]).structuredContent == ["result": true])
            // Notifications arrive in order: an update of res://text would come before this one.
            #expect(await waitUntil { updated.value.count == 2 })
            #expect(updated.value == ["res://text", "res://blob"])
            #expect(try await client.callTool("touch", arguments: ["uri": "res://never-subscribed"]).structuredContent == ["result": false])
        }
    }

    // MARK: Pagination

    @Test func listsArePaginatedAndFollowedToTheEnd() async throws {
        try await withStdioClient(try legacyServer()) { client, _ in
            let first = try await client.listTools()
            #expect(first.tools.count == 5)
            #expect(first.nextCursor == "page:5")
            var pages = [first]
            while let cursor = pages.last?.nextCursor {
                pages.append(try await client.listTools(cursor: cursor))
                #expect(pages.count < 20, "the server keeps returning cursors")
                if pages.count >= 20 { break }
            }
            let walked = pages.flatMap { $0.tools.map(\.name) }
            let all = try await client.listAllTools().map(\.name)
            #expect(walked == all)
            #expect(Set(all).count == all.count, "no tool twice")
            #expect(pages.dropLast().allSatisfy { $0.tools.count == 5 })
            #expect(Set(["sample", "ask_contact", "ask_url", "client_roots", "count", "emit_logs", "slow", "mutate", "touch", "all_content", "forecast"]).isSubset(of: Set(all)))

            let resourcePage = try await client.listResources()
            #expect(resourcePage.resources.count == 2)
            #expect(resourcePage.nextCursor == "page:2")
            let resources = try await client.listAllResources().map(\.uri)
            #expect(resources == ["res://item/0", "res://item/1", "res://item/2", "res://item/3", "res://item/4", "res://text", "res://blob"])
            let prompts = try await client.listAllPrompts().map(\.name)
            #expect(prompts == ["prompt_0", "prompt_1", "prompt_2"])
            let templates = try await client.listAllResourceTemplates().map(\.uriTemplate)
            #expect(templates == ["res://greeting/{name}"])

            let error = await #expect(throws: MCPError.self) { try await client.listTools(cursor: "bogus") }
            #expect(error?.code == .invalidParams)
            #expect(error?.message.contains("invalid cursor") == true)
        }
    }

    // MARK: Content

    @Test func largeTextAndLargeBinaryResultsArriveIntact() async throws {
        // About 11 MB of JSON with escapes on every line, then 8 MB of base64: each is read into
        // the storage of its string (`LargeFrameReader`), the text unescaped there.
        let line = "a line with \"quotes\", a \\ backslash, a\ttab and é€😀\n"
        try await withStdioClient(try legacyServer()) { client, _ in
            let text = try await client.callTool("large_content", arguments: ["lines": 180_000])
            #expect(text.content.count == 1)
            let received = try #require(text.content.first?.text)
            #expect(received.utf8.count == 180_000 * line.utf8.count)
            #expect(sameBytes(received, String(repeating: line, count: 180_000)), "the text came back altered")

            let binary = try await client.callTool("large_content", arguments: ["blob_kib": 6144])
            guard case .resource(let embedded) = binary.content.first, case .blob(let blob) = embedded.resource else {
                Issue.record("not an embedded blob: \(binary.content.map { "\($0)".prefix(100) })")
                return
            }
            let data = try #require(blob.decodedData)
            #expect(data.count == 6144 << 10)
            #expect(data.indices.allSatisfy { data[$0] == UInt8(truncatingIfNeeded: $0) }, "the data came back altered")
            // The connection is in order afterwards.
            #expect(try await client.callTool("forecast", arguments: ["city": "Oslo"]).structuredContent?["city"] == "Oslo")
        }
    }

    @Test func everyContentKindArrivesIntact() async throws {
        try await withStdioClient(try legacyServer()) { client, _ in
            let result = try await client.callTool("all_content")
            #expect(result.isError != true)
            #expect(result.content.map(\.type) == ["text", "image", "audio", "resource_link", "resource", "resource"])
            guard result.content.count == 6 else { return }
            #expect(result.content[0].text == "plain text ✓")
            if case .image(let image) = result.content[1] {
                #expect(image.mimeType == "image/png")
                #expect(image.decodedData == png)
            } else {
                Issue.record("not an image: \(result.content[1])")
            }
            if case .audio(let audio) = result.content[2] {
                #expect(audio.mimeType == "audio/wav")
                #expect(audio.decodedData == wav)
            } else {
                Issue.record("not audio: \(result.content[2])")
            }
            if case .resourceLink(let link) = result.content[3] {
                #expect(link.uri == "res://text")
                #expect(link.name == "text")
                #expect(link.mimeType == "text/plain")
                #expect(link.description == "A link to the text resource")
            } else {
                Issue.record("not a resource link: \(result.content[3])")
            }
            if case .resource(let embedded) = result.content[4], case .text(let text) = embedded.resource {
                #expect(text.uri == "res://embedded/text")
                #expect(text.text == "embedded text ✓")
                #expect(text.mimeType == "text/plain")
            } else {
                Issue.record("not an embedded text resource: \(result.content[4])")
            }
            if case .resource(let embedded) = result.content[5], case .blob(let contents) = embedded.resource {
                #expect(contents.uri == "res://embedded/blob")
                #expect(contents.mimeType == "application/octet-stream")
                #expect(contents.decodedData == blob)
            } else {
                Issue.record("not an embedded blob resource: \(result.content[5])")
            }
        }
    }

    private struct Forecast: Codable, Equatable {
        var city: String
        var temperature: Double
        var conditions: [String]
    }

    @Test func structuredContentWithItsOutputSchema() async throws {
        try await withStdioClient(try legacyServer()) { client, _ in
            let tool = try #require(try await client.listAllTools().first { $0.name == "forecast" })
            let schema = try #require(tool.outputSchema)
            #expect(schema["type"] == "object")
            #expect(Set(schema["properties"]?.objectValue?.keys.map { $0 } ?? []) == ["city", "temperature", "conditions"])
            let forecast = try await client.callTool("forecast", arguments: ["city": "Oslo"], as: Forecast.self)
            #expect(forecast == Forecast(city: "Oslo", temperature: 21.5, conditions: ["sunny", "breezy"]))
            let raw = try await client.callTool("forecast", arguments: ["city": "Oslo"])
            #expect(raw.structuredContent == ["city": "Oslo", "temperature": 21.5, "conditions": ["sunny", "breezy"]])
            // The same value as JSON text, for clients that ignore structured content.
            #expect(try JSONValue(parsing: raw.text) == raw.structuredContent)
        }
    }

    @Test func resourcesTemplatesAndPromptsAreRead() async throws {
        try await withStdioClient(try legacyServer()) { client, _ in
            let text = try await client.readResource("res://text")
            #expect(text.contents.first?.text == "Hello from a text resource ✓")
            #expect(text.contents.first?.mimeType == "text/plain")
            let binary = try await client.readResource("res://blob")
            guard case .blob(let contents)? = binary.contents.first else {
                Issue.record("not a blob: \(binary.contents)")
                return
            }
            #expect(contents.decodedData == blob)
            #expect(contents.mimeType == "application/octet-stream")
            #expect(try await client.readResource("res://greeting/Ada").contents.first?.text == "Hello, Ada!")
            let prompt = try await client.getPrompt("prompt_1", arguments: ["topic": "stdio"])
            #expect(prompt.messages.count == 1)
            #expect(prompt.messages.first?.role == .user)
            #expect(prompt.messages.first?.content.text == "Prompt 1 about stdio")
            let missing = await #expect(throws: MCPError.self) { try await client.readResource("res://missing") }
            #expect(missing?.code == .invalidParams)
        }
    }
}
