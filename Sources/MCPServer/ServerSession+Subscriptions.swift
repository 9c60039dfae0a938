import MCPCore

/// `subscriptions/listen` (2026-07-28): the request stays open as a stream of the change
/// notifications its filter opted in to.
extension ServerSession {
    /// Serves one listen request until the client cancels it (the task is cancelled, and no
    /// response goes out), the connection closes, or the server ends it (answered with a
    /// `SubscriptionsListenResult`).
    func listen(_ request: JSONRPCRequest, envelope: RequestEnvelope) async throws -> JSONValue {
        let params = try decode(SubscriptionsListenRequestParams.self, request)
        let tag: JSONObject = [MetaKeys.subscriptionID: request.id.jsonValue]
        let (events, continuation) = AsyncStream.makeStream(of: ChangeEvent.self, bufferingPolicy: .bufferingNewest(Subscription.bufferLimit))
        let filter = Subscription.acknowledged(params.notifications, knownTaskIDs: try listenedTasks(params.notifications.taskIDs, envelope: envelope))
        let subscription = Subscription(id: request.id, filter: filter, continuation: continuation)
        // Registered before the acknowledgement so no change in between is lost; the events wait
        // in the stream until the acknowledgement, the stream's first message, is out.
        addListener(subscription)
        defer { removeListener(request.id) }
        await notify(SubscriptionsAcknowledgedNotificationParams(notifications: subscription.filter, meta: tag))
        // Ends on cancellation of this task as well as on `finish()`.
        for await event in events {
            var params = event.params ?? [:]
            params["_meta"] = .object(tag)
            await notify(method: event.method, params: params)
        }
        try Task.checkCancellation()
        return try encode(SubscriptionsListenResult(meta: tag))
    }
}
