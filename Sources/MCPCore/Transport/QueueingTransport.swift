/// A transport whose sends never wait for long: they queue the message behind earlier ones and
/// write it when the channel accepts it (the stdio pipe).
///
/// The connection sends requests over such a transport from the caller's task, instead of from a
/// task of its own that keeps a blocking send from holding off timeouts and cancellation: one
/// task creation, one thread wake-up and one continuation less per request.
package protocol QueueingTransport: Transport {
    /// Queues `message` behind every message sent or queued before it and returns without
    /// waiting for it to be written.
    ///
    /// `completion` is called once: with `nil` when the message has been written, with the error
    /// when it cannot be (the channel is closed or failed). It may be called before this returns,
    /// so callers must not hold a lock it takes.
    ///
    /// With `coalescing`, the caller expects more messages right behind this one (other requests
    /// are in flight, so their callers are about to send again): the transport may hold the
    /// message briefly, to write it together with them.
    func enqueue(_ message: JSONRPCMessage, coalescing: Bool, completion: @escaping @Sendable ((any Error)?) -> Void)
}
