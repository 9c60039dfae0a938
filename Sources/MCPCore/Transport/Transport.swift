/// A channel that carries JSON-RPC messages between an MCP client and an MCP server.
///
/// Transports move messages; the session above them matches responses to requests, applies
/// timeouts and runs handlers. A transport is used by one session: ``connect()`` is called once,
/// then ``send(_:)`` any number of times (concurrently: implementations must serialise writes),
/// then ``close()``.
///
/// Conforming types in this package: ``InMemoryTransport``; the stdio, HTTP and WebSocket
/// transports live in their own modules so users only build what they use.
public protocol Transport: Sendable {
    /// Opens the channel and returns what it receives.
    ///
    /// The stream finishes when the peer ends the connection cleanly and throws (a
    /// ``TransportError`` where possible) when the connection fails. Frames that are not valid
    /// JSON-RPC arrive as ``TransportEvent/invalidMessage(_:)`` and do not end the stream.
    func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error>

    /// Sends one message.
    ///
    /// - Throws: ``TransportError`` if the channel is closed or the write fails.
    func send(_ message: JSONRPCMessage) async throws

    /// Closes the channel and releases its resources. Idempotent. The inbound stream finishes.
    func close() async

    /// What identifies the server at the other end across connections (a stdio command line, an
    /// HTTP origin), or `nil` if nothing does. Clients key what they learn about a server by it,
    /// such as which protocol era it speaks.
    var serverIdentity: String? { get }

    /// Whether every request gets an answer at the transport level (an HTTP response), so a
    /// server cannot simply stay silent. Era detection then waits as long as any request rather
    /// than the short discovery timeout, which could otherwise expire while a user is still
    /// authorizing in a browser.
    var answersEveryRequest: Bool { get }

    /// An executor that runs on the thread where this transport receives, or `nil`.
    ///
    /// Tasks that prefer it (`withTaskExecutorPreference`) take their responses without a hop to
    /// the global concurrent pool. Stdio offers its reading thread; by default there is none.
    var preferredTaskExecutor: (any TaskExecutor)? { get }
}

extension Transport {
    /// By default a transport names no server.
    public var serverIdentity: String? { nil }
    /// By default a server may stay silent.
    public var answersEveryRequest: Bool { false }
    /// By default a transport has no executor of its own.
    public var preferredTaskExecutor: (any TaskExecutor)? { nil }
}

/// Something a transport received.
public enum TransportEvent: Sendable {
    /// A JSON-RPC message.
    case message(JSONRPCMessage)
    /// A frame that could not be read as a JSON-RPC message. The connection carries on.
    case invalidMessage(InvalidMessageError)
    /// The transport lost the way to the response of one request (an HTTP event stream that
    /// could not be resumed, say); that request fails with this error, the others carry on.
    case requestFailed(RequestID, TransportError)
}
