import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mcp-bench`: measures this client against the machine's limit (the C client `limit.c`) in
/// the same run, over stdio against the C server `fakesrv.c`, and over Streamable HTTP (JSON and
/// SSE replies) against `fakehttp.c` with `limit_http.c` as the limit, and reports ratios.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-bench",
        abstract: "Measure the MCP client against this machine's limit (limit.c) in the same run."
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Round trips for the sequential and concurrent measurements.")
    var calls = 20_000

    @Option(help: "Requests in flight in the concurrent measurement.")
    var concurrency = 64

    @Option(help: "Size in bytes of the large resource read.")
    var readSize = 10 * 1024 * 1024

    @Option(help: "Repetitions of the large read and of connect (the median is reported).")
    var repeats = 5

    @Flag(help: "Skip the Streamable HTTP rows (fakehttp.c, limit_http.c and mcp-bench-http).")
    var noHTTP = false

    @Flag(help: "Do not pin both processes to CPU 0 (pinning makes figures repeatable on 2-core machines).")
    var noPin = false

    @Option(help: "The folder holding fakesrv.c and limit.c (default: $MCP_SHARED_DIR/bench or ../shared/bench).")
    var benchDirectory: String?

    @Option(help: ArgumentHelp(
        "Run only this client's part of one workload (sequential, concurrent, sequential-pool, concurrent-pool or read), in mcp-bench-stdio without limit.c, and print only its figure and peak RSS (on stderr): for profilers.",
        valueName: "workload"
    ))
    var profile: ClientBenchmarks.Workload?

    func run() async throws {
        if !noPin, profile == nil { try Pinning.ensurePinned(toCPU: 0) }
        let sources = try BenchSources.locate(benchDirectory)
        let binaries = try BenchSources.build(sources)
        if let profile {
            let figures = try ClientBenchmarks(server: binaries.fakesrv, calls: calls, concurrency: concurrency, readSize: readSize, repeats: repeats)
                .runAlone(profile)
            let report = Array("\(figures)\n".utf8)
            _ = report.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            return
        }
        let reference = try LimitRun.run(
            limit: binaries.limit,
            server: binaries.fakesrv,
            calls: calls,
            window: concurrency,
            readSize: readSize,
            repeats: repeats
        )
        var ours = try await ClientBenchmarks(
            server: binaries.fakesrv,
            calls: calls,
            concurrency: concurrency,
            readSize: readSize,
            repeats: repeats
        ).run()
        ours.defaultMallocPeakRSSKilobytes = ResourceUsage.defaultMallocPeak(
            benchDirectory: sources.directory,
            readSize: readSize,
            repeats: repeats
        ) ?? 0
        // After the RSS reading: this part measures CPU time, not memory.
        let schema = try SchemaBenchmarks().run()
        var http: [HTTPRun.Mode: HTTPFigures] = [:]
        if !noHTTP {
            if let client = Sibling.executable(named: "mcp-bench-http") {
                for mode in [HTTPRun.Mode.json, .sse] {
                    http[mode] = try HTTPRun.run(
                        mode,
                        fakehttp: binaries.fakehttp,
                        limit: binaries.limitHTTP,
                        client: client,
                        calls: calls,
                        concurrency: concurrency
                    )
                }
            } else {
                let warning = Array("warning: no mcp-bench-http; no HTTP rows\n".utf8)
                _ = warning.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            }
        }
        let report = Report(reference: reference, ours: ours, schema: schema, http: http, pinned: !noPin, machine: Machine.describe())
        print(json ? report.json() : report.table())
    }
}
