import MCPCore
import MCPServer
import Synchronization
import Testing

/// A client written at the JSON-RPC level, connected to an ``MCPServer`` through an in-memory
/// pair: sends exactly what a test says and records every message the server sends.
final class WirePeer: Sendable {
    struct Timeout: Error, CustomStringConvertible {
        let what: String
        var description: String { "timed out waiting for \(what)" }
    }

    private let transport: InMemoryTransport
    /// The messages received, filled by the reader task.
    private final class Inbox: Sendable {
        let messages = Mutex<[JSONRPCMessage]>([])
    }

    private let received = Inbox()
    private let nextID = Mutex(100)
    private let reader: Task<Void, Never>
    private let serving: Task<Void, Never>

    init(_ server: MCPServer) async throws {
        let (clientSide, serverSide) = InMemoryTransport.makePair()
        serving = Task { try? await server.serve(serverSide) }
        let inbound = try await clientSide.connect()
        transport = clientSide
        let received = self.received
        reader = Task {
            do {
                for try await event in inbound {
                    if case .message(let message) = event { received.messages.withLock { $0.append(message) } }
                }
            } catch {
                // The connection failed: the tests see missing messages.
            }
        }
    }

    /// Runs `body` with a peer and closes it afterwards.
    static func with<T>(_ server: MCPServer, _ body: (WirePeer) async throws -> T) async throws -> T {
        let peer = try await WirePeer(server)
        do {
            let result = try await body(peer)
            await peer.close()
            return result
        } catch {
            await peer.close()
            throw error
        }
    }

    func close() async {
        await transport.close()
        await serving.value
        reader.cancel()
        await reader.value
    }

    /// Sends a request and returns its id.
    @discardableResult
    func send(_ method: String, _ params: JSONObject? = nil, id: RequestID? = nil) async throws -> RequestID {
        let id = id ?? .int(nextID.withLock { value in
            value += 1
            return value
        })
        try await transport.send(.request(JSONRPCRequest(id: id, method: method, params: params)))
        return id
    }

    /// Answers a request of the server's.
    func reply(to id: RequestID, _ result: JSONValue) async throws {
        try await transport.send(.response(JSONRPCResponse(id: id, result: result)))
    }

    func notify(_ method: String, _ params: JSONObject? = nil) async throws {
        try await transport.send(.notification(JSONRPCNotification(method: method, params: params)))
    }

    /// Every message received so far.
    var messages: [JSONRPCMessage] { received.messages.withLock { $0 } }

    /// The notifications received so far, optionally only those of `method`.
    func notifications(_ method: String? = nil) -> [JSONRPCNotification] {
        messages.compactMap { message in
            guard case .notification(let notification) = message, method == nil || notification.method == method else { return nil }
            return notification
        }
    }

    /// The response (result or error) to request `id`, if it has arrived.
    func response(to id: RequestID) -> JSONRPCMessage? {
        messages.first { message in
            switch message {
            case .response(let response): return response.id == id
            case .errorResponse(let response): return response.id == id
            default: return false
            }
        }
    }

    /// Waits for the response to `id`.
    func awaitResponse(to id: RequestID, timeout: Duration = .seconds(30)) async throws -> JSONRPCMessage {
        try await waitFor("the response to \(id)", timeout: timeout) { self.response(to: id) }
    }

    /// Waits for the result of `id`, failing the test if it is an error.
    func result(of id: RequestID) async throws -> JSONObject {
        let message = try await awaitResponse(to: id)
        guard case .response(let response) = message, let object = response.result.objectValue else {
            Issue.record("expected a result for \(id), got \(message.jsonValue.jsonString())")
            return [:]
        }
        return object
    }

    /// Waits for the error answering `id`, failing the test if it is a result.
    func error(of id: RequestID) async throws -> MCPError {
        let message = try await awaitResponse(to: id)
        guard case .errorResponse(let response) = message else {
            Issue.record("expected an error for \(id), got \(message.jsonValue.jsonString())")
            return MCPError.internalError("no error")
        }
        return response.error
    }

    /// Sends a request and waits for its result.
    func request(_ method: String, _ params: JSONObject? = nil) async throws -> JSONObject {
        try await result(of: try await send(method, params))
    }

    /// Sends a request and waits for its error.
    func failingRequest(_ method: String, _ params: JSONObject? = nil) async throws -> MCPError {
        try await error(of: try await send(method, params))
    }

    /// Waits until `count` notifications of `method` have arrived, and returns them all.
    func awaitNotifications(_ method: String, count: Int = 1, timeout: Duration = .seconds(30)) async throws -> [JSONRPCNotification] {
        try await waitFor("\(count) × \(method)", timeout: timeout) {
            let found = self.notifications(method)
            return found.count >= count ? found : nil
        }
    }

    private func waitFor<T>(_ what: String, timeout: Duration, _ probe: () -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = probe() { return found }
            try await Task.sleep(for: .milliseconds(5))
        }
        if let found = probe() { return found }
        throw Timeout(what: what)
    }

    /// Gives the server time to send anything it would send (for asserting that it did not).
    func settle() async throws {
        try await Task.sleep(for: .milliseconds(200))
    }
}

/// The 2026-07-28 per-request metadata.
func envelope(
    version: String = "2026-07-28",
    capabilities: JSONObject = [:],
    logLevel: String? = nil,
    extra: JSONObject = [:]
) -> JSONObject {
    var meta: JSONObject = [
        MetaKeys.protocolVersion: .string(version),
        MetaKeys.clientCapabilities: .object(capabilities),
        MetaKeys.clientInfo: ["name": "wire-test", "version": "1.0"],
    ]
    if let logLevel { meta[MetaKeys.logLevel] = .string(logLevel) }
    meta.merge(extra)
    return meta
}

/// `params` with the 2026-07-28 metadata added.
func stateless(_ params: JSONObject = [:], capabilities: JSONObject = [:], logLevel: String? = nil, extra: JSONObject = [:]) -> JSONObject {
    var params = params
    params["_meta"] = .object(envelope(capabilities: capabilities, logLevel: logLevel, extra: extra))
    return params
}

/// The `initialize` parameters of a handshake-era client.
let initializeParams: JSONObject = [
    "protocolVersion": "2025-11-25",
    "capabilities": [:],
    "clientInfo": ["name": "wire-test", "version": "1.0"],
]

/// Opens a handshake-era session on `peer`.
func handshake(_ peer: WirePeer) async throws {
    _ = try await peer.request("initialize", initializeParams)
    try await peer.notify("notifications/initialized")
}
