@testable import MCPCore
import Synchronization
import Testing

/// A transport whose `send` of a request only returns when the peer answers, like an HTTP POST
/// — here never, until cancelled (a stalled server).
private final class StalledSendTransport: Transport {
    private let inbound = AsyncThrowingStream<TransportEvent, any Error>.makeStream()
    let cancelledSends = Mutex(0)

    func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> { inbound.stream }

    func send(_ message: JSONRPCMessage) async throws {
        guard case .request = message else { return }
        do {
            try await Task.sleep(for: .seconds(3600))
        } catch {
            cancelledSends.withLock { $0 += 1 }
            throw error
        }
    }

    func close() async { inbound.continuation.finish() }
}

/// Regression (found by the fault-injection suite): a request whose `send` blocked never timed
/// out, because the wait for the answer (and with it the timeout) only began once `send`
/// returned. Over Streamable HTTP a stalled or slow-loris server held callers far past their
/// timeout.
@Suite("A send that blocks")
struct BlockingSendTests {
    @Test func doesNotHoldOffTheTimeoutAndIsCancelledWhenTheRequestIsAbandoned() async throws {
        let transport = StalledSendTransport()
        let connection = JSONRPCConnection(transport: transport, configuration: .init(defaultTimeout: .milliseconds(200), resetTimeoutOnProgress: true, maximumTotalTimeout: nil))
        try await connection.start(handlers: JSONRPCConnection.Handlers(request: { _ in [:] }, notification: { _ in }, event: { _ in }))
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: ClientError.self) {
            _ = try await connection.sendRequest(method: "tools/call", params: nil)
        }
        #expect(error?.code == .timedOut)
        #expect(clock.now - start < .seconds(5), "timed out after \(clock.now - start)")
        // The abandoned send is stopped, as cancelling the caller always did (an HTTP POST to a
        // stalled server must not hold its connection until the client closes).
        let clock2 = ContinuousClock()
        let deadline = clock2.now + .seconds(5)
        while transport.cancelledSends.withLock({ $0 }) == 0, clock2.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(transport.cancelledSends.withLock { $0 } == 1)
        await connection.close()
    }
}
