#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import MCPClient
import MCPCore
import MCPStdio
import Testing

/// Faults of a stdio server (Tests/Fixtures/faults/chaos.py): each case checks no crash, no hang,
/// no zombie, no leaked descriptor, typed errors for every pending request, and a later request
/// that succeeds.
extension FaultInjection {
    @Suite("Fault injection: stdio")
    struct StdioFaultTests {
        /// Where in a request the server dies, and whether the response got out before it did.
        static let crashPoints: [(point: String, answered: Bool)] = [
            ("before-response", false), ("mid-response", false), ("before-newline", true), ("after-response", true),
        ]

        @Test(arguments: crashPoints.map(\.point))
        func serverCrashAtEachPointOfARequest(point: String) async throws {
            let answered = Self.crashPoints.first { $0.point == point }!.answered
            try await stdioFaultCase { client, transport in
                let pending = try await startStalledRequests(3, on: client, transport: transport)
                if answered {
                    // The whole response was written before the exit: it must not be lost.
                    let result = try await client.callTool("crash", arguments: ["point": .string(point)])
                    #expect(result.text == "crashed")
                } else {
                    let error = await expectTypedFailure(.connectionClosed, "the call the server died in") {
                        _ = try await client.callTool("crash", arguments: ["point": .string(point)])
                    }
                    #expect(underlyingTransportError(error)?.code == .processExited, "\(String(describing: error))")
                }
                await expectAllEnded(pending, with: .connectionClosed)
                #expect(await eventually { transport.exitStatus == .exited(9) }, "\(String(describing: transport.exitStatus))")
                // A request after the death fails at once, typed.
                _ = await expectTypedFailure(nil, "a request after the server died") { try await client.ping() }
            }
            try await expectHealthyStdioConnection()
        }

        @Test func serverCrashDuringTheHandshake() async throws {
            let transport = StdioTransport(try chaosParameters(["--crash-on-initialize"]))
            let client = Client()
            let (outcome, elapsed) = await timed { () -> (any Error)? in
                do {
                    try await client.connect(transport)
                    return nil
                } catch {
                    return error
                }
            }
            #expect(outcome is ClientError || outcome is TransportError, "connect ended with \(String(describing: outcome))")
            #expect(elapsed < .seconds(10))
            let pid = transport.processID
            await client.close()
            if let pid {
                #expect(await eventually { ResourceProbe.state(of: pid) == nil })
                #expect(!ResourceProbe.isUnreapedChild(pid))
            }
            try await expectHealthyStdioConnection()
        }

        @Test func serverKilledFromOutsideWithRequestsPending() async throws {
            try await stdioFaultCase { client, transport in
                let pending = try await startStalledRequests(4, on: client, transport: transport)
                kill(transport.processID!, SIGKILL)
                await expectAllEnded(pending, with: .connectionClosed)
                #expect(await eventually { transport.exitStatus == .signaled(SIGKILL) })
            }
            try await expectHealthyStdioConnection()
        }

        @Test func garbageAndTruncatedMessagesAreSkipped() async throws {
            try await stdioFaultCase { client, _ in
                let invalid = Shared(0)
                let messages = try client.incomingMessages()
                let counter = Task {
                    for await message in messages {
                        if case .invalidMessage = message { invalid.mutate { $0 += 1 } }
                    }
                }
                for _ in 0..<3 {
                    let result = try await client.callTool("garbage")
                    #expect(result.text == "survived")
                    try await client.ping()
                }
                #expect(await eventually { invalid.value > 0 }, "the garbage is reported as invalid messages")
                counter.cancel()
            }
        }

        @Test func aResultOfTheWrongTypeIsATypedError() async throws {
            try await stdioFaultCase { client, _ in
                _ = await expectTypedFailure(.invalidResponse, "a result whose content is not an array") {
                    _ = try await client.callTool("wrong-type")
                }
                try await client.ping()
            }
        }

        @Test func sixtyFourMegabyteMessagesBothWays() async throws {
            try await stdioFaultCase(requestTimeout: TestSanitizer.scaled(.seconds(20))) { client, _ in
                let result = try await client.callTool("big")
                #expect(result.text.utf8.count == 64 << 20)
                // And 64 MB to the server, through the backpressured writer.
                let padding = String(repeating: "y", count: 64 << 20)
                let small = try await client.callTool("big", arguments: ["size": 10, "padding": .string(padding)])
                #expect(small.text == String(repeating: "x", count: 10))
                try await client.ping()
            }
        }

        @Test func aMessageOverTheLimitEndsTheConnectionWithATypedError() async throws {
            try await stdioFaultCase(maximumMessageSize: 1 << 20) { client, transport in
                let pending = try await startStalledRequests(2, on: client, transport: transport)
                let error = await expectTypedFailure(.connectionClosed, "a 64 MB result over a 1 MB limit") {
                    _ = try await client.callTool("big")
                }
                #expect(underlyingTransportError(error)?.code == .messageTooLarge, "\(String(describing: error))")
                await expectAllEnded(pending, with: .connectionClosed)
            }
            try await expectHealthyStdioConnection()
        }

        @Test func aStalledServerTimesOutAndTheConnectionStaysUsable() async throws {
            try await stdioFaultCase { client, _ in
                let (_, elapsed) = await timed {
                    _ = await expectTypedFailure(.timedOut, "a request the server never answers") {
                        _ = try await client.callTool("stall", options: RequestOptions(timeout: .after(.milliseconds(500))))
                    }
                }
                #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(3), "timed out after \(elapsed)")
                try await client.ping(options: RequestOptions(timeout: .after(.seconds(20))))
            }
        }

        @Test func aSlowLorisResponseTimesOut() async throws {
            try await stdioFaultCase { client, _ in
                let (_, elapsed) = await timed {
                    _ = await expectTypedFailure(.timedOut, "a response written one byte every 20 ms") {
                        _ = try await client.callTool("slowloris", arguments: ["interval": 0.02], options: RequestOptions(timeout: .after(.milliseconds(500))))
                    }
                }
                #expect(elapsed < .seconds(10), "timed out after \(elapsed)")
                // The late response, when it completes, is dropped; the next request is answered.
                try await client.ping(options: RequestOptions(timeout: .after(.seconds(20))))
            }
        }

        @Test func aServerIgnoringSIGTERMAndStdinIsKilledWithItsChildren() async throws {
            let grace = Duration.milliseconds(300)
            let grandchild = Shared<Int32?>(nil)
            try await stdioFaultCase(["--ignore-sigterm", "--grandchild"], gracePeriod: grace) { client, transport in
                try await client.ping()
                let line = await eventually { transport.recentStderr.contains { $0.hasPrefix("grandchild ") } }
                #expect(line)
                let pid = transport.recentStderr.first { $0.hasPrefix("grandchild ") }.flatMap { Int32($0.dropFirst("grandchild ".count)) }
                grandchild.mutate { $0 = pid }
            }
            let pid = try #require(grandchild.value)
            #expect(await eventually { ResourceProbe.state(of: pid) == nil || ResourceProbe.state(of: pid) == "Z" }, "the server's own child \(pid) survived")
        }

        @Test func aFloodOfNotificationsDoesNotDelayOrLoseTheAnswer() async throws {
            try await stdioFaultCase { client, _ in
                let result = try await client.callTool("flood", arguments: ["count": 100_000])
                #expect(result.text == "flooded 100000")
                try await client.ping()
            }
        }
    }
}
