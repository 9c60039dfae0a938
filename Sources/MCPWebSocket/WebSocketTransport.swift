public import HTTPTypes
import Logging
public import MCPCore
import Synchronization
import WSClient

/// MCP over a WebSocket: subprotocol `mcp`, one JSON-RPC message per text frame.
///
/// ```swift
/// try await withClient(connectingTo: WebSocketTransport(url: "ws://127.0.0.1:8000/ws")) { client in … }
/// ```
public final class WebSocketTransport: Transport {
    /// Settings of a WebSocket transport.
    public struct Configuration: Sendable {
        /// Headers added to the opening handshake (for example `Authorization`).
        public var headers: HTTPFields
        /// A bearer token sent as `Authorization: Bearer …` (never logged).
        public var bearerToken: String?
        /// The largest message accepted, in bytes.
        public var maximumMessageSize: Int
        /// How long to wait for the connection to open.
        public var connectTimeout: Duration

        /// Creates a configuration.
        public init(headers: HTTPFields = [:], bearerToken: String? = nil, maximumMessageSize: Int = 256 << 20, connectTimeout: Duration = .seconds(30)) {
            self.headers = headers
            self.bearerToken = bearerToken
            self.maximumMessageSize = maximumMessageSize
            self.connectTimeout = connectTimeout
        }
    }

    private struct State {
        var connected = false
        var closed = false
        var connection: Task<Void, Never>?
    }

    /// The server's WebSocket URL (`ws:` or `wss:`).
    public let url: String
    /// The transport's settings.
    public let configuration: Configuration
    private let state = Mutex(State())
    private let inbound: AsyncThrowingStream<TransportEvent, any Error>
    private let inboundContinuation: AsyncThrowingStream<TransportEvent, any Error>.Continuation
    private let outbound: AsyncStream<String>
    private let outboundContinuation: AsyncStream<String>.Continuation

    /// Creates a transport for the WebSocket at `url`.
    public init(url: String, configuration: Configuration = .init()) throws {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("ws://") || lowered.hasPrefix("wss://") else {
            throw TransportError(.connectionFailed, "not a ws(s) URL: \(url)")
        }
        self.url = url
        self.configuration = configuration
        (inbound, inboundContinuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
        (outbound, outboundContinuation) = AsyncStream.makeStream(of: String.self)
    }

    public func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try state.withLock { state in
            guard !state.connected else { throw TransportError(.connectionFailed, "a WebSocket transport connects once") }
            state.connected = true
        }
        var clientConfiguration = WebSocketClientConfiguration(maxFrameSize: min(configuration.maximumMessageSize, Int(Int32.max)))
        var headers = configuration.headers
        headers[HTTPField.Name("Sec-WebSocket-Protocol")!] = "mcp"
        if let token = configuration.bearerToken { headers[.authorization] = "Bearer \(token)" }
        clientConfiguration.additionalHeaders = headers
        let logger = Logger(label: "mcp.websocket", factory: { _ in SwiftLogNoOpLogHandler() })

        let (opened, open) = AsyncStream.makeStream(of: Result<Void, any Error>.self)
        let maximumSize = configuration.maximumMessageSize
        let outbound = self.outbound
        let inboundContinuation = self.inboundContinuation
        let connection = Task {
            var failure: (any Error)?
            do {
                try await WebSocketClient.connect(url: url, configuration: clientConfiguration, logger: logger) { inbound, writer, _ in
                    open.yield(.success(()))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await text in outbound { try await writer.write(.text(text)) }
                            try await writer.close(.normalClosure, reason: nil)
                        }
                        group.addTask {
                            for try await message in inbound.messages(maxSize: maximumSize) {
                                let events: [Result<JSONRPCMessage, InvalidMessageError>]
                                switch message {
                                case .text(let text): events = JSONRPCMessage.decodeFrame(Array(text.utf8))
                                case .binary(let buffer): events = JSONRPCMessage.decodeFrame(Array(buffer.readableBytesView))
                                }
                                for event in events {
                                    switch event {
                                    case .success(let message): inboundContinuation.yield(.message(message))
                                    case .failure(let error): inboundContinuation.yield(.invalidMessage(error))
                                    }
                                }
                            }
                        }
                        // Whichever side ends first ends the connection.
                        try await group.next()
                        group.cancelAll()
                    }
                }
            } catch {
                failure = error
                open.yield(.failure(error))
            }
            open.finish()
            if self.state.withLock({ $0.closed }) || failure == nil {
                inboundContinuation.finish()
            } else {
                inboundContinuation.finish(throwing: TransportError(.ioFailed, "the WebSocket connection failed: \(failure!)", underlyingError: failure))
            }
        }
        state.withLock { $0.connection = connection }

        let timeout = Task {
            try? await Task.sleep(for: configuration.connectTimeout)
            open.yield(.failure(TransportError(.connectionFailed, "the WebSocket did not open in time")))
        }
        defer { timeout.cancel() }
        var iterator = opened.makeAsyncIterator()
        switch await iterator.next() {
        case .success?:
            return inbound
        case .failure(let error)?:
            connection.cancel()
            throw TransportError(.connectionFailed, "could not open the WebSocket \(url): \(error)", underlyingError: error)
        case nil:
            throw TransportError(.connectionFailed, "could not open the WebSocket \(url)")
        }
    }

    public func send(_ message: JSONRPCMessage) async throws {
        guard state.withLock({ !$0.closed && $0.connection != nil }) else {
            throw TransportError(.closed, "the WebSocket transport is closed")
        }
        let text = String(decoding: message.jsonBytes(), as: UTF8.self)
        if case .terminated = outboundContinuation.yield(text) {
            throw TransportError(.closed, "the WebSocket connection is closed")
        }
    }

    public func close() async {
        let connection = state.withLock { state -> Task<Void, Never>? in
            guard !state.closed else { return nil }
            state.closed = true
            return state.connection
        }
        outboundContinuation.finish()
        guard let connection else {
            inboundContinuation.finish()
            return
        }
        // Closing the outbound side sends a close frame; don't wait forever for the server's.
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(2))
            connection.cancel()
        }
        await connection.value
        watchdog.cancel()
    }
}
