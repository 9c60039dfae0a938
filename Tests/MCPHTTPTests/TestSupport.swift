import AsyncHTTPClient
import MCPCore
@testable import MCPHTTP
import NIOCore
import Synchronization

/// Values collected from concurrent callbacks.
final class LockedValues<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }

    func wait(timeout: Duration = .seconds(10), until predicate: @Sendable ([Value]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !predicate(values) {
            guard ContinuousClock.now < deadline else { throw TestSetupError("condition not met; got \(values)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

extension StreamableHTTPTransport {
    /// The HTTP status of a bare POST (a ping) carrying `sessionID`, bypassing the protocol.
    func rawStatus(ofPostWithSession sessionID: String) async throws -> Int {
        var request = exchange.makeRequest(.POST, url: url, extraHeaders: [
            "Mcp-Session-Id": sessionID, "Content-Type": "application/json",
            "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-11-25",
        ])
        request.body = .bytes(ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#))
        let response = try await exchange.execute(request)
        _ = try? await response.collectBody(limit: 1 << 20)
        return Int(response.status.code)
    }
}
