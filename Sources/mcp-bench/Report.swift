import MCPCore

/// The run's figures side by side, with ratios against limit.c (measured in the same run).
struct Report {
    var reference: LimitFigures
    var ours: ClientFigures
    var schema: SchemaBenchmarks.Figures
    /// The HTTP rows by reply mode (none with `--no-http`).
    var http: [HTTPRun.Mode: HTTPFigures]
    var pinned: Bool
    var machine: String

    /// Ours divided by limit's rate: higher is better, 1 is the machine's limit.
    var sequentialRatio: Double { ours.sequentialCallsPerSecond / reference.sequentialCallsPerSecond }
    var concurrentRatio: Double { ours.concurrentCallsPerSecond / reference.concurrentCallsPerSecond }
    var sequentialPoolRatio: Double { ours.sequentialPoolCallsPerSecond / reference.sequentialCallsPerSecond }
    var concurrentPoolRatio: Double { ours.concurrentPoolCallsPerSecond / reference.concurrentCallsPerSecond }
    var read10MBRatio: Double { ours.readMegabytesPerSecond / reference.readMegabytesPerSecond }
    /// Ours divided by limit's time: lower is better.
    var connectRatio: Double { ours.connectMilliseconds / reference.connectMilliseconds }

    func json() -> String {
        // Sorted keys, so the output is stable for scripts that diff it.
        var object: JSONObject = [
            "concurrent_ratio": .double(round4(concurrentRatio)),
            "concurrent_pool_ratio": .double(round4(concurrentPoolRatio)),
            "connect_ratio": .double(round4(connectRatio)),
            "limit": [
                "concurrent_calls_per_s": .double(round4(reference.concurrentCallsPerSecond)),
                "connect_ms": .double(round4(reference.connectMilliseconds)),
                "read_mb_per_s": .double(round4(reference.readMegabytesPerSecond)),
                "read_ms": .double(round4(reference.readMilliseconds)),
                "sequential_calls_per_s": .double(round4(reference.sequentialCallsPerSecond)),
            ],
            "machine": .string(machine),
            "ours": [
                "concurrent_calls_per_s": .double(round4(ours.concurrentCallsPerSecond)),
                "concurrent_pool_calls_per_s": .double(round4(ours.concurrentPoolCallsPerSecond)),
                "connect_ms": .double(round4(ours.connectMilliseconds)),
                "in_memory_calls_per_s": .double(round4(ours.inMemoryCallsPerSecond)),
                "read_mb_per_s": .double(round4(ours.readMegabytesPerSecond)),
                "read_ms": .double(round4(ours.readMilliseconds)),
                "result_bytes": .int(schema.resultBytes),
                "result_decoding_ns": .double(round4(schema.decodingNanoseconds)),
                "result_validation_ns": .double(round4(schema.validationNanoseconds)),
                "sequential_calls_per_s": .double(round4(ours.sequentialCallsPerSecond)),
                "sequential_pool_calls_per_s": .double(round4(ours.sequentialPoolCallsPerSecond)),
            ],
            "malloc": .string(Malloc.settings),
            "peak_rss_default_malloc_kb": .int(ours.defaultMallocPeakRSSKilobytes),
            "peak_rss_kb": .int(ours.peakRSSKilobytes),
            "pinned": .bool(pinned),
            "read10mb_ratio": .double(round4(read10MBRatio)),
            "sequential_ratio": .double(round4(sequentialRatio)),
            "sequential_pool_ratio": .double(round4(sequentialPoolRatio)),
            "validation_to_decoding_ratio": .double(round4(schema.validationToDecodingRatio)),
        ]
        if let json = http[.json], let sse = http[.sse] {
            func figures(_ figures: HTTPFigures) -> JSONValue {
                [
                    "limit_concurrent_calls_per_s": .double(round4(figures.limitConcurrent)),
                    "limit_sequential_calls_per_s": .double(round4(figures.limitSequential)),
                    "ours_concurrent_calls_per_s": .double(round4(figures.oursConcurrent)),
                    "ours_sequential_calls_per_s": .double(round4(figures.oursSequential)),
                ]
            }
            object["http"] = ["json": figures(json), "sse": figures(sse)]
            object["http_concurrent_ratio"] = .double(round4(json.concurrentRatio))
            object["http_sequential_ratio"] = .double(round4(json.sequentialRatio))
            object["sse_concurrent_ratio"] = .double(round4(sse.concurrentRatio))
            // Round trips whose replies are event streams: what SSE costs this client per event.
            object["sse_ratio"] = .double(round4(sse.sequentialRatio))
        }
        return JSONValue.object(object).jsonString(options: .sortedKeys)
    }

    func table() -> String {
        func row(_ name: String, _ ours: String, _ limit: String, _ ratio: String) -> String {
            func pad(_ text: String, _ width: Int) -> String {
                text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
            }
            return pad(name, 34) + pad(ours, 16) + pad(limit, 16) + ratio
        }
        var httpRows: [String] = []
        for (mode, label) in [(HTTPRun.Mode.json, "HTTP"), (.sse, "HTTP+SSE")] {
            guard let figures = http[mode] else { continue }
            httpRows.append(row("\(label) sequential tools/call", fmt0(figures.oursSequential) + " /s", fmt0(figures.limitSequential) + " /s", fmt(figures.sequentialRatio)))
            httpRows.append(row("\(label) concurrent tools/call", fmt0(figures.oursConcurrent) + " /s", fmt0(figures.limitConcurrent) + " /s", fmt(figures.concurrentRatio)))
        }
        return ([
            "machine: \(machine)\(pinned ? ", client and server pinned to CPU 0" : ", unpinned")",
            row("", "this client", "limit.c", "ratio"),
            row("connect+initialize", fmt(ours.connectMilliseconds) + " ms", fmt(reference.connectMilliseconds) + " ms", fmt(connectRatio) + "× (time)"),
            row("sequential tools/call", fmt0(ours.sequentialCallsPerSecond) + " /s", fmt0(reference.sequentialCallsPerSecond) + " /s", fmt(sequentialRatio)),
            row("concurrent tools/call", fmt0(ours.concurrentCallsPerSecond) + " /s", fmt0(reference.concurrentCallsPerSecond) + " /s", fmt(concurrentRatio)),
            row("  the same, from the global pool", fmt0(ours.sequentialPoolCallsPerSecond) + " /s", "", fmt(sequentialPoolRatio)),
            row("  (sequential, then concurrent)", fmt0(ours.concurrentPoolCallsPerSecond) + " /s", "", fmt(concurrentPoolRatio)),
            row("10 MB resources/read", fmt(ours.readMegabytesPerSecond) + " MB/s", fmt(reference.readMegabytesPerSecond) + " MB/s", fmt(read10MBRatio)),
            row("in-memory tools/call", fmt0(ours.inMemoryCallsPerSecond) + " /s", "", ""),
            row("peak RSS", "\(ours.peakRSSKilobytes / 1024) MB", "", Malloc.settings),
            row("peak RSS, glibc malloc defaults", "\(ours.defaultMallocPeakRSSKilobytes / 1024) MB", "", "(the reads alone)"),
            row("\(schema.resultBytes) B result: decode", fmt0(schema.decodingNanoseconds) + " ns", "", ""),
            row("\(schema.resultBytes) B result: validate", fmt0(schema.validationNanoseconds) + " ns", "", fmt(schema.validationToDecodingRatio) + "× decoding"),
        ] + (httpRows.isEmpty ? [] : [row("", "this client", "limit_http.c", "ratio")] + httpRows)).joined(separator: "\n")
    }

    private func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    private func fmt(_ value: Double) -> String { Self.fixed(value, decimals: 3) }
    private func fmt0(_ value: Double) -> String { Self.fixed(value, decimals: 0) }

    /// `value` with exactly `decimals` digits after the point (no Foundation formatting).
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        let fraction = scaled % Int64(scale)
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }
}
