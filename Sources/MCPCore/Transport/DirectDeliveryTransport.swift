/// A transport that can hand what it receives straight to a consumer, on the thread that read
/// it, instead of through an asynchronous stream.
///
/// Sessions use this when a transport offers it: a response then resumes its waiting caller
/// without first waking a reader task, one thread hop less per message. Transports that read on
/// their own threads (stdio) benefit; the stream of ``Transport/connect()`` stays the general
/// interface.
public protocol DirectDeliveryTransport: Transport {
    /// Opens the channel and delivers everything it receives to `consumer`, in order.
    ///
    /// `consumer.receive` is called for each event, in order, from one thread at a time, and
    /// `consumer.finish` once at the end (with the failure, or `nil` when the peer or
    /// ``Transport/close()`` ended it cleanly). A close racing the reading thread may let a last
    /// event arrive after `finish`; consumers treat such late events as they would after closing.
    func connect(delivering consumer: TransportConsumer) async throws
}

/// Where a ``DirectDeliveryTransport`` delivers what it receives. The closures run on the
/// transport's reading thread and must not block.
public struct TransportConsumer: Sendable {
    /// Takes one event.
    public var receive: @Sendable (TransportEvent) -> Void
    /// Takes the end of the channel: `nil` for a clean end, else why it failed.
    public var finish: @Sendable ((any Error)?) -> Void

    /// Creates a consumer.
    public init(receive: @escaping @Sendable (TransportEvent) -> Void, finish: @escaping @Sendable ((any Error)?) -> Void) {
        self.receive = receive
        self.finish = finish
    }
}
