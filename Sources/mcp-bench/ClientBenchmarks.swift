import ArgumentParser
import MCPClient
import MCPCore
import MCPDemo
import MCPServer

/// This client's figures.
struct ClientFigures: Codable {
    var connectMilliseconds: Double = 0
    /// From tasks that prefer the transport's event loop.
    var sequentialCallsPerSecond: Double = 0
    var concurrentCallsPerSecond: Double = 0
    /// From tasks on the global concurrent pool (no executor preference).
    var sequentialPoolCallsPerSecond: Double = 0
    var concurrentPoolCallsPerSecond: Double = 0
    var readMegabytesPerSecond: Double = 0
    var readMilliseconds: Double = 0
    var inMemoryCallsPerSecond: Double = 0
    var peakRSSKilobytes: Int = 0
    /// The peak of the large reads alone under glibc's default malloc settings (0 if unknown).
    var defaultMallocPeakRSSKilobytes: Int = 0
}

/// The same workloads limit.c runs, through `Client` and `StdioTransport` against fakesrv, in
/// `mcp-bench-stdio` (a process with nothing but the client in it); and the in-memory round
/// trips, here.
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
        case sequentialPool = "sequential-pool"
        case concurrentPool = "concurrent-pool"
    }

    /// Connects, warms up as ``run()`` does, then runs only `workload` (in `mcp-bench-stdio`,
    /// which profilers follow as a child): the difference between two call counts under a
    /// profiler is the cost of those round trips.
    ///
    /// - Returns: the workload's figure and the peak resident size.
    func runAlone(_ workload: Workload) throws -> String {
        let figures = try stdio(only: workload.rawValue)
        let figure = switch workload {
        case .sequential: "\(Int(figures["sequential_calls_per_s"] ?? 0)) calls/s"
        case .concurrent: "\(Int(figures["concurrent_calls_per_s"] ?? 0)) calls/s"
        case .sequentialPool: "\(Int(figures["sequential_pool_calls_per_s"] ?? 0)) calls/s"
        case .concurrentPool: "\(Int(figures["concurrent_pool_calls_per_s"] ?? 0)) calls/s"
        case .read: "\(Int(figures["read_mb_per_s"] ?? 0)) MB/s"
        }
        return "\(figure)\npeak RSS \(Int(figures["peak_rss_kb"] ?? 0)) KB"
    }

    func run() async throws -> ClientFigures {
        var figures = ClientFigures()
        let stdio = try stdio(only: nil)
        guard let connect = stdio["connect_ms"], let sequential = stdio["sequential_calls_per_s"],
            let concurrent = stdio["concurrent_calls_per_s"], let sequentialPool = stdio["sequential_pool_calls_per_s"],
            let concurrentPool = stdio["concurrent_pool_calls_per_s"], let readMilliseconds = stdio["read_ms"],
            let read = stdio["read_mb_per_s"], let peak = stdio["peak_rss_kb"]
        else { throw ValidationError("mcp-bench-stdio left out figures: \(stdio)") }
        figures.connectMilliseconds = connect
        figures.sequentialCallsPerSecond = sequential
        figures.concurrentCallsPerSecond = concurrent
        figures.sequentialPoolCallsPerSecond = sequentialPool
        figures.concurrentPoolCallsPerSecond = concurrentPool
        figures.readMilliseconds = readMilliseconds
        figures.readMegabytesPerSecond = read
        figures.peakRSSKilobytes = Int(peak)
        figures.inMemoryCallsPerSecond = try await measureInMemory()
        return figures
    }

    /// Runs `mcp-bench-stdio` against fakesrv and returns its figures.
    func stdio(only workload: String?) throws -> [String: Double] {
        guard let executable = Sibling.executable(named: "mcp-bench-stdio") else {
            throw ValidationError("mcp-bench-stdio is missing and could not be built")
        }
        var arguments = [
            server, "--calls", String(calls), "--concurrency", String(concurrency),
            "--read-size", String(readSize), "--repeats", String(max(repeats, 1)),
        ]
        if let workload { arguments += ["--only", workload] }
        let run = try Command.run(executable, arguments)
        guard run.status == 0 else { throw ValidationError("mcp-bench-stdio failed:\n\(run.output)") }
        return Sibling.pairs(in: run.output, startingWith: workload ?? "connect_ms")
    }

    private func call(_ client: Client, _ index: Int) async throws -> CallToolResult {
        let text = "hello \(index)"
        let result = try await client.callTool("echo", arguments: ["text": .string(text)])
        guard result.content.first?.text == text else {
            throw ClientError(.invalidResponse, "unexpected echo for \(index): \(result)")
        }
        return result
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
}
