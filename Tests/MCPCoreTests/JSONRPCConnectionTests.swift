@testable import MCPCore
import Testing

@Suite("JSONRPCConnection")
struct JSONRPCConnectionTests {
    struct Harness {
        let connection: JSONRPCConnection
        let peer: ScriptedPeer
        let events: Recorder<String>
        let notifications: Recorder<JSONRPCNotification>
    }

    func makeHarness(
        defaultTimeout: Duration? = nil,
        resetOnProgress: Bool = true,
        maximumTotal: Duration? = nil,
        requestHandler: @escaping @Sendable (JSONRPCRequest) async throws -> JSONValue = { _ in [:] }
    ) async throws -> Harness {
        let (local, remote) = InMemoryTransport.makePair()
        let connection = JSONRPCConnection(
            transport: local,
            configuration: .init(defaultTimeout: defaultTimeout, resetTimeoutOnProgress: resetOnProgress, maximumTotalTimeout: maximumTotal)
        )
        let events = Recorder<String>()
        let notifications = Recorder<JSONRPCNotification>()
        try await connection.start(handlers: .init(
            request: requestHandler,
            notification: { notifications.append($0) },
            event: { event in
                switch event {
                case .invalidMessage(let error): events.append("invalid: \(error.reason)")
                case .unmatchedResponse(let message): events.append("unmatched: \(message)")
                case .sendFailed(let message, _): events.append("sendFailed: \(message)")
                case .closed(let reason): events.append("closed: \(reason.message)")
                }
            }
        ))
        return Harness(connection: connection, peer: try await ScriptedPeer(remote), events: events, notifications: notifications)
    }

    @Test("many requests in flight get unique ids and their own responses, in any order")
    func concurrentRequests() async throws {
        let h = try await makeHarness()
        try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            for index in 0..<20 {
                group.addTask {
                    (index, try await h.connection.sendRequest(method: "echo", params: ["n": .int(index)]))
                }
            }
            var requests: [JSONRPCRequest] = []
            for _ in 0..<20 { requests.append(try await h.peer.nextRequest()) }
            #expect(Set(requests.map(\.id)).count == 20)
            for request in requests.reversed() {
                try await h.peer.reply(to: request.id, ["n": request.params?["n"] ?? .null])
            }
            for try await (index, result) in group {
                #expect(result == ["n": .int(index)])
            }
        }
        await h.connection.close()
    }

    @Test("an error response throws the peer's MCPError")
    func errorResponse() async throws {
        let h = try await makeHarness()
        let result = Task { try await h.connection.sendRequest(method: "tools/call", params: nil) }
        let request = try await h.peer.nextRequest()
        try await h.peer.replyError(to: request.id, MCPError(code: .invalidParams, message: "bad", data: ["field": "x"]))
        await #expect(throws: MCPError(code: .invalidParams, message: "bad", data: ["field": "x"])) { try await result.value }
        await h.connection.close()
    }

    @Test("a response to an unknown id is reported, not fatal")
    func unknownResponse() async throws {
        let h = try await makeHarness()
        try await h.peer.reply(to: 999, ["x": 1])
        try await h.peer.send(.errorResponse(JSONRPCErrorResponse(id: nil, error: .parseError())))
        try await h.events.wait { $0.filter { $0.hasPrefix("unmatched") }.count == 2 }
        async let result = h.connection.sendRequest(method: "ping", params: nil)
        let request = try await h.peer.nextRequest()
        try await h.peer.reply(to: request.id, [:])
        #expect(try await result == [:])
        await h.connection.close()
    }

    @Test("a timeout throws ClientError.timedOut, tells the peer, and drops the late response")
    func timeout() async throws {
        let h = try await makeHarness(defaultTimeout: .seconds(30))
        let clock = ContinuousClock()
        let start = clock.now
        async let result = h.connection.sendRequest(method: "slow", params: nil, options: .init(timeout: .after(.milliseconds(100))))
        let request = try await h.peer.nextRequest()
        do {
            _ = try await result
            Issue.record("expected a timeout")
        } catch let error as ClientError {
            #expect(error.code == .timedOut)
            #expect(error.method == "slow")
        }
        // Bounded, not precise: on a loaded 2-core machine scheduling adds delay.
        #expect(clock.now - start < TestSanitizer.scaled(.seconds(5)))
        let cancelled = try await h.peer.nextNotification()
        #expect(cancelled.method == "notifications/cancelled")
        #expect(cancelled.params?["requestId"] == request.id.jsonValue)
        try await h.peer.reply(to: request.id, [:])
        try await h.events.wait { $0.contains { $0.hasPrefix("unmatched") } }
        #expect(h.connection.pendingRequestCount == 0)
        await h.connection.close()
    }

    @Test("timeouts of different lengths fire in order, each on time")
    func mixedTimeouts() async throws {
        let h = try await makeHarness(defaultTimeout: .seconds(30))
        let clock = ContinuousClock()
        let start = clock.now
        let long = Task { try await h.connection.sendRequest(method: "long", params: nil, options: .init(timeout: .after(TestSanitizer.scaled(.milliseconds(600))))) }
        _ = try await h.peer.nextRequest()
        let short = Task { try await h.connection.sendRequest(method: "short", params: nil, options: .init(timeout: .after(TestSanitizer.scaled(.milliseconds(100))))) }
        _ = try await h.peer.nextRequest()
        await #expect(throws: ClientError.self) { try await short.value }
        let shortElapsed = clock.now - start
        await #expect(throws: ClientError.self) { try await long.value }
        let longElapsed = clock.now - start
        // The short timeout fires first even though it was set later; neither fires early.
        #expect(shortElapsed >= TestSanitizer.scaled(.milliseconds(100)))
        #expect(shortElapsed < longElapsed)
        #expect(longElapsed >= TestSanitizer.scaled(.milliseconds(600)))
        await h.connection.close()
    }

    @Test("progress restarts the timeout; the hard maximum still applies")
    func progressResetsTimeout() async throws {
        let h = try await makeHarness()
        let updates = Recorder<ProgressUpdate>()
        let clock = ContinuousClock()
        let start = clock.now
        // The task reports how long the request lived, so the measurement ignores the test's own loop.
        let result = Task { () -> Duration in
            do {
                _ = try await h.connection.sendRequest(
                    method: "slow",
                    params: ["a": 1],
                    options: .init(
                        timeout: .after(TestSanitizer.scaled(.milliseconds(600))),
                        resetTimeoutOnProgress: true,
                        maximumTotalTimeout: TestSanitizer.scaled(.milliseconds(2000)),
                        onProgress: { updates.append($0) }
                    )
                )
                Issue.record("expected a timeout")
            } catch {
                #expect((error as? ClientError)?.code == .timedOut)
            }
            return clock.now - start
        }
        let request = try await h.peer.nextRequest()
        let token = try #require(request.params?["_meta"]?["progressToken"])
        #expect(token == request.id.jsonValue)
        #expect(request.params?["a"] == 1)
        // (Under a sanitizer every duration here is scaled alike.)
        // Keep the request alive past its 600 ms timeout with progress every 100 ms (a margin of
        // half a second: the in-memory suites run in parallel, and on 2 cores a sleep can wake
        // late)…
        for step in 1...24 {
            try await Task.sleep(for: TestSanitizer.scaled(.milliseconds(100)))
            try await h.peer.send(.notification(JSONRPCNotification(
                method: "notifications/progress",
                params: ["progressToken": token, "progress": .int(step), "total": 10, "message": "step"]
            )))
        }
        #expect(updates.values.first == ProgressUpdate(progress: 1, total: 10, message: "step"))
        // …until the hard maximum ends it anyway.
        let elapsed = await result.value
        // Without the restarts it would have ended at 600 ms; the hard maximum ends it at 2 s
        // (bounded loosely above: scheduling on a loaded machine adds delay).
        #expect(elapsed >= TestSanitizer.scaled(.milliseconds(1950)))
        #expect(elapsed < TestSanitizer.scaled(.seconds(5)))
        await h.connection.close()
    }

    @Test("cancelling the waiting task ends the await promptly and tells the peer")
    func taskCancellation() async throws {
        let h = try await makeHarness()
        let task = Task { try await h.connection.sendRequest(method: "tools/call", params: nil) }
        let request = try await h.peer.nextRequest()
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.now - start < TestSanitizer.scaled(.milliseconds(500)))
        let notification = try await h.peer.nextNotification()
        #expect(notification.method == "notifications/cancelled")
        #expect(notification.params?["requestId"] == request.id.jsonValue)
        // The late response is dropped (reported) and the connection carries on.
        try await h.peer.reply(to: request.id, [:])
        try await h.events.wait { $0.contains { $0.hasPrefix("unmatched") } }
        async let next = h.connection.sendRequest(method: "ping", params: nil)
        let ping = try await h.peer.nextRequest()
        #expect(ping.method == "ping")
        try await h.peer.reply(to: ping.id, [:])
        _ = try await next
        await h.connection.close()
    }

    @Test("a request that must not be cancelled (initialize) sends no cancellation")
    func noCancellationNotification() async throws {
        let h = try await makeHarness()
        let task = Task { try await h.connection.sendRequest(method: "initialize", params: nil, notifiesPeerOnCancel: false) }
        _ = try await h.peer.nextRequest()
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // The next thing the peer sees is the ping, not a cancellation.
        async let ping = h.connection.sendRequest(method: "ping", params: nil)
        let next = try await h.peer.nextRequest()
        #expect(next.method == "ping")
        try await h.peer.reply(to: next.id, [:])
        _ = try await ping
        await h.connection.close()
    }

    @Test("an already-cancelled task sends nothing")
    func cancelledBeforeSending() async throws {
        let h = try await makeHarness()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await h.connection.sendRequest(method: "x", params: nil)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(h.connection.pendingRequestCount == 0)
        await h.connection.close()
    }

    @Test("the peer closing ends every pending request at once")
    func peerCloses() async throws {
        let h = try await makeHarness()
        let tasks = (0..<5).map { _ in Task { try await h.connection.sendRequest(method: "x", params: nil) } }
        for _ in 0..<5 { _ = try await h.peer.nextRequest() }
        let clock = ContinuousClock()
        let start = clock.now
        await h.peer.transport.close()
        for task in tasks {
            do {
                _ = try await task.value
                Issue.record("expected connectionClosed")
            } catch let error as ClientError {
                #expect(error.code == .connectionClosed)
            }
        }
        #expect(clock.now - start < TestSanitizer.scaled(.milliseconds(100)))
        try await h.events.wait { $0.contains("closed: the peer closed the connection") }
        await #expect(throws: ClientError.self) { try await h.connection.sendRequest(method: "x", params: nil) }
    }

    @Test("a failing transport ends pending requests with the failure as the cause")
    func transportFailure() async throws {
        let (local, remote) = InMemoryTransport.makePair()
        let connection = JSONRPCConnection(transport: local, configuration: .init(defaultTimeout: nil, resetTimeoutOnProgress: false, maximumTotalTimeout: nil))
        try await connection.start(handlers: .init(request: { _ in [:] }, notification: { _ in }, event: { _ in }))
        let peer = try await ScriptedPeer(remote)
        let task = Task { try await connection.sendRequest(method: "x", params: nil) }
        _ = try await peer.nextRequest()
        local.fail(with: TransportError(.processExited, "server exited with status 3"))
        do {
            _ = try await task.value
            Issue.record("expected a failure")
        } catch let error as ClientError {
            #expect(error.code == .connectionClosed)
            #expect((error.underlyingError as? TransportError)?.code == .processExited)
            #expect(error.description.contains("status 3"))
        }
        await connection.close()
    }

    @Test("close is idempotent, ends pending requests, and later requests fail fast")
    func closeIdempotent() async throws {
        let h = try await makeHarness()
        let task = Task { try await h.connection.sendRequest(method: "x", params: nil) }
        _ = try await h.peer.nextRequest()
        await h.connection.close()
        await h.connection.close()
        await #expect(throws: ClientError.self) { try await task.value }
        #expect(h.connection.closeReason?.message == "the connection was closed")
        await #expect(throws: ClientError.self) { try await h.connection.sendRequest(method: "x", params: nil) }
        await #expect(throws: ClientError.self) { try await h.connection.sendNotification(method: "n", params: nil) }
    }

    @Test("requests before start fail with notConnected")
    func notStarted() async throws {
        let (local, _) = InMemoryTransport.makePair()
        let connection = JSONRPCConnection(transport: local, configuration: .init(defaultTimeout: nil, resetTimeoutOnProgress: false, maximumTotalTimeout: nil))
        do {
            _ = try await connection.sendRequest(method: "x", params: nil)
            Issue.record("expected notConnected")
        } catch let error as ClientError {
            #expect(error.code == .notConnected)
        }
        await connection.close()
    }

    @Test("the peer's requests run concurrently: a slow handler does not delay a fast one")
    func concurrentHandlers() async throws {
        let h = try await makeHarness { request in
            if request.method == "slow" { try await Task.sleep(for: .seconds(2)) }
            return ["method": .string(request.method)]
        }
        try await h.peer.send(.request(JSONRPCRequest(id: "a", method: "slow")))
        try await h.peer.send(.request(JSONRPCRequest(id: "b", method: "fast")))
        let first = try await h.peer.next(timeout: .seconds(1))
        #expect(first == .response(JSONRPCResponse(id: "b", result: ["method": "fast"])))
        await h.connection.close()
    }

    @Test("a request the peer cancels is cancelled and gets no response")
    func inboundCancellation() async throws {
        let sawCancellation = Recorder<Bool>()
        let h = try await makeHarness { request in
            guard request.method == "sampling/createMessage" else { return [:] }
            do {
                try await Task.sleep(for: .seconds(10))
            } catch {
                sawCancellation.append(true)
                throw error
            }
            return [:]
        }
        try await h.peer.send(.request(JSONRPCRequest(id: 7, method: "sampling/createMessage")))
        try await Task.sleep(for: .milliseconds(50))
        try await h.peer.send(.notification(JSONRPCNotification(method: "notifications/cancelled", params: ["requestId": 7])))
        try await sawCancellation.wait { $0 == [true] }
        // Nothing answers request 7: the next message is the answer to a later ping.
        try await h.peer.send(.request(JSONRPCRequest(id: 8, method: "ping")))
        #expect(try await h.peer.next() == .response(JSONRPCResponse(id: 8, result: [:])))
        await h.connection.close()
    }

    @Test("a request that reuses a running request's id stays cancellable after the first one ends")
    func reusedInboundID() async throws {
        let sawCancellation = Recorder<Bool>()
        let h = try await makeHarness { request in
            if request.method == "first" {
                try await Task.sleep(for: .milliseconds(300))
                return [:]
            }
            do {
                try await Task.sleep(for: .seconds(10))
            } catch {
                sawCancellation.append(true)
                throw error
            }
            return [:]
        }
        // A misbehaving peer: the second request reuses the id while the first still runs. The
        // first one ending must not take the second's entry with it.
        try await h.peer.send(.request(JSONRPCRequest(id: 1, method: "first")))
        try await h.peer.send(.request(JSONRPCRequest(id: 1, method: "second")))
        #expect(try await h.peer.next() == .response(JSONRPCResponse(id: 1, result: [:])))
        try await h.peer.send(.notification(JSONRPCNotification(method: "notifications/cancelled", params: ["requestId": 1])))
        try await sawCancellation.wait { $0 == [true] }
        await h.connection.close()
    }

    @Test("handler errors become error responses: MCPError as is, anything else as internal error")
    func handlerErrors() async throws {
        struct Oops: Error {}
        let h = try await makeHarness { request in
            if request.method == "a" { throw MCPError.methodNotFound("a") }
            throw Oops()
        }
        try await h.peer.send(.request(JSONRPCRequest(id: 1, method: "a")))
        #expect(try await h.peer.next() == .errorResponse(JSONRPCErrorResponse(id: 1, error: .methodNotFound("a"))))
        try await h.peer.send(.request(JSONRPCRequest(id: 2, method: "b")))
        guard case .errorResponse(let response) = try await h.peer.next() else {
            Issue.record("expected an error response")
            return
        }
        #expect(response.error.code == .internalError)
        await h.connection.close()
    }

    @Test("malformed input is reported and skipped; a readable request id gets an error response")
    func malformedInput() async throws {
        let h = try await makeHarness()
        try h.peer.transport.sendRaw(Array("this is not json".utf8))
        try h.peer.transport.sendRaw(Array(#"{"jsonrpc":"2.0","id":5,"method":"x","params":[1,2]}"#.utf8))
        try h.peer.transport.sendRaw(Array(#"{"jsonrpc":"2.0","id":{"a":1},"result":{}}"#.utf8))
        try h.peer.transport.sendRaw(Array(#"[]"#.utf8))
        let response = try await h.peer.next()
        guard case .errorResponse(let error) = response else {
            Issue.record("expected an error response, got \(response)")
            return
        }
        #expect(error.id == 5)
        #expect(error.error.code == .invalidRequest)
        try await h.events.wait { $0.filter { $0.hasPrefix("invalid") }.count == 4 }
        // Still healthy.
        async let ping = h.connection.sendRequest(method: "ping", params: nil)
        let request = try await h.peer.nextRequest()
        try await h.peer.reply(to: request.id, [:])
        _ = try await ping
        await h.connection.close()
    }

    @Test("notifications reach the handler in order; batches are unpacked")
    func notificationsInOrder() async throws {
        let h = try await makeHarness()
        for index in 0..<50 {
            try await h.peer.send(.notification(JSONRPCNotification(method: "n", params: ["i": .int(index)])))
        }
        try h.peer.transport.sendRaw(Array(#"[{"jsonrpc":"2.0","method":"n","params":{"i":50}},{"jsonrpc":"2.0","method":"n","params":{"i":51}}]"#.utf8))
        try await h.notifications.wait { $0.count == 52 }
        #expect(h.notifications.values.map { $0.params?["i"]?.intValue } == Array(0..<52))
        await h.connection.close()
    }
}
