import ArgumentParser

/// `mcp-bench`: measures this client against the machine's limit (the C client `limit.c`) in
/// the same run, over stdio against the C server `fakesrv.c`, and reports ratios.
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

    @Flag(help: "Do not pin both processes to CPU 0 (pinning makes figures repeatable on 2-core machines).")
    var noPin = false

    @Option(help: "The folder holding fakesrv.c and limit.c (default: $MCP_SHARED_DIR/bench or ../shared/bench).")
    var benchDirectory: String?

    func run() async throws {
        if !noPin { try Pinning.ensurePinned(toCPU: 0) }
        let sources = try BenchSources.locate(benchDirectory)
        let binaries = try BenchSources.build(sources)
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
        ours.peakRSSKilobytes = ResourceUsage.peakResidentKilobytes()
        // After the RSS reading: this part measures CPU time, not memory.
        let schema = try SchemaBenchmarks().run()
        let report = Report(reference: reference, ours: ours, schema: schema, pinned: !noPin, machine: Machine.describe())
        print(json ? report.json() : report.table())
    }
}
