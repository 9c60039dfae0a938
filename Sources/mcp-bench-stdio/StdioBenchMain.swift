import MCPClient
import MCPCore
import MCPStdio
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mcp-bench-stdio`: this client's stdio workloads for `mcp-bench`, against fakesrv.
///
/// A process of its own that links only what a stdio client links (MCPClient and MCPStdio, no
/// argument parser, no server, no benchmark harness), so the peak resident size it reports is
/// the client's own. `mcp-bench` runs limit.c and this in the same run and compares them.
///
/// Usage: `mcp-bench-stdio SERVER [--calls N] [--concurrency N] [--read-size BYTES]
/// [--repeats N] [--only WORKLOAD]`. Prints one line of `name value` pairs.
///
/// `sequential` and `concurrent` call from tasks that prefer the transport's event loop (the fast
/// path this SDK offers); `sequential-pool` and `concurrent-pool` from tasks on Swift's global
/// concurrent pool (what code that sets no preference gets); `read` is the 10 MB read.
@main
enum StdioBenchMain {
    static func main() async {
        do {
            let options = try Options(CommandLine.arguments.dropFirst())
            let figures = try await StdioWorkloads(options: options).run()
            print(figures.map { "\($0.name) \($0.value)" }.joined(separator: " "))
        } catch {
            let message = Array("mcp-bench-stdio: \(error)\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            exit(1)
        }
    }
}

/// The command line, parsed by hand: an argument parser would add to the resident size measured.
struct Options {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    var server = ""
    var calls = 20_000
    var concurrency = 64
    var readSize = 10 << 20
    var repeats = 5
    /// Run this workload alone (after connecting and warming up), for profilers.
    var only: String?

    /// The workloads `--only` accepts.
    static let workloads = ["sequential", "concurrent", "sequential-pool", "concurrent-pool", "read"]

    init(_ arguments: some Sequence<String>) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard argument.hasPrefix("--") else {
                server = argument
                continue
            }
            guard let value = iterator.next() else { throw Invalid(description: "\(argument) needs a value") }
            switch argument {
            case "--calls": calls = try Self.positive(value, argument)
            case "--concurrency": concurrency = try Self.positive(value, argument)
            case "--read-size": readSize = try Self.positive(value, argument)
            case "--repeats": repeats = try Self.positive(value, argument)
            case "--only":
                guard Self.workloads.contains(value) else { throw Invalid(description: "unknown workload \(value)") }
                only = value
            default: throw Invalid(description: "unknown option \(argument)")
            }
        }
        guard !server.isEmpty else { throw Invalid(description: "usage: mcp-bench-stdio SERVER [options]") }
    }

    private static func positive(_ value: String, _ name: String) throws -> Int {
        guard let number = Int(value), number > 0 else { throw Invalid(description: "\(name) takes a positive number, not \(value)") }
        return number
    }
}

/// The workloads limit.c runs, through `Client` and `StdioTransport` against fakesrv.
struct StdioWorkloads {
    var options: Options
    private let clock = ContinuousClock()

    init(options: Options) {
        self.options = options
    }

    func run() async throws -> [(name: String, value: Double)] {
        var figures: [(name: String, value: Double)] = []
        if options.only == nil { figures.append(("connect_ms", try await measureConnect())) }
        let client = Client(name: "mcp-bench")
        try await client.connect(StdioTransport(StdioServerParameters(command: options.server, stderr: .discard)))
        // Warm-up, as limit.c does.
        for index in 0..<1000 { _ = try await call(client, index) }
        // Calls from tasks on the global concurrent pool (no executor preference)…
        if options.only == nil || options.only == "sequential-pool" {
            figures.append(("sequential_pool_calls_per_s", try await measureSequential(client)))
        }
        if options.only == nil || options.only == "concurrent-pool" {
            figures.append(("concurrent_pool_calls_per_s", try await measureConcurrent(client)))
        }
        // …and from tasks that prefer the transport's reading thread (StdioEventLoop).
        let eventLoop = client.preferredTaskExecutor
        if options.only == nil || options.only == "sequential" {
            let rate = try await withTaskExecutorPreference(eventLoop) { try await measureSequential(client) }
            figures.append(("sequential_calls_per_s", rate))
        }
        if options.only == nil || options.only == "concurrent" {
            let rate = try await withTaskExecutorPreference(eventLoop) { try await measureConcurrent(client) }
            figures.append(("concurrent_calls_per_s", rate))
        }
        if options.only == nil || options.only == "read" {
            let (milliseconds, megabytesPerSecond) = try await measureRead(client)
            figures.append(("read_ms", milliseconds))
            figures.append(("read_mb_per_s", megabytesPerSecond))
        }
        await client.close()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        figures.append(("peak_rss_kb", Double(usage.ru_maxrss)))
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
        for _ in 0..<options.repeats {
            let start = clock.now
            let client = Client(name: "mcp-bench")
            try await client.connect(StdioTransport(StdioServerParameters(command: options.server, stderr: .discard)))
            samples.append(seconds(clock.now - start) * 1000)
            await client.close()
        }
        return samples.sorted()[samples.count / 2]
    }

    private func measureSequential(_ client: Client) async throws -> Double {
        let start = clock.now
        for index in 0..<options.calls { _ = try await call(client, index) }
        return Double(options.calls) / seconds(clock.now - start)
    }

    private func measureConcurrent(_ client: Client) async throws -> Double {
        let start = clock.now
        let perWorker = max(options.calls / options.concurrency, 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<options.concurrency {
                group.addTask {
                    for index in 0..<perWorker { _ = try await call(client, worker * perWorker + index) }
                }
            }
            try await group.waitForAll()
        }
        return Double(perWorker * options.concurrency) / seconds(clock.now - start)
    }

    private func measureRead(_ client: Client) async throws -> (Double, Double) {
        var samples: [Double] = []
        for _ in 0..<options.repeats {
            let start = clock.now
            let result = try await client.readResource("bench://blob/\(options.readSize)")
            let elapsed = clock.now - start
            guard let text = result.contents.first?.text, text.utf8.count >= options.readSize else {
                throw ClientError(.invalidResponse, "short resource")
            }
            samples.append(seconds(elapsed))
        }
        let median = samples.sorted()[samples.count / 2]
        return (median * 1000, Double(options.readSize) / 1e6 / median)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
