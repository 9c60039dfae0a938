import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Timeouts and cancellation")
struct TimeoutsAndCancellationTests {
    /// A server whose tools record "started <tool>" and "cancelled <tool>":
    /// - `wait` sleeps until cancelled;
    /// - `pulse` reports progress every `interval` ms, `steps` times (forever if absent), then answers;
    /// - `slow` answers after `ms` milliseconds.
    static func server(events: Recorder<String>) -> MCPServer {
        let server = MCPServer.testing()
        server.addTool(Tool(name: "wait")) { _, _ in
            events.append("started wait")
            try await sleepUntilCancelled(recording: events, as: "cancelled wait")
            return CallToolResult()
        }
        server.addTool(Tool(name: "pulse")) { arguments, context in
            events.append("started pulse")
            let interval = arguments["interval"]?.intValue ?? 30
            let steps = arguments["steps"]?.intValue ?? Int.max
            do {
                var step = 0
                while step < steps {
                    try await Task.sleep(for: .milliseconds(interval))
                    step += 1
                    await context.reportProgress(Double(step))
                }
            } catch {
                events.append("cancelled pulse")
                throw error
            }
            return CallToolResult(content: [.text("done after \(steps)")])
        }
        server.addTool(Tool(name: "slow")) { arguments, _ in
            try await Task.sleep(for: .milliseconds(arguments["ms"]?.intValue ?? 200))
            return CallToolResult(content: [.text("slow done")])
        }
        return server
    }

    static func configuration(timeout: Duration?) -> Client.Configuration {
        var configuration = TestConnection.configuration
        configuration.requestTimeout = timeout
        return configuration
    }

    /// The `notifications/cancelled` the client sent for the request with `id`.
    static func cancellation(of id: RequestID, in transport: RecordingTransport) -> JSONRPCNotification? {
        transport.sentNotifications("notifications/cancelled").first { $0.params?["requestId"] == id.jsonValue }
    }

    @Test("the session's default timeout fails the request with timedOut and tells the server")
    func sessionDefaultTimeout() async throws {
        // A bare session (no handshake), so the short default applies to nothing else.
        let timeout = TestSanitizer.scaled(.milliseconds(150))
        try await TestConnection.withSession(configuration: Self.configuration(timeout: timeout)) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            let clock = ContinuousClock()
            let start = clock.now
            let call = Task { try await c.session.send(CallToolRequestParams(name: "wait")) }
            let request = try await c.peer.nextRequest("tools/call")
            let error = try await #require(throws: ClientError.self) { try await call.value }
            let elapsed = clock.now - start
            #expect(error.code == .timedOut)
            #expect(error.method == "tools/call")
            #expect(elapsed >= timeout)
            #expect(elapsed < TestSanitizer.scaled(.seconds(3)))
            let cancelled = try await c.peer.nextNotification()
            #expect(cancelled.method == "notifications/cancelled")
            #expect(cancelled.params?["requestId"] == request.id.jsonValue)
            #expect(cancelled.params?["reason"]?.stringValue?.isEmpty == false)
            // The connection carries on, and the late answer is dropped.
            try await c.peer.reply(to: request.id, ["content": []])
            async let pong = c.session.send(PingRequestParams())
            let ping = try await c.peer.nextRequest("ping")
            try await c.peer.reply(to: ping.id, [:])
            _ = try await pong
        }
    }

    @Test("a per-request timeout shorter than the session's fails the call and cancels the tool at the server")
    func timeoutCancelsServerHandler() async throws {
        let events = Recorder<String>()
        try await TestConnection.withClient(to: Self.server(events: events)) { c in
            let (error, elapsed) = try await measure {
                try await #require(throws: ClientError.self) {
                    try await c.client.callTool("wait", options: RequestOptions(timeout: .after(.milliseconds(100))))
                }
            }
            #expect(error.code == .timedOut)
            #expect(elapsed >= .milliseconds(95))
            #expect(elapsed < TestSanitizer.scaled(.seconds(3)))
            try await events.wait { $0.contains("cancelled wait") }
            let call = try #require(c.transport.sentRequests("tools/call").first)
            #expect(Self.cancellation(of: call.id, in: c.transport) != nil)
            try await c.client.ping()
        }
    }

    @Test("a per-request timeout longer than the session's (or none) lets a slow answer arrive")
    func perRequestTimeout() async throws {
        try await TestConnection.withSession(configuration: Self.configuration(timeout: TestSanitizer.scaled(.milliseconds(150)))) { c in
            c.session.useStatelessProtocol(.v2026_07_28)
            // Longer than the session's: answered after the session's timeout has passed.
            for timeout in [RequestTimeout.never, .after(TestSanitizer.scaled(.seconds(5)))] {
                let call = Task { try await c.session.send(CallToolRequestParams(name: "slow"), options: RequestOptions(timeout: timeout)) }
                let request = try await c.peer.nextRequest("tools/call")
                try await Task.sleep(for: TestSanitizer.scaled(.milliseconds(300)))
                try await c.peer.reply(to: request.id, ["content": [["type": "text", "text": "slow done"]]])
                #expect(try await call.value.text == "slow done")
            }
            #expect(c.transport.sentNotifications("notifications/cancelled").isEmpty)
            // The session's own timeout still applies to requests that do not override it.
            let fallback = try await #require(throws: ClientError.self) { try await c.session.send(CallToolRequestParams(name: "wait")) }
            #expect(fallback.code == .timedOut)
            _ = try await c.peer.nextRequest("tools/call")
            let cancelled = try await c.peer.nextNotification()
            #expect(cancelled.method == "notifications/cancelled")
            #expect(c.transport.sentNotifications("notifications/cancelled").count == 1)
        }
    }

    @Test("progress restarts the timeout, so a long request that keeps reporting completes")
    func progressKeepsRequestAlive() async throws {
        let events = Recorder<String>()
        let updates = Recorder<ProgressUpdate>()
        try await TestConnection.withClient(to: Self.server(events: events)) { c in
            let (result, elapsed) = try await measure {
                try await c.client.callTool(
                    "pulse",
                    arguments: ["interval": 20, "steps": 25],
                    options: RequestOptions(timeout: .after(.milliseconds(400)), onProgress: { updates.append($0) })
                )
            }
            #expect(result.text == "done after 25")
            #expect(elapsed > .milliseconds(400))
            #expect(updates.values.map(\.progress) == (1...25).map(Double.init))
        }
    }

    @Test("without the reset, progress does not extend the timeout")
    func progressWithoutReset() async throws {
        let events = Recorder<String>()
        try await TestConnection.withClient(to: Self.server(events: events)) { c in
            let options = RequestOptions(timeout: .after(.milliseconds(150)), resetTimeoutOnProgress: false, onProgress: { _ in })
            let (error, elapsed) = try await measure {
                try await #require(throws: ClientError.self) { try await c.client.callTool("pulse", arguments: ["interval": 20], options: options) }
            }
            #expect(error.code == .timedOut)
            #expect(elapsed < TestSanitizer.scaled(.seconds(2)))
            try await events.wait { $0.contains("cancelled pulse") }
        }
    }

    @Test("the hard maximum ends a request however much progress arrives")
    func hardMaximum() async throws {
        let events = Recorder<String>()
        let timeout = TestSanitizer.scaled(.milliseconds(300))
        let maximum = TestSanitizer.scaled(.milliseconds(700))
        let clock = ContinuousClock()
        let arrivals = Recorder<ContinuousClock.Instant>()
        try await TestConnection.withClient(to: Self.server(events: events)) { c in
            let options = RequestOptions(
                timeout: .after(timeout),
                resetTimeoutOnProgress: true,
                maximumTotalTimeout: maximum,
                onProgress: { _ in arrivals.append(clock.now) }
            )
            let start = clock.now
            let call = Task { try await c.client.callTool("pulse", arguments: ["interval": 15], options: options) }
            let outcome = Task {
                try await Task.sleep(for: TestSanitizer.scaled(.seconds(3)))
                call.cancel()
            }
            let error = try await #require(throws: ClientError.self) { try await call.value }
            outcome.cancel()
            let end = clock.now
            #expect(error.code == .timedOut)
            #expect(end - start < TestSanitizer.scaled(.seconds(2)))
            // Progress kept the request alive past its own timeout, until the hard maximum; unless
            // the machine stalled longer than the timeout between two reports, which would rightly
            // time the request out early.
            let instants = [start] + arrivals.values.filter { $0 < end } + [end]
            let longestGap = zip(instants, instants.dropFirst()).map { $1 - $0 }.max() ?? .zero
            if longestGap < timeout - .milliseconds(20) {
                #expect(end - start >= maximum - .milliseconds(10))
            }
            #expect(arrivals.count > 0)
            try await events.wait { $0.contains("cancelled pulse") }
        }
    }

    @Test("cancelling the awaiting task ends the call promptly and cancels the server's handler")
    func taskCancellation() async throws {
        let events = Recorder<String>()
        try await TestConnection.withClient(to: Self.server(events: events)) { c in
            let call = Task { try await c.client.callTool("wait") }
            try await events.wait { $0.contains("started wait") }
            let (_, elapsed) = await measure {
                call.cancel()
                await #expect(throws: CancellationError.self) { try await call.value }
            }
            #expect(elapsed < TestSanitizer.scaled(.milliseconds(500)))
            try await events.wait { $0.contains("cancelled wait") }
            let id = try #require(c.transport.sentRequests("tools/call").first?.id)
            #expect(Self.cancellation(of: id, in: c.transport) != nil)
            try await c.client.ping()
        }
    }

    @Test("cancel(requestID:) with the id from onRequestID cancels that call, with the reason given")
    func cancelByID() async throws {
        let events = Recorder<String>()
        let ids = Recorder<RequestID>()
        try await TestConnection.withClient(to: Self.server(events: events)) { c in
            let call = Task { try await c.client.callTool("wait", options: RequestOptions(onRequestID: { ids.append($0) })) }
            let other = Task { try await c.client.callTool("slow", arguments: ["ms": 100]) }
            try await events.wait { $0.contains("started wait") }
            let id = try #require(ids.values.first)
            #expect(c.transport.sentRequests("tools/call").contains { $0.id == id && $0.params?["name"] == "wait" })
            try c.client.cancel(requestID: id, reason: "the user pressed stop")
            await #expect(throws: CancellationError.self) { try await call.value }
            try await events.wait { $0.contains("cancelled wait") }
            #expect(Self.cancellation(of: id, in: c.transport)?.params?["reason"] == "the user pressed stop")
            // Only that request was cancelled.
            #expect(try await other.value.text == "slow done")
            #expect(c.transport.sentNotifications("notifications/cancelled").count == 1)
        }
    }

    @Test("cancelling a request that already ended sends nothing")
    func cancelFinished() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let ids = Recorder<RequestID>()
            async let pong: Void = c.client.ping(options: RequestOptions(onRequestID: { ids.append($0) }))
            let ping = try await c.peer.nextRequest("ping")
            try await c.peer.reply(to: ping.id, [:])
            try await pong
            try c.client.cancel(requestID: try #require(ids.values.first))
            try c.client.cancel(requestID: 12345)
            // The next thing the server sees is the next request, not a cancellation.
            async let again: Void = c.client.ping()
            let next = try await c.peer.nextRequest()
            #expect(next.method == "ping")
            try await c.peer.reply(to: next.id, [:])
            try await again
        }
    }

    @Test("a response arriving after cancellation is reported as unmatched and the session carries on")
    func lateResponse() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let incoming = try c.client.incomingMessages()
            let call = Task { try await c.client.callTool("slow") }
            let request = try await c.peer.nextRequest("tools/call")
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            let cancelled = try await c.peer.nextNotification()
            #expect(cancelled.method == "notifications/cancelled")
            #expect(cancelled.params?["requestId"] == request.id.jsonValue)

            try await c.peer.reply(to: request.id, ["content": []])
            var unmatched: JSONRPCMessage?
            for await message in incoming {
                if case .unmatchedResponse(let response) = message {
                    unmatched = response
                    break
                }
            }
            #expect(unmatched?.responseID == request.id)
            #expect(c.client.isConnected)
            async let pong: Void = c.client.ping()
            let ping = try await c.peer.nextRequest("ping")
            try await c.peer.reply(to: ping.id, [:])
            try await pong
        }
    }
}
