import ArgumentParser
import MCPClient
import MCPCore
import MCPDemo
import MCPServer
import MCPStdio

/// This client's figures.
struct ClientFigures: Codable {
    var connectMilliseconds: Double = 0
    var sequentialCallsPerSecond: Double = 0
    var concurrentCallsPerSecond: Double = 0
    var readMegabytesPerSecond: Double = 0
    var readMilliseconds: Double = 0
    var inMemoryCallsPerSecond: Double = 0
    var peakRSSKilobytes: Int = 0
    /// The peak of the large reads alone under glibc's default malloc settings (0 if unknown).
    var defaultMallocPeakRSSKilobytes: Int = 0
}

/// The same workloads limit.c runs, through `Client` and `StdioTransport` against fakesrv.
struct ClientBenchmarks {
    var server: String
    var calls: Int
    var concurrency: Int
    var readSize: Int
    var repeats: Int

    private let clock = ContinuousClock()

    /// A workload run alone, for profiling.
    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case sequential, concurrent, read
    }

    /// Connects, warms up as ``run()`` does, then runs only `workload`: the difference between two
    /// call counts under a profiler is the cost of those round trips.
    func runAlone(_ workload: Workload) async throws {
        let client = Client(name: "mcp-bench")
        try await client.connect(StdioTransport(StdioServerParameters(command: server, stderr: .discard)))
        for index in 0..<1000 { _ = try await call(client, index) }
        switch workload {
        case .sequential: _ = try await measureSequential(client)
        case .concurrent: _ = try await measureConcurrent(client)
        case .read: _ = try await measureRead(client)
        }
        await client.close()
    }

    func run() async throws -> ClientFigures {
        var figures = ClientFigures()
        figures.connectMilliseconds = try await measureConnect()

        let transport = StdioTransport(StdioServerParameters(command: server, stderr: .discard))
        let client = Client(name: "mcp-bench")
        try await client.connect(transport)
        // Warm-up, as limit.c does.
        for index in 0..<1000 { _ = try await call(client, index) }
        figures.sequentialCallsPerSecond = try await measureSequential(client)
        figures.concurrentCallsPerSecond = try await measureConcurrent(client)
        (figures.readMilliseconds, figures.readMegabytesPerSecond) = try await measureRead(client)
        await client.close()

        figures.inMemoryCallsPerSecond = try await measureInMemory()
        return figures
    }

    private func call(_ client: Client, _ index: Int) async throws -> CallToolResult {
        let text = "hello \(index)"
        let result = try await client.callTool("echo", arguments: ["text": .string(text)])
        guard result.content.first?.text == text else {
            throw ClientError(.invalidResponse, "unexpected echo for \(index): \(result)")
        }
        return result
    }

    private func measureConnect() async throws -> Double {
        var samples: [Double] = []
        for _ in 0..<max(repeats, 1) {
            let start = clock.now
            let client = Client(name: "mcp-bench")
            try await client.connect(StdioTransport(StdioServerParameters(command: server, stderr: .discard)))
            samples.append(milliseconds(clock.now - start))
            await client.close()
        }
        return samples.sorted()[samples.count / 2]
    }

    private func measureSequential(_ client: Client) async throws -> Double {
        let start = clock.now
        for index in 0..<calls { _ = try await call(client, index) }
        return Double(calls) / seconds(clock.now - start)
    }

    private func measureConcurrent(_ client: Client) async throws -> Double {
        let start = clock.now
        let perWorker = calls / concurrency
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in 0..<perWorker { _ = try await call(client, worker * perWorker + index) }
                }
            }
            try await group.waitForAll()
        }
        return Double(perWorker * concurrency) / seconds(clock.now - start)
    }

    private func measureRead(_ client: Client) async throws -> (Double, Double) {
        var samples: [Double] = []
        for _ in 0..<max(repeats, 1) {
            let start = clock.now
            let result = try await client.readResource("bench://blob/\(readSize)")
            let elapsed = clock.now - start
            guard let text = result.contents.first?.text, text.utf8.count >= readSize else {
                throw ClientError(.invalidResponse, "short resource")
            }
            samples.append(seconds(elapsed))
        }
        let median = samples.sorted()[samples.count / 2]
        return (median * 1000, Double(readSize) / 1e6 / median)
    }

    private func measureInMemory() async throws -> Double {
        let server = MCPServer(name: "bench", version: "1")
        server.addTool(Tool(name: "echo")) { arguments, _ in
            CallToolResult(content: [.text(arguments["text"]?.stringValue ?? "")])
        }
        return try await withClient(connectingTo: server) { client in
            for index in 0..<1000 { _ = try await call(client, index) }
            let start = clock.now
            for index in 0..<calls { _ = try await call(client, index) }
            return Double(calls) / seconds(clock.now - start)
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }
}
