import MCPCore
import Testing

/// The far end of an in-memory transport, driven by a test: read what the code under test sends
/// and answer by hand.
final class ScriptedPeer: Sendable {
    let transport: InMemoryTransport
    private let inbound: AsyncThrowingStream<TransportEvent, any Error>

    init(_ transport: InMemoryTransport) async throws {
        self.transport = transport
        self.inbound = try await transport.connect()
    }

    /// The next message received, or a test failure after `timeout`.
    func next(timeout: Duration = .seconds(5)) async throws -> JSONRPCMessage {
        let stream = inbound
        return try await withThrowingTaskGroup(of: JSONRPCMessage?.self) { group in
            group.addTask {
                for try await event in stream {
                    if case .message(let message) = event { return message }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let message = try await group.next() ?? nil else {
                throw ClientError(.timedOut, "the peer received nothing within \(timeout)")
            }
            return message
        }
    }

    /// The next request received.
    func nextRequest(timeout: Duration = .seconds(5)) async throws -> JSONRPCRequest {
        let message = try await next(timeout: timeout)
        guard case .request(let request) = message else {
            throw ClientError(.invalidResponse, "expected a request, got \(message)")
        }
        return request
    }

    /// The next notification received.
    func nextNotification(timeout: Duration = .seconds(5)) async throws -> JSONRPCNotification {
        let message = try await next(timeout: timeout)
        guard case .notification(let notification) = message else {
            throw ClientError(.invalidResponse, "expected a notification, got \(message)")
        }
        return notification
    }

    func reply(to id: RequestID, _ result: JSONValue) async throws {
        try await transport.send(.response(JSONRPCResponse(id: id, result: result)))
    }

    func replyError(to id: RequestID, _ error: MCPError) async throws {
        try await transport.send(.errorResponse(JSONRPCErrorResponse(id: id, error: error)))
    }

    func send(_ message: JSONRPCMessage) async throws {
        try await transport.send(message)
    }
}

/// Collects values from concurrent callbacks for later inspection.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = LockedBox<[Value]>([])

    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }

    /// Waits until `predicate` holds for the recorded values, polling briefly.
    func wait(timeout: Duration = .seconds(5), until predicate: @Sendable ([Value]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !predicate(values) {
            guard ContinuousClock.now < deadline else {
                throw ClientError(.timedOut, "condition not met within \(timeout); recorded: \(values)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

import Synchronization

final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
