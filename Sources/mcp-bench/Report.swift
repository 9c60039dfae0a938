import Foundation

/// The run's figures side by side, with ratios against limit.c (measured in the same run).
struct Report {
    var reference: LimitFigures
    var ours: ClientFigures
    var schema: SchemaBenchmarks.Figures
    var pinned: Bool
    var machine: String

    /// Ours divided by limit's rate: higher is better, 1 is the machine's limit.
    var sequentialRatio: Double { ours.sequentialCallsPerSecond / reference.sequentialCallsPerSecond }
    var concurrentRatio: Double { ours.concurrentCallsPerSecond / reference.concurrentCallsPerSecond }
    var read10MBRatio: Double { ours.readMegabytesPerSecond / reference.readMegabytesPerSecond }
    /// Ours divided by limit's time: lower is better.
    var connectRatio: Double { ours.connectMilliseconds / reference.connectMilliseconds }

    func json() -> String {
        let object: [String: Any] = [
            "sequential_ratio": round4(sequentialRatio),
            "concurrent_ratio": round4(concurrentRatio),
            "read10mb_ratio": round4(read10MBRatio),
            "connect_ratio": round4(connectRatio),
            "peak_rss_kb": ours.peakRSSKilobytes,
            "validation_to_decoding_ratio": round4(schema.validationToDecodingRatio),
            "pinned": pinned,
            "machine": machine,
            "ours": [
                "connect_ms": round4(ours.connectMilliseconds),
                "sequential_calls_per_s": round4(ours.sequentialCallsPerSecond),
                "concurrent_calls_per_s": round4(ours.concurrentCallsPerSecond),
                "read_ms": round4(ours.readMilliseconds),
                "read_mb_per_s": round4(ours.readMegabytesPerSecond),
                "in_memory_calls_per_s": round4(ours.inMemoryCallsPerSecond),
                "result_bytes": schema.resultBytes,
                "result_decoding_ns": round4(schema.decodingNanoseconds),
                "result_validation_ns": round4(schema.validationNanoseconds),
            ],
            "limit": [
                "connect_ms": round4(reference.connectMilliseconds),
                "sequential_calls_per_s": round4(reference.sequentialCallsPerSecond),
                "concurrent_calls_per_s": round4(reference.concurrentCallsPerSecond),
                "read_ms": round4(reference.readMilliseconds),
                "read_mb_per_s": round4(reference.readMegabytesPerSecond),
            ],
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    func table() -> String {
        func row(_ name: String, _ ours: String, _ limit: String, _ ratio: String) -> String {
            name.padding(toLength: 30, withPad: " ", startingAt: 0)
                + ours.padding(toLength: 16, withPad: " ", startingAt: 0)
                + limit.padding(toLength: 16, withPad: " ", startingAt: 0)
                + ratio
        }
        return [
            "machine: \(machine)\(pinned ? ", client and server pinned to CPU 0" : ", unpinned")",
            row("", "this client", "limit.c", "ratio"),
            row("connect+initialize", fmt(ours.connectMilliseconds) + " ms", fmt(reference.connectMilliseconds) + " ms", fmt(connectRatio) + "× (time)"),
            row("sequential tools/call", fmt0(ours.sequentialCallsPerSecond) + " /s", fmt0(reference.sequentialCallsPerSecond) + " /s", fmt(sequentialRatio)),
            row("concurrent tools/call", fmt0(ours.concurrentCallsPerSecond) + " /s", fmt0(reference.concurrentCallsPerSecond) + " /s", fmt(concurrentRatio)),
            row("10 MB resources/read", fmt(ours.readMegabytesPerSecond) + " MB/s", fmt(reference.readMegabytesPerSecond) + " MB/s", fmt(read10MBRatio)),
            row("in-memory tools/call", fmt0(ours.inMemoryCallsPerSecond) + " /s", "", ""),
            row("peak RSS", "\(ours.peakRSSKilobytes / 1024) MB", "", ""),
            row("\(schema.resultBytes) B result: decode", fmt0(schema.decodingNanoseconds) + " ns", "", ""),
            row("\(schema.resultBytes) B result: validate", fmt0(schema.validationNanoseconds) + " ns", "", fmt(schema.validationToDecodingRatio) + "× decoding"),
        ].joined(separator: "\n")
    }

    private func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    private func fmt(_ value: Double) -> String { String(format: "%.3f", value) }
    private func fmt0(_ value: Double) -> String { String(format: "%.0f", value) }
}
