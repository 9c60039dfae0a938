import MCPClient
import MCPCore

/// One random call on a random client: a normal call, a call with a timeout too short for it, a
/// call cancelled after a random delay, or a fault the server injects. Typed errors are expected;
/// untyped ones and calls that outlive the watchdog are failures.
func runOneCall(pool: ClientPool, tally: Tally, caller: Int, random: inout SystemRandomNumberGenerator) async {
    let slot = Int.random(in: 0..<pool.count, using: &random)
    guard let (client, kind) = pool.client(at: slot) else {
        try? await Task.sleep(for: .milliseconds(10))
        return
    }
    let shortTimeout = RequestOptions(timeout: .after(.milliseconds(Int.random(in: 5...100, using: &random))))
    let choice = Int.random(in: 0..<10, using: &random)
    let cancelAfter: Duration? = Int.random(in: 0..<5, using: &random) == 0 ? .milliseconds(Int.random(in: 0...50, using: &random)) : nil
    let description = "\(kind) #\(choice)"
    let operation: @Sendable () async throws -> Void
    switch kind {
    case .demoStdio, .demoInProcess:
        switch choice {
        case 0...4: operation = { _ = try await client.callTool("echo", arguments: ["text": "hello \(caller)"]) }
        case 5: operation = { _ = try await client.callTool("add", arguments: ["a": 1, "b": 2]) }
        case 6: operation = { _ = try await client.callTool("fail") }
        case 7: operation = { _ = try await client.callTool("countdown", arguments: ["n": 3, "delayMilliseconds": 20], options: shortTimeout) }
        case 8: operation = { _ = try await client.listAllTools() }
        default: operation = { try await client.ping() }
        }
    case .chaosStdio:
        switch choice {
        case 0...3: operation = { _ = try await client.callTool("garbage") }
        case 4, 5: operation = { _ = try await client.callTool("stall", options: shortTimeout) }
        case 6: operation = { _ = try await client.callTool("flood", arguments: ["count": 200]) }
        case 7: operation = { _ = try await client.callTool("wrong-type") }
        case 8: operation = { _ = try await client.callTool("big", arguments: ["size": 100_000]) }
        default: operation = { try await client.ping() }
        }
    case .chaosHTTP:
        switch choice {
        case 0...3: operation = { _ = try await client.callTool("echo", arguments: ["text": "hello \(caller)"]) }
        case 4: operation = { _ = try await client.callTool("sse", arguments: ["count": 3, "drop_after": .int(Int.random(in: 1...4))]) }
        case 5: operation = { _ = try await client.callTool("stall", options: shortTimeout) }
        case 6: operation = { _ = try await client.callTool("garbage", arguments: ["kind": .string(["not-json", "truncated", "wrong-type", "http-500"].randomElement()!)]) }
        case 7: operation = { _ = try await client.callTool("flood", arguments: ["count": 200]) }
        case 8: operation = { _ = try await client.callTool("close", arguments: ["point": .string(["before-headers", "after-headers", "mid-body", "mid-event"].randomElement()!)]) }
        default: operation = { try await client.ping() }
        }
    }
    await tally.record(description, cancelled: cancelAfter != nil) {
        try await withWatchdog(.seconds(30)) {
            let task = Task { try await operation() }
            if let cancelAfter {
                try? await Task.sleep(for: cancelAfter)
                task.cancel()
            }
            try await task.value
        }
    }
}

/// The watchdog fired: a call hung.
struct Hang: Error {}

/// Runs `operation`, throwing ``Hang`` if it outlives `limit`.
func withWatchdog(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await operation()
            return true
        }
        group.addTask {
            try? await Task.sleep(for: limit)
            return false
        }
        defer { group.cancelAll() }
        guard try await group.next() == true else { throw Hang() }
    }
}
