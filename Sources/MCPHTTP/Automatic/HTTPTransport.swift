public import MCPCore
import Synchronization

/// Connects to an MCP server at a URL whatever HTTP transport it speaks: Streamable HTTP, and if
/// the server answers the first POST with 400, 404 or 405, the 2024-11-05 HTTP+SSE transport, as
/// the specification's backward-compatibility rules describe.
public final class HTTPTransport: Transport {
    /// Which transport a connection ended up using.
    public enum Kind: Sendable, Hashable {
        /// Streamable HTTP.
        case streamableHTTP
        /// The 2024-11-05 HTTP+SSE transport.
        case serverSentEvents
    }

    private enum Active {
        case undecided(StreamableHTTPTransport)
        case streamable(StreamableHTTPTransport)
        case legacy(SSEClientTransport)
        case closed
    }

    /// The server's URL.
    public let url: String
    /// The transport's settings.
    public let configuration: HTTPTransportConfiguration
    private let active: Mutex<Active>
    private let inbound: AsyncThrowingStream<TransportEvent, any Error>
    private let inboundContinuation: AsyncThrowingStream<TransportEvent, any Error>.Continuation
    private let pumps = Mutex<[Task<Void, Never>]>([])

    /// Creates a transport for the server at `url`.
    public init(url: String, configuration: HTTPTransportConfiguration = .init()) throws {
        self.url = url
        self.configuration = configuration
        self.active = Mutex(.undecided(try StreamableHTTPTransport(url: url, configuration: configuration)))
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
    }

    /// The endpoint's origin.
    public var serverIdentity: String? { HTTPExchange.origin(url) }

    /// Every POST gets an HTTP response.
    public var answersEveryRequest: Bool { true }

    /// The transport in use, once the first message decided it.
    public var kind: Kind? {
        active.withLock { active in
            switch active {
            case .streamable: return .streamableHTTP
            case .legacy: return .serverSentEvents
            default: return nil
            }
        }
    }

    public func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        guard case .undecided(let streamable) = active.withLock({ $0 }) else {
            throw TransportError(.connectionFailed, "an HTTP transport connects once")
        }
        pump(try await streamable.connect(), finishing: false)
        return inbound
    }

    public func send(_ message: JSONRPCMessage) async throws {
        switch active.withLock({ $0 }) {
        case .streamable(let transport):
            try await transport.send(message)
        case .legacy(let transport):
            try await transport.send(message)
        case .closed:
            throw TransportError(.closed, "the HTTP transport is closed")
        case .undecided(let streamable):
            if case .request(let request) = message, request.method == "server/discover" {
                // The era probe: a refusal means "not a stateless server", and the handshake that
                // follows decides between Streamable HTTP and HTTP+SSE.
                try await streamable.send(message)
                active.withLock { if case .undecided = $0 { $0 = .streamable(streamable) } }
                return
            }
            do {
                try await streamable.send(message)
                active.withLock { if case .undecided = $0 { $0 = .streamable(streamable) } }
            } catch let refusal as TransportError where refusal.code == .httpStatus && [400, 404, 405].contains(refusal.statusCode ?? 0) {
                let legacy = try SSEClientTransport(url: url, configuration: configuration)
                let stream: AsyncThrowingStream<TransportEvent, any Error>
                do {
                    stream = try await legacy.connect()
                } catch {
                    await legacy.close()
                    throw TransportError(
                        .connectionFailed,
                        "the server refused Streamable HTTP (\(refusal)) and the HTTP+SSE fallback failed too: \(error)",
                        underlyingError: error
                    )
                }
                await streamable.close()
                active.withLock { $0 = .legacy(legacy) }
                pump(stream, finishing: true)
                try await legacy.send(message)
            }
        }
    }

    public func close() async {
        let previous = active.withLock { active -> Active in
            defer { active = .closed }
            return active
        }
        switch previous {
        case .undecided(let transport), .streamable(let transport): await transport.close()
        case .legacy(let transport): await transport.close()
        case .closed: break
        }
        for task in pumps.withLock({ $0 }) { await task.value }
        inboundContinuation.finish()
    }

    /// Forwards what a transport receives. The abandoned Streamable HTTP transport's end is not
    /// the connection's end (`finishing: false` until it is the one in use).
    private func pump(_ stream: AsyncThrowingStream<TransportEvent, any Error>, finishing: Bool) {
        let continuation = inboundContinuation
        let task = Task {
            do {
                var decided = finishing
                for try await event in stream {
                    if !decided, case .message = event {
                        // A message over Streamable HTTP decides it, before anyone sees the
                        // message (the sender learns it only once its POST has returned).
                        active.withLock { if case .undecided(let streamable) = $0 { $0 = .streamable(streamable) } }
                        decided = true
                    }
                    continuation.yield(event)
                }
                if finishing || self.kind == .streamableHTTP { continuation.finish() }
            } catch {
                if finishing || self.kind == .streamableHTTP { continuation.finish(throwing: error) }
            }
        }
        pumps.withLock { $0.append(task) }
    }
}
