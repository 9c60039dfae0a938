import Synchronization

/// A pair of connected transports in one process, for tests and for embedding a server in an app.
///
/// By default every message is serialised to JSON text and parsed again on the other side, so the
/// in-memory path exercises exactly the encoding a real transport would.
///
/// ```swift
/// let (clientSide, serverSide) = InMemoryTransport.makePair()
/// ```
public final class InMemoryTransport: Transport {
    private let inbox: Mailbox
    private let peerInbox: Mailbox
    private let serializesMessages: Bool

    private init(inbox: Mailbox, peerInbox: Mailbox, serializesMessages: Bool) {
        self.inbox = inbox
        self.peerInbox = peerInbox
        self.serializesMessages = serializesMessages
    }

    /// Creates two transports connected to each other.
    ///
    /// - Parameter serializingMessages: Whether messages go through JSON text on their way
    ///   (default `true`); `false` hands the values over directly.
    public static func makePair(serializingMessages: Bool = true) -> (client: InMemoryTransport, server: InMemoryTransport) {
        let clientInbox = Mailbox()
        let serverInbox = Mailbox()
        return (
            InMemoryTransport(inbox: clientInbox, peerInbox: serverInbox, serializesMessages: serializingMessages),
            InMemoryTransport(inbox: serverInbox, peerInbox: clientInbox, serializesMessages: serializingMessages)
        )
    }

    public func connect() async throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try inbox.takeStream()
    }

    public func send(_ message: JSONRPCMessage) async throws {
        guard !inbox.isClosed else { throw TransportError(.closed, "the in-memory transport is closed") }
        if serializesMessages {
            try sendRaw(message.jsonBytes())
        } else {
            try peerInbox.deliver(.message(message))
        }
    }

    /// Delivers raw bytes to the peer as one frame, as if they had arrived on a wire. Lets tests
    /// send malformed or unusual input.
    public func sendRaw(_ bytes: [UInt8]) throws {
        guard !inbox.isClosed else { throw TransportError(.closed, "the in-memory transport is closed") }
        for decoded in JSONRPCMessage.decodeFrame(bytes) {
            switch decoded {
            case .success(let message): try peerInbox.deliver(.message(message))
            case .failure(let error): try peerInbox.deliver(.invalidMessage(error))
            }
        }
    }

    /// Closes both directions; the peer's inbound stream finishes.
    public func close() async {
        inbox.finish(throwing: nil)
        peerInbox.finish(throwing: nil)
    }

    /// Breaks this side's inbound stream with `error`, as a failing connection would, and closes
    /// the peer's direction. For tests of failure handling.
    public func fail(with error: any Error) {
        inbox.finish(throwing: error)
        peerInbox.finish(throwing: nil)
    }
}

/// One direction of an in-memory pair.
private final class Mailbox: Sendable {
    private struct State {
        var streamTaken = false
        var closed = false
    }

    private let stream: AsyncThrowingStream<TransportEvent, any Error>
    private let continuation: AsyncThrowingStream<TransportEvent, any Error>.Continuation
    private let state = Mutex(State())

    init() {
        (stream, continuation) = AsyncThrowingStream.makeStream(of: TransportEvent.self)
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    func takeStream() throws -> AsyncThrowingStream<TransportEvent, any Error> {
        try state.withLock { state in
            guard !state.streamTaken else {
                throw TransportError(.connectionFailed, "the in-memory transport is already connected")
            }
            state.streamTaken = true
            return stream
        }
    }

    func deliver(_ event: TransportEvent) throws {
        if case .terminated = continuation.yield(event) {
            throw TransportError(.closed, "the in-memory peer is closed")
        }
    }

    func finish(throwing error: (any Error)?) {
        state.withLock { $0.closed = true }
        continuation.finish(throwing: error)
    }
}
