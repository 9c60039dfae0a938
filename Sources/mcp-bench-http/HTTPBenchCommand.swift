import ArgumentParser
import MCPClient
import MCPCore
import MCPHTTP

/// `mcp-bench-http`: this client's half of the HTTP rows of `mcp-bench`, against a running
/// fakehttp (`mcp-bench` starts it and runs limit_http.c against it in the same run).
///
/// A separate executable because AsyncHTTPClient brings Foundation, which would add megabytes to
/// the resident size `mcp-bench` reports for the stdio client.
@main
struct HTTPBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-bench-http",
        abstract: "Streamable HTTP round trips of this client against fakehttp (run by mcp-bench)."
    )

    @Option(help: "The MCP endpoint of a running fakehttp.")
    var url: String

    @Option(help: "Round trips for the sequential and concurrent measurements.")
    var calls = 20_000

    @Option(help: "Requests in flight in the concurrent measurement.")
    var concurrency = 64

    func run() async throws {
        let clock = ContinuousClock()
        let client = Client(name: "mcp-bench-http")
        try await client.connect(try StreamableHTTPTransport(url: url))
        // Warm-up, as limit_http.c does.
        for index in 0..<1000 { try await call(client, index) }

        var start = clock.now
        for index in 0..<calls { try await call(client, index) }
        let sequential = Double(calls) / seconds(clock.now - start)

        let perWorker = max(calls / concurrency, 1)
        start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in 0..<perWorker { try await call(client, worker * perWorker + index) }
                }
            }
            try await group.waitForAll()
        }
        let concurrent = Double(perWorker * concurrency) / seconds(clock.now - start)
        await client.close()
        // One line of "name value" pairs, read by mcp-bench.
        print("sequential_calls_per_s \(sequential) concurrent_calls_per_s \(concurrent)")
    }

    private func call(_ client: Client, _ index: Int) async throws {
        let text = "hello \(index)"
        let result = try await client.callTool("echo", arguments: ["text": .string(text)])
        guard result.content.first?.text == text else {
            throw ClientError(.invalidResponse, "unexpected echo for \(index): \(result)")
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
