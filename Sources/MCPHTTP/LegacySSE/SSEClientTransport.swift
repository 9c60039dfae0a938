import AsyncHTTPClient
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import MCPCore
import NIOCore
import NIOHTTP1
import Synchronization

/// The HTTP+SSE transport of protocol 2024-11-05: a long-lived GET event stream carries the
/// server's messages, and the client POSTs its own to the endpoint the stream announces first.
///
/// The announced endpoint must be on the same origin as the stream, or the connection is refused.
public final class SSEClientTransport: Transport {
    /// The event stream's URL.
    public let url: String
    /// The event stream's origin.
    public var serverIdentity: String? { HTTPExchange.origin(url) }

    /// The transport's settings.
    public let configuration: HTTPTransportConfiguration

    private struct State {
        var connected = false
        var closed = false
        var endpoint: String?
        var reader: Task<Void, Never>?
    }

    private let exchange: HTTPExchange
    private let state = Mutex(State())
    private let inbound: AsyncThrowingStream<TransportEvent, any Error>
    private let inboundContinuation: AsyncThrowingStream<TransportEvent, any Error>.Continuation

    /// Creates a transport for the event stream at `url`.
    public init(url: String, configuration: HTTPTransportConfiguration = .init()) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https", parsed.host != nil else {
            throw TransportError(.connectionFailed, "not an http(s) URL: \(url)")
        }
        self.url = url
        self.configuration = configuration
        self.exchange = HTTPExchange(url: parsed, configuration: configuration)
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
    }

    /// The endpoint messages are posted to, once the server announced it.
    public var endpoint: String? { state.withLock { $0.endpoint } }

    /// Opens the event stream and waits for the server to announce its endpoint.
    public func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try state.withLock { state in
            guard !state.connected else { throw TransportError(.connectionFailed, "an HTTP transport connects once") }
            state.connected = true
        }
        let request = exchange.makeRequest(.GET, url: url, extraHeaders: ["Accept": "text/event-stream"])
        let response = try await exchange.execute(request)
        guard response.status.code == 200, response.isEventStream else {
            _ = try? await response.collectBody(limit: 64 * 1024)
            throw TransportError(
                .httpStatus,
                "the SSE endpoint answered HTTP \(response.status.code) instead of an event stream",
                statusCode: Int(response.status.code)
            )
        }
        let (announced, announce) = AsyncStream.makeStream(of: Result<String, TransportError>.self)
        let reader = Task { await self.read(response, announce: announce) }
        state.withLock { $0.reader = reader }
        let timeout = Task {
            try? await Task.sleep(for: configuration.connectTimeout)
            announce.yield(.failure(TransportError(.connectionFailed, "the server did not announce its endpoint in time")))
        }
        defer { timeout.cancel() }
        var iterator = announced.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let endpoint)?:
            state.withLock { $0.endpoint = endpoint }
            return inbound
        case .failure(let error)?:
            reader.cancel()
            throw error
        case nil:
            reader.cancel()
            throw TransportError(.connectionFailed, "the event stream ended before the endpoint was announced")
        }
    }

    private func read(_ response: HTTPClientResponse, announce: AsyncStream<Result<String, TransportError>>.Continuation) async {
        var parser = ServerSentEventParser()
        var announced = false
        var failure: (any Error)?
        do {
            try await response.readEvents(parser: &parser, maximumEventSize: configuration.maximumMessageSize) { event in
                switch event.type {
                case "endpoint" where !announced:
                    announced = true
                    let reference = event.text.trimmingWhitespace
                    guard let resolved = HTTPExchange.resolve(reference, against: url),
                        HTTPExchange.origin(resolved) == HTTPExchange.origin(url)
                    else {
                        announce.yield(.failure(TransportError(.protocolViolation, "refused the endpoint \(reference): not on the stream's origin")))
                        return
                    }
                    announce.yield(.success(resolved))
                case "message":
                    guard !event.data.isEmpty else { return }
                    for decoded in JSONRPCMessage.decodeFrame(event.data).transportEvents {
                        inboundContinuation.yield(decoded)
                    }
                default:
                    break
                }
            }
        } catch {
            failure = error
        }
        announce.finish()
        let closing = state.withLock { $0.closed }
        if closing || Task.isCancelled {
            inboundContinuation.finish()
        } else {
            inboundContinuation.finish(throwing: TransportError(
                .ioFailed,
                "the server closed the event stream\(failure.map { ": \($0)" } ?? "")",
                underlyingError: failure
            ))
        }
    }

    public func send(_ message: JSONRPCMessage) async throws {
        let endpoint = try state.withLock { state -> String in
            guard !state.closed else { throw TransportError(.closed, "the SSE transport is closed") }
            guard let endpoint = state.endpoint else { throw TransportError(.closed, "the SSE transport is not connected") }
            return endpoint
        }
        var request = exchange.makeRequest(.POST, url: endpoint, extraHeaders: ["Content-Type": "application/json"])
        request.body = .bytes(ByteBuffer(bytes: message.jsonBytes()))
        let response = try await exchange.execute(request)
        let body = try? await response.collectBody(limit: 64 * 1024)
        guard (200..<300).contains(response.status.code) else {
            let text = body.map { String(decoding: $0.readableBytesView.prefix(300), as: UTF8.self) } ?? ""
            throw TransportError(.httpStatus, "posting the message failed with HTTP \(response.status.code): \(text)", statusCode: Int(response.status.code))
        }
    }

    public func close() async {
        let reader = state.withLock { state -> Task<Void, Never>? in
            guard !state.closed else { return nil }
            state.closed = true
            return state.reader
        }
        reader?.cancel()
        await reader?.value
        inboundContinuation.finish()
        await exchange.shutdown()
    }
}

extension String {
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
