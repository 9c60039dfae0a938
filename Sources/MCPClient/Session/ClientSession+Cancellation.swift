public import MCPCore

extension ClientSession {
    /// Cancels a request in flight by its id: its caller gets a `CancellationError` and the
    /// server is sent `notifications/cancelled`. Does nothing if the request already ended.
    ///
    /// Cancelling the task that awaits a request does the same; use this when another part of
    /// the program decides (learn the id with ``RequestOptions/onRequestID``).
    public func cancel(requestID: RequestID, reason: String = "Cancelled by the client") {
        connection.cancelRequest(requestID, reason: reason)
    }
}
