import MCPClient
import MCPCore
@testable import MCPHTTP
import Testing

/// Streamable HTTP against the PyPI `mcp` 2.3.0 server, a server this project did not write.
@Suite("Streamable HTTP against the Python SDK server", .serialized)
struct StreamableHTTPInteropTests {
    func connect(_ server: PythonHTTPServer, handlers: ClientHandlers = .init(), timeout: Duration = .seconds(30)) async throws -> (Client, StreamableHTTPTransport) {
        let transport = try StreamableHTTPTransport(url: server.mcpURL)
        var configuration = Client.Configuration()
        configuration.requestTimeout = timeout
        // This suite tests the handshake era's sessions, streams and resumption.
        configuration.protocolMode = .legacy
        let client = Client(configuration: configuration, handlers: handlers)
        try await client.connect(transport)
        return (client, transport)
    }

    @Test("SSE responses: handshake, session id, tools, progress, a server request answered on the stream, DELETE on close",
          arguments: [false, true])
    func streamedResponses(jsonResponse: Bool) async throws {
        let server = try await PythonHTTPServer(jsonResponse ? ["--json-response"] : [])
        defer { server.stop() }
        let handlers = ClientHandlers(sampling: { request, _ in
            CreateMessageResult(role: .assistant, content: .single(.text(TextContent(text: "Paris"))), model: "test-model")
        })
        let (client, transport) = try await connect(server, handlers: handlers)
        #expect(client.serverInfo?.name == "python-http-test-server")
        #expect(client.protocolVersion == .v2025_11_25)
        let sessionID = try #require(transport.sessionID)
        #expect(!sessionID.isEmpty)

        let tools = try await client.listAllTools().map(\.name)
        #expect(tools.contains("echo") && tools.contains("progress"))
        #expect(try await client.callTool("echo", arguments: ["text": "héllo"]).text == "héllo")
        #expect(try await client.callTool("add", arguments: ["a": 2, "b": 3]).text == "5.0")

        let updates = LockedValues<ProgressUpdate>()
        let result = try await client.callTool("progress", arguments: ["steps": 3], options: .init(onProgress: { updates.append($0) }))
        #expect(result.text == "done 3")
        if !jsonResponse {
            // Progress only streams when the server answers with an event stream.
            #expect(updates.values.map(\.progress) == [1, 2, 3])
        }
        if !jsonResponse {
            #expect(try await client.callTool("ask_model", arguments: ["question": "Capital of France?"]).text == "Paris")
        }
        await client.close()

        // The session was deleted: the server no longer knows it.
        let probe = try StreamableHTTPTransport(url: server.mcpURL, configuration: .init(reinitializesExpiredSessions: false))
        let status = try await probe.rawStatus(ofPostWithSession: sessionID)
        #expect(status == 404)
        await probe.close()
    }

    @Test("a stream the server cuts mid-response is resumed with Last-Event-ID and the call completes")
    func resumption() async throws {
        let server = try await PythonHTTPServer(["--event-store", "--retry-ms", "50"])
        defer { server.stop() }
        let (client, _) = try await connect(server)
        let updates = LockedValues<ProgressUpdate>()
        let result = try await client.callTool("drop_stream", options: .init(onProgress: { updates.append($0) }))
        #expect(result.text == "answered after resumption")
        #expect(updates.values.map(\.progress) == [1, 2])
        // The connection is healthy afterwards.
        #expect(try await client.callTool("echo", arguments: ["text": "after"]).text == "after")
        await client.close()
    }

    @Test("a stream cut with nothing to resume from fails that call with a clear error; others carry on",
          arguments: ["cut-without-id", "cut-then-404"])
    func resumptionImpossible(fault: String) async throws {
        let server = try await PythonHTTPServer(["--fault", fault], script: "http_faults.py")
        defer { server.stop() }
        let transport = try StreamableHTTPTransport(url: server.mcpURL, configuration: .init(reconnection: .init(initialDelay: .milliseconds(20))))
        let client = Client()
        try await client.connect(transport)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await client.callTool("anything")
            Issue.record("expected the call to fail")
        } catch let error as ClientError {
            #expect(error.code == .connectionClosed)
            #expect(error.underlyingError is TransportError)
        }
        #expect(clock.now - start < .seconds(5))
        try await client.ping()
        await client.close()
    }

    @Test("the handshake's GET stream is open before the first request after it reaches the server, even when the server is slow to answer the GET")
    func getStreamOpensBeforeLaterRequests() async throws {
        let server = try await PythonHTTPServer(["--fault", "slow-get-stream"], script: "http_faults.py")
        defer { server.stop() }
        let client = Client()
        try await client.connect(try StreamableHTTPTransport(url: server.mcpURL))
        // The server answers the GET after 300 ms; a request sent at once must come after it.
        #expect(try await client.callTool("probe").text == "get-open")
        await client.close()

        // The control: without the wait, the call overtakes the slow GET.
        let impatient = try await PythonHTTPServer(["--fault", "slow-get-stream"], script: "http_faults.py")
        defer { impatient.stop() }
        var configuration = HTTPTransportConfiguration()
        configuration.getStreamOpeningTimeout = .zero
        let hurried = Client()
        try await hurried.connect(try StreamableHTTPTransport(url: impatient.mcpURL, configuration: configuration))
        #expect(try await hurried.callTool("probe").text == "get-missing")
        await hurried.close()
    }

    @Test("a redirect to another origin is refused")
    func crossOriginRedirect() async throws {
        let server = try await PythonHTTPServer(["--fault", "redirect-away"], script: "http_faults.py")
        defer { server.stop() }
        let transport = try StreamableHTTPTransport(url: server.mcpURL)
        do {
            try await Client().connect(transport)
            Issue.record("expected the connection to fail")
        } catch let error as ClientError {
            let cause = try #require(error.underlyingError as? TransportError)
            #expect(cause.code == .protocolViolation)
            #expect(cause.message.contains("another origin"))
        }
    }

    @Test("stateless server")
    func stateless() async throws {
        let server = try await PythonHTTPServer(["--stateless", "--json-response"])
        defer { server.stop() }
        let (client, transport) = try await connect(server)
        #expect(transport.sessionID == nil)
        #expect(try await client.callTool("echo", arguments: ["text": "x"]).text == "x")
        await client.close()
    }

    @Test("server restart: the expired session (404) is replaced transparently and the call succeeds")
    func serverRestart() async throws {
        let server = try await PythonHTTPServer()
        defer { server.stop() }
        let (client, transport) = try await connect(server)
        let before = try #require(transport.sessionID)
        #expect(try await client.callTool("echo", arguments: ["text": "one"]).text == "one")
        try await server.restart()
        #expect(try await client.callTool("echo", arguments: ["text": "two"]).text == "two")
        let after = try #require(transport.sessionID)
        #expect(after != before)
        await client.close()
    }

    @Test("with re-initialization off, an expired session is a clear error")
    func sessionExpiredError() async throws {
        let server = try await PythonHTTPServer()
        defer { server.stop() }
        let transport = try StreamableHTTPTransport(url: server.mcpURL, configuration: .init(reinitializesExpiredSessions: false))
        let client = Client(configuration: .init(protocolMode: .legacy))
        try await client.connect(transport)
        try await server.restart()
        do {
            _ = try await client.callTool("echo", arguments: ["text": "x"])
            Issue.record("expected an error")
        } catch let error as ClientError {
            #expect((error.underlyingError as? TransportError)?.code == .sessionExpired)
        }
        await client.close()
    }

    @Test("a stalled server hits the request timeout; no hang")
    func stall() async throws {
        let server = try await PythonHTTPServer()
        defer { server.stop() }
        let (client, _) = try await connect(server)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await client.callTool("stall", arguments: ["seconds": 30], options: .init(timeout: .after(.milliseconds(500))))
            Issue.record("expected a timeout")
        } catch let error as ClientError {
            #expect(error.code == .timedOut)
        }
        #expect(clock.now - start < .seconds(5))
        await client.close()
    }

    @Test("a response larger than 64 MB arrives whole", arguments: [false, true])
    func largeResponse(jsonResponse: Bool) async throws {
        let server = try await PythonHTTPServer(jsonResponse ? ["--json-response"] : [])
        defer { server.stop() }
        let (client, _) = try await connect(server, timeout: .seconds(120))
        let size = 65 << 20
        let result = try await client.callTool("big", arguments: ["size": .int(size)])
        #expect(result.text.utf8.count == size)
        await client.close()
    }

    @Test("notifications the server sends outside a request arrive on the GET stream")
    func getStream() async throws {
        let server = try await PythonHTTPServer()
        defer { server.stop() }
        let changes = LockedValues<ListKind>()
        let (client, _) = try await connect(server, handlers: ClientHandlers(onListChanged: { changes.append($0) }))
        #expect(try await client.callTool("notify_later").text == "scheduled")
        try await changes.wait { $0.contains(.tools) }
        await client.close()
    }
}

/// HTTP+SSE (2024-11-05) against the Python SDK server, directly and through the fallback.
@Suite("Legacy HTTP+SSE against the Python SDK server", .serialized)
struct LegacySSEInteropTests {
    @Test("SSEClientTransport: endpoint announced, messages posted, answers streamed")
    func direct() async throws {
        let server = try await PythonHTTPServer(["--transport", "sse"])
        defer { server.stop() }
        let transport = try SSEClientTransport(url: server.sseURL)
        try await withClient(connectingTo: transport) { client in
            #expect(transport.endpoint?.hasPrefix(server.baseURL) == true)
            #expect(try await client.callTool("echo", arguments: ["text": "legacy"]).text == "legacy")
            let result = try await client.callTool("progress", arguments: ["steps": 2])
            #expect(result.text == "done 2")
        }
    }

    @Test("HTTPTransport falls back from Streamable HTTP to HTTP+SSE on 405")
    func fallback() async throws {
        let server = try await PythonHTTPServer(["--transport", "sse"])
        defer { server.stop() }
        let transport = try HTTPTransport(url: server.sseURL)
        try await withClient(connectingTo: transport) { client in
            #expect(transport.kind == .serverSentEvents)
            let echoed = try await client.callTool("echo", arguments: ["text": "fell back"])
            #expect(echoed.text == "fell back")
        }
    }

    @Test("HTTPTransport stays on Streamable HTTP when the server speaks it")
    func noFallback() async throws {
        let server = try await PythonHTTPServer()
        defer { server.stop() }
        let transport = try HTTPTransport(url: server.mcpURL)
        try await withClient(connectingTo: transport) { client in
            #expect(transport.kind == .streamableHTTP)
            let echoed = try await client.callTool("echo", arguments: ["text": "modern"])
            #expect(echoed.text == "modern")
        }
    }
}
