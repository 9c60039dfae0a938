import Foundation
import MCPClient
import MCPCore
import MCPDemo
import MCPHTTP
import MCPStdio
import Synchronization

/// `mcp-soak`: 64 (by default) concurrent callers for a bounded time against several servers —
/// the demo server over stdio (`mcp demo-server`) and in process, the chaos fixture over stdio and
/// over Streamable HTTP — with random timeouts, cancellations, faults and reconnections. Fails if
/// a call hangs or ends with an untyped error, or if memory, descriptors, threads or child
/// processes are not flat at the end.
///
/// Usage: mcp-soak --seconds N --mcp PATH --python PATH --fixtures DIR [--callers N]
@main
struct Soak {
    static func main() async throws {
        let options = try SoakOptions(CommandLine.arguments.dropFirst())
        let http = try ChaosHTTPProcess(python: options.python, script: options.fixtures + "/python/http_chaos.py")
        defer { http.kill() }
        let pool = ClientPool(endpoints: [
            .demoStdio(mcp: options.mcp), .demoStdio(mcp: options.mcp),
            .demoInProcess, .demoInProcess,
            .chaosStdio(python: options.python, script: options.fixtures + "/faults/chaos.py"),
            .chaosStdio(python: options.python, script: options.fixtures + "/faults/chaos.py"),
            .chaosHTTP(url: http.url), .chaosHTTP(url: http.url),
        ])
        // One connect/close cycle first: what lives as long as the process (the HTTP client's event
        // loops, the runtime's threads) exists before the baseline is taken.
        try await pool.connectAll()
        await pool.closeAll()
        try? await Task.sleep(for: .seconds(1))
        let before = ResourceSample.take()
        let serverBefore = http.descriptors ?? 0
        try await pool.connectAll()

        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .seconds(options.seconds)
        let warmUp = start + .seconds(max(5, options.seconds / 10))
        let tally = Tally()
        let warm = SampleBox<ResourceSample>()
        let serverWarm = SampleBox<Int>()

        await withTaskGroup(of: Void.self) { group in
            for caller in 0..<options.callers {
                group.addTask {
                    var random = SystemRandomNumberGenerator()
                    while clock.now < end {
                        await runOneCall(pool: pool, tally: tally, caller: caller, random: &random)
                    }
                }
            }
            // Reconnection churn, and the warm sample once the pool has settled.
            group.addTask {
                while clock.now < end {
                    try? await Task.sleep(for: .seconds(3))
                    if clock.now >= warmUp, warm.withLock({ $0 == nil }) {
                        let sample = ResourceSample.take()
                        warm.withLock { $0 = sample }
                        serverWarm.withLock { $0 = http.descriptors }
                        print("warm: \(sample), HTTP server descriptors \(http.descriptors ?? 0)")
                    }
                    if clock.now < end { await pool.reconnect(Int.random(in: 0..<pool.count), tally: tally) }
                }
            }
            group.addTask {
                while clock.now < end {
                    try? await Task.sleep(for: .seconds(30))
                    let server = http.descriptors.map(String.init) ?? "?"
                    print("\(Int((clock.now - start).components.seconds)) s: \(tally.summary) rss \(ResourceSample.take().residentKilobytes) kB, HTTP server descriptors \(server)")
                }
            }
        }
        try? await Task.sleep(for: .seconds(2))
        let atEnd = ResourceSample.take()
        let serverAtEnd = http.descriptors ?? 0
        // Every kind of server still answers.
        let healthy = await pool.checkHealth()
        await pool.closeAll()
        try? await Task.sleep(for: .seconds(2))
        let after = ResourceSample.take()
        let serverAfter = http.descriptors ?? 0
        print("descriptors after closing: \(ResourceSample.descriptorKinds())")
        let baseline = warm.withLock { $0 } ?? before

        print("before: \(before)")
        print("warm:   \(baseline)")
        print("end:    \(atEnd)")
        print("after:  \(after)")
        print("HTTP server descriptors: \(serverBefore) before, \(serverWarm.withLock { $0 } ?? serverBefore) warm, \(serverAtEnd) at the end, \(serverAfter) after closing")
        print("calls:  \(tally.summary)")
        var failures = tally.failures
        if !healthy { failures.append("a server did not answer after the soak") }
        if atEnd.descriptors > baseline.descriptors + 8 { failures.append("descriptors grew from \(baseline.descriptors) to \(atEnd.descriptors)") }
        if after.descriptors > before.descriptors + 4 { failures.append("descriptors after closing: \(after.descriptors), before: \(before.descriptors)") }
        if atEnd.residentKilobytes > baseline.residentKilobytes * 5 / 4 + 32 * 1024 {
            failures.append("memory grew from \(baseline.residentKilobytes) kB to \(atEnd.residentKilobytes) kB")
        }
        // The server's descriptors are the connections the clients keep: calls given up on must
        // not leave theirs open (nor may the fixture keep them: it ran out once).
        let serverBaseline = serverWarm.withLock { $0 } ?? serverBefore
        if serverAtEnd > serverBaseline + 32 { failures.append("the HTTP server's descriptors grew from \(serverBaseline) to \(serverAtEnd)") }
        if serverAfter > serverBefore + 4 { failures.append("the HTTP server has \(serverAfter) descriptors after closing, \(serverBefore) before") }
        if after.children > before.children { failures.append("\(after.children) child processes left after closing") }
        if atEnd.children > baseline.children { failures.append("child processes grew from \(baseline.children) to \(atEnd.children)") }
        if failures.isEmpty {
            print("PASS")
        } else {
            for failure in failures.prefix(20) { print("FAIL: \(failure)") }
            exit(1)
        }
    }
}

/// A warm-up sample, shared between the sampling task and the end of the run.
final class SampleBox<Value: Sendable>: Sendable {
    private let sample = Mutex<Value?>(nil)
    func withLock<R>(_ body: (inout Value?) -> R) -> R { sample.withLock { body(&$0) } }
}
