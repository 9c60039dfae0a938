#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import MCPClient
import MCPCore
import MCPStdio
import Testing

/// Runs one stdio fault case against `Tests/Fixtures/faults/chaos.py` and checks what every
/// case must leave true: `body` ends within `deadline`, closing is prompt, the server is gone
/// and reaped (no zombie), and no descriptor on its pipes remains open in this process.
func stdioFaultCase(
    _ options: [String] = [],
    requestTimeout: Duration = .seconds(20),
    maximumMessageSize: Int = 256 << 20,
    gracePeriod: Duration = .milliseconds(300),
    deadline: Duration = .seconds(40),
    _ body: @escaping @Sendable (Client, StdioTransport) async throws -> Void
) async throws {
    let transport = StdioTransport(try chaosParameters(options, maximumMessageSize: maximumMessageSize, gracePeriod: gracePeriod))
    var configuration = Client.Configuration()
    configuration.clientInfo = Implementation(name: "fault-injection", version: "1")
    configuration.requestTimeout = requestTimeout
    let client = Client(configuration: configuration)
    try await client.connect(transport)
    guard let pid = transport.processID else { throw FaultTestFailure("the transport reports no process id") }
    let pipes = ResourceProbe.standardPipes(of: pid)
    #expect(pipes.count == 3, "stdin, stdout and stderr are pipes: \(pipes)")
    do {
        try await withinDeadline(deadline, "the fault case") { try await body(client, transport) }
    } catch {
        await client.close()
        throw error
    }
    let (_, closing) = await timed { await client.close() }
    #expect(closing < gracePeriod * 2 + .seconds(5), "closing took \(closing)")
    #expect(await eventually { ResourceProbe.state(of: pid) == nil }, "the server \(pid) is still there (state \(String(describing: ResourceProbe.state(of: pid))))")
    #expect(!ResourceProbe.isUnreapedChild(pid), "the server \(pid) was left unreaped")
    #expect(await eventually { ResourceProbe.descriptors(on: pipes).isEmpty }, "descriptors left open on the server's pipes: \(ResourceProbe.descriptors(on: pipes))")
}

/// The parameters that start chaos.py with `options`.
func chaosParameters(_ options: [String] = [], maximumMessageSize: Int = 256 << 20, gracePeriod: Duration = .milliseconds(300)) throws -> StdioServerParameters {
    StdioServerParameters(
        command: try FaultPaths.python(),
        arguments: ["-B", "-u", try FaultPaths.fixture("faults/chaos.py")] + options,
        stderr: .discard,
        maximumMessageSize: maximumMessageSize,
        stdinCloseGracePeriod: gracePeriod,
        terminateGracePeriod: gracePeriod
    )
}

/// A later request on a fresh connection to a healthy server succeeds (after a case whose
/// connection died).
func expectHealthyStdioConnection() async throws {
    try await withClient(connectingTo: StdioTransport(try chaosParameters())) { client in
        try await client.ping()
        let result = try await client.callTool("garbage")
        #expect(result.text == "survived")
    }
}

/// Starts `count` requests that the server never answers; returns their tasks, each giving the
/// error the request ended with (`nil` if it succeeded).
func startStalledRequests(_ count: Int, on client: Client, transport: StdioTransport) async throws -> [Task<(any Error)?, Never>] {
    let tasks = (0..<count).map { _ in
        Task { () -> (any Error)? in
            do {
                _ = try await client.callTool("stall")
                return nil
            } catch {
                return error
            }
        }
    }
    // Wait until the server holds them all, so the fault really hits requests in flight.
    let held = await eventually(timeout: .seconds(20)) {
        transport.recentStderr.filter { $0.hasPrefix("stalling on request") }.count >= count
    }
    if !held { throw FaultTestFailure("the server did not receive the stalled requests: \(transport.recentStderr)") }
    return tasks
}

/// Every pending request ended with a typed `ClientError` of `code`.
func expectAllEnded(_ tasks: [Task<(any Error)?, Never>], with code: ClientError.Code, sourceLocation: SourceLocation = #_sourceLocation) async {
    for task in tasks {
        let error = await task.value
        guard let error = error as? ClientError else {
            Issue.record("a pending request ended with \(String(describing: error)), not a ClientError", sourceLocation: sourceLocation)
            continue
        }
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    }
}
