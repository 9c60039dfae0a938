import MCPCore
import Synchronization
import Testing

/// The far end of an in-memory transport, driven by a test: read what the client sends and
/// answer by hand, byte-exact when needed.
///
/// Everything received is buffered by a pump task, so a `next` that times out leaves the
/// connection intact.
final class ScriptedPeer: Sendable {
    /// Something the peer did not see in time, or saw instead of what the test expected.
    struct Unexpected: Error, CustomStringConvertible {
        var description: String
    }

    private struct State: Sendable {
        var buffer: [JSONRPCMessage] = []
        /// Frames the peer could not read (the client should never send one).
        var invalid: [InvalidMessageError] = []
        var ended = false
        var endError: String?
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    let transport: InMemoryTransport
    private let state = LockedBox(State())
    private let pump = LockedBox<Task<Void, Never>?>(nil)

    init(_ transport: InMemoryTransport) async throws {
        self.transport = transport
        let inbound = try await transport.connect()
        let task = Task { [state] in
            do {
                for try await event in inbound {
                    state.withLock { state in
                        if case .message(let message) = event {
                            state.buffer.append(message)
                        } else if case .invalidMessage(let error) = event {
                            state.invalid.append(error)
                        }
                    }
                    Self.wakeAll(state)
                }
                state.withLock { $0.ended = true }
            } catch {
                state.withLock { state in
                    state.ended = true
                    state.endError = String(describing: error)
                }
            }
            Self.wakeAll(state)
        }
        pump.withLock { $0 = task }
    }

    private static func wakeAll(_ state: LockedBox<State>) {
        let waiters = state.withLock { state in
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Suspends until something arrives, the stream ends, or `deadline` passes.
    private func waitForChange(until deadline: ContinuousClock.Instant) async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        let timer = Task { [state] in
            try? await Task.sleep(until: deadline)
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let immediately = state.withLock { state in
                if !state.buffer.isEmpty || state.ended || ContinuousClock.now >= deadline { return true }
                state.waiters[id] = continuation
                return false
            }
            if immediately { continuation.resume() }
        }
        timer.cancel()
    }

    /// Frames the client sent that were not valid JSON-RPC (should stay empty).
    var invalidFrames: [InvalidMessageError] { state.withLock { $0.invalid } }

    /// The next message received; throws after `timeout` or if the connection ended.
    func next(timeout: Duration = .seconds(5)) async throws -> JSONRPCMessage {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (message, ended) = state.withLock { state -> (JSONRPCMessage?, Bool) in
                if !state.buffer.isEmpty { return (state.buffer.removeFirst(), false) }
                return (nil, state.ended)
            }
            if let message { return message }
            if ended { throw Unexpected(description: "the connection ended while the peer waited for a message") }
            if ContinuousClock.now >= deadline { throw Unexpected(description: "the peer received nothing within \(timeout)") }
            await waitForChange(until: deadline)
        }
    }

    /// The next request received (anything else is a failure).
    func nextRequest(timeout: Duration = .seconds(5)) async throws -> JSONRPCRequest {
        let message = try await next(timeout: timeout)
        guard case .request(let request) = message else {
            throw Unexpected(description: "expected a request, got \(message)")
        }
        return request
    }

    /// The next request received, which must have `method`.
    func nextRequest(_ method: String, timeout: Duration = .seconds(5)) async throws -> JSONRPCRequest {
        let request = try await nextRequest(timeout: timeout)
        guard request.method == method else {
            throw Unexpected(description: "expected a \(method) request, got \(request.method)")
        }
        return request
    }

    /// The next notification received (anything else is a failure).
    func nextNotification(timeout: Duration = .seconds(5)) async throws -> JSONRPCNotification {
        let message = try await next(timeout: timeout)
        guard case .notification(let notification) = message else {
            throw Unexpected(description: "expected a notification, got \(message)")
        }
        return notification
    }

    /// The next response or error response received (anything else is a failure).
    func nextResponse(timeout: Duration = .seconds(5)) async throws -> JSONRPCMessage {
        let message = try await next(timeout: timeout)
        switch message {
        case .response, .errorResponse: return message
        default: throw Unexpected(description: "expected a response, got \(message)")
        }
    }

    /// Waits for the connection to end; returns whatever arrived before the end.
    func waitForClose(timeout: Duration = .seconds(5)) async throws -> [JSONRPCMessage] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (ended, messages) = state.withLock { state -> (Bool, [JSONRPCMessage]) in
                guard state.ended else { return (false, []) }
                defer { state.buffer = [] }
                return (true, state.buffer)
            }
            if ended { return messages }
            if ContinuousClock.now >= deadline { throw Unexpected(description: "the connection did not end within \(timeout)") }
            await waitForChange(until: deadline)
        }
    }

    /// Whether the connection has ended.
    var hasEnded: Bool { state.withLock { $0.ended } }

    // MARK: Sending

    func reply(to id: RequestID, _ result: JSONValue) async throws {
        try await transport.send(.response(JSONRPCResponse(id: id, result: result)))
    }

    func reply(to id: RequestID, encoding result: some Encodable) async throws {
        try await reply(to: id, try JSONValue(encoding: result))
    }

    func replyError(to id: RequestID, _ error: MCPError) async throws {
        try await transport.send(.errorResponse(JSONRPCErrorResponse(id: id, error: error)))
    }

    func send(_ message: JSONRPCMessage) async throws {
        try await transport.send(message)
    }

    func notify(_ method: String, _ params: JSONObject? = nil) async throws {
        try await transport.send(.notification(JSONRPCNotification(method: method, params: params)))
    }

    func notify<Params: NotificationParams>(_ params: Params) async throws {
        try await notify(Params.method, try JSONValue(encoding: params).objectValue)
    }

    func request(id: RequestID, _ method: String, _ params: JSONObject? = nil) async throws {
        try await transport.send(.request(JSONRPCRequest(id: id, method: method, params: params)))
    }

    func request<Params: RequestParams>(id: RequestID, _ params: Params) async throws {
        try await request(id: id, Params.method, try JSONValue(encoding: params).objectValue)
    }

    /// Sends raw text as one frame, as if it had arrived on a wire.
    func sendRaw(_ text: String) throws {
        try transport.sendRaw(Array(text.utf8))
    }

    func sendRaw(_ bytes: [UInt8]) throws {
        try transport.sendRaw(bytes)
    }

    // MARK: Handshake

    /// The capabilities a scripted server declares unless told otherwise.
    static let fullServerCapabilities = ServerCapabilities(
        logging: [:],
        completions: [:],
        prompts: .init(listChanged: true),
        resources: .init(subscribe: true, listChanged: true),
        tools: .init(listChanged: true)
    )

    /// Plays the server's part of the handshake: reads `initialize`, answers with `version`,
    /// and reads `notifications/initialized`. Returns the `initialize` request.
    @discardableResult
    func answerInitialize(
        version: ProtocolVersion = .latestLegacy,
        capabilities: ServerCapabilities = ScriptedPeer.fullServerCapabilities,
        serverInfo: Implementation = Implementation(name: "scripted-server", version: "1.0"),
        instructions: String? = nil
    ) async throws -> JSONRPCRequest {
        let initialize = try await nextRequest(InitializeRequestParams.method)
        let result = InitializeResult(protocolVersion: version, capabilities: capabilities, serverInfo: serverInfo, instructions: instructions)
        try await reply(to: initialize.id, encoding: result)
        let initialized = try await nextNotification()
        guard initialized.method == InitializedNotificationParams.method else {
            throw Unexpected(description: "expected notifications/initialized, got \(initialized.method)")
        }
        return initialize
    }
}
