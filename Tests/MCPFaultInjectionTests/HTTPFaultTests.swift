import MCPClient
import MCPCore
import MCPHTTP
import Testing

/// Faults of a Streamable HTTP server (Tests/Fixtures/python/http_chaos.py): each case checks no
/// crash, no hang, no leaked connection, typed errors for every pending request, and a later
/// request that succeeds.
extension FaultInjection {
    @Suite("Fault injection: Streamable HTTP")
    struct HTTPFaultTests {
        /// An event stream of a priming event, three progress notifications and the answer (five
        /// events), dropped after `boundary` of them and resumed with `Last-Event-ID`.
        @Test(arguments: 0...4)
        func droppedResumableStreamAtEveryEventBoundary(boundary: Int) async throws {
            try await httpFaultCase { client, _ in
                let progress = Shared<[Double]>([])
                let options = RequestOptions(onProgress: { update in progress.mutate { $0.append(update.progress) } })
                let arguments: JSONObject = ["count": 3, "drop_after": .int(boundary)]
                if boundary == 0 {
                    // Dropped before the first event id: nothing to resume from.
                    let error = await expectTypedFailure(nil, "a stream dropped before any event id") {
                        _ = try await client.callTool("sse", arguments: arguments, options: options)
                    }
                    #expect(underlyingTransportError(error) != nil, "\(String(describing: error))")
                } else {
                    let result = try await client.callTool("sse", arguments: arguments, options: options)
                    #expect(result.text == "after 3 events")
                    // Resumption neither loses nor repeats an event.
                    #expect(progress.value == [1, 2, 3])
                }
                try await expectHealthy(client)
            }
        }

        @Test(arguments: 0...4)
        func droppedStreamWithoutEventIDsAtEveryBoundary(boundary: Int) async throws {
            try await httpFaultCase { client, _ in
                let error = await expectTypedFailure(nil, "a stream without ids dropped after \(boundary) events") {
                    _ = try await client.callTool("sse", arguments: ["count": 3, "drop_after": .int(boundary), "ids": false])
                }
                #expect(underlyingTransportError(error) != nil, "\(String(describing: error))")
                let whole = try await client.callTool("sse", arguments: ["count": 3, "ids": false])
                #expect(whole.text == "after 3 events")
                try await expectHealthy(client)
            }
        }

        @Test(arguments: ["before-headers", "after-headers", "mid-body", "mid-event"])
        func connectionDroppedAtEachPointOfAResponse(point: String) async throws {
            try await httpFaultCase { client, _ in
                let error = await expectTypedFailure(nil, "a response cut \(point)") {
                    _ = try await client.callTool("close", arguments: ["point": .string(point)])
                }
                // Typed down to the transport: a body cut short is an ioFailed TransportError.
                #expect(underlyingTransportError(error) != nil, "\(String(describing: error))")
                try await expectHealthy(client)
            }
        }

        @Test(arguments: ["not-json", "truncated", "wrong-type", "http-500", "wrong-content-type"])
        func garbageResponses(kind: String) async throws {
            try await httpFaultCase { client, _ in
                _ = await expectTypedFailure(nil, "a \(kind) response") {
                    _ = try await client.callTool("garbage", arguments: ["kind": .string(kind)])
                }
                try await expectHealthy(client)
            }
        }

        @Test func aSixtyFourMegabyteResponse() async throws {
            try await httpFaultCase { client, _ in
                let result = try await client.callTool("big")
                #expect(result.text.utf8.count == 64 << 20)
                try await expectHealthy(client)
            }
        }

        @Test func aResponseOverTheLimitIsATypedError() async throws {
            try await httpFaultCase(configure: { $0.maximumMessageSize = 1 << 20 }) { client, _ in
                let error = await expectTypedFailure(nil, "a 64 MB response over a 1 MB limit") {
                    _ = try await client.callTool("big")
                }
                #expect(underlyingTransportError(error)?.code == .messageTooLarge, "\(String(describing: error))")
                try await expectHealthy(client)
            }
        }

        @Test func aStalledServerTimesOut() async throws {
            try await httpFaultCase { client, _ in
                let (_, elapsed) = await timed {
                    _ = await expectTypedFailure(.timedOut, "a request the server never answers") {
                        _ = try await client.callTool("stall", options: RequestOptions(timeout: .after(.milliseconds(500))))
                    }
                }
                // The timeout is not held off by the POST that waits for the answer.
                #expect(elapsed < .seconds(3), "timed out after \(elapsed)")
                try await expectHealthy(client)
            }
        }

        /// Requests given up on (timed out or cancelled while the server sits on them) must give
        /// their connections back: the server sees them closed, and the client's pool, never
        /// starved by them, still gets a later request through. (The soak's stalled calls once
        /// exhausted the server's descriptors; this keeps both ends honest.)
        @Test func requestsGivenUpOnReleaseTheirConnections() async throws {
            try await httpFaultCase { client, server in
                try await expectHealthy(client)
                let baseline = try #require(server.descriptorCount)
                for wave in 0..<4 {
                    await withTaskGroup(of: Void.self) { group in
                        for index in 0..<16 {
                            group.addTask {
                                let call = Task {
                                    _ = try await client.callTool("stall", options: RequestOptions(timeout: .after(.milliseconds(100))))
                                }
                                if index.isMultiple(of: 2) {
                                    try? await Task.sleep(for: .milliseconds(20 + wave * 10))
                                    call.cancel()
                                }
                                _ = await call.result
                            }
                        }
                    }
                }
                // 64 abandoned requests, 16 at a time (twice the client's pool of 8 per host).
                try await expectHealthy(client)
                #expect(await eventually { (server.descriptorCount ?? .max) <= baseline + 8 },
                        "the server still holds \((server.descriptorCount ?? 0) - baseline) more descriptors than before")
                #expect(ResourceProbe.connections(toPort: server.port) <= 8,
                        "\(ResourceProbe.connections(toPort: server.port)) connections to the server open")
            }
        }

        @Test func aSlowLorisResponseTimesOut() async throws {
            try await httpFaultCase { client, _ in
                let (_, elapsed) = await timed {
                    _ = await expectTypedFailure(.timedOut, "a body written one byte every 100 ms") {
                        _ = try await client.callTool("slowloris", arguments: ["interval": 0.1], options: RequestOptions(timeout: .after(.milliseconds(500))))
                    }
                }
                // A 90-byte body at 10 bytes a second would take 9 s: the timeout must not wait for it.
                #expect(elapsed < .seconds(3), "timed out after \(elapsed)")
                try await expectHealthy(client)
            }
        }

        @Test func anExpiredSessionIsReplacedTransparently() async throws {
            try await httpFaultCase { client, _ in
                _ = try await client.callTool("expire")
                try await expectHealthy(client)
            }
        }

        @Test func anExpiredSessionIsATypedErrorWhenNotReplaced() async throws {
            try await httpFaultCase(configure: { $0.reinitializesExpiredSessions = false }) { client, _ in
                _ = try await client.callTool("expire")
                let error = await expectTypedFailure(nil, "a request on an expired session") { try await expectHealthy(client) }
                #expect(underlyingTransportError(error)?.code == .sessionExpired, "\(String(describing: error))")
            }
        }

        @Test func serverCrashWithRequestsPendingThenRestart() async throws {
            try await httpFaultCase { client, server in
                let pending = (0..<3).map { _ in
                    Task { () -> (any Error)? in
                        do {
                            _ = try await client.callTool("stall")
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                try await Task.sleep(for: .milliseconds(300))
                server.kill()
                for task in pending {
                    let error = await task.value
                    #expect(error is ClientError, "a pending request ended with \(String(describing: error))")
                }
                // Back on the same port with no memory of the session: 404, a new handshake, success.
                try await server.restart()
                try await expectHealthy(client)
            }
        }

        @Test func aFloodOfNotificationsDoesNotDelayOrLoseTheAnswer() async throws {
            try await httpFaultCase { client, _ in
                let result = try await client.callTool("flood", arguments: ["count": 20_000])
                #expect(result.text == "flooded 20000")
                try await expectHealthy(client)
            }
        }
    }
}
