import MCPClient
import MCPCore
import MCPHTTP
import Testing

/// Runs one HTTP fault case against a fresh `http_chaos.py` and checks what every case must leave
/// true: `body` ends within `deadline`, closing is prompt, and no connection to the server
/// remains open in this process.
func httpFaultCase(
    requestTimeout: Duration = .seconds(20),
    configure: (inout HTTPTransportConfiguration) -> Void = { _ in },
    deadline: Duration = .seconds(40),
    _ body: @escaping @Sendable (Client, ChaosHTTPServer) async throws -> Void
) async throws {
    let server = try await ChaosHTTPServer()
    defer { server.kill() }
    var http = HTTPTransportConfiguration(
        reconnection: ReconnectionPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(200), maximumAttempts: 5),
        proxy: .none
    )
    configure(&http)
    let transport = try StreamableHTTPTransport(url: server.url, configuration: http)
    var configuration = Client.Configuration()
    configuration.clientInfo = Implementation(name: "fault-injection", version: "1")
    configuration.requestTimeout = requestTimeout
    let client = Client(configuration: configuration)
    try await client.connect(transport)
    do {
        try await withinDeadline(deadline, "the fault case") { try await body(client, server) }
    } catch {
        await client.close()
        throw error
    }
    let (_, closing) = await timed { await client.close() }
    #expect(closing < .seconds(5), "closing took \(closing)")
    #expect(await eventually { ResourceProbe.connections(toPort: server.port) == 0 },
            "\(ResourceProbe.connections(toPort: server.port)) connections to the server left open")
}

/// A later request on the same client succeeds.
func expectHealthy(_ client: Client, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let result = try await client.callTool("echo", arguments: ["text": "still here"])
    #expect(result.text == "still here", sourceLocation: sourceLocation)
}
