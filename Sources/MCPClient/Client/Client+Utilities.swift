public import MCPCore

extension Client {
    /// Checks that the server is alive and answering.
    public func ping(options: RequestOptions = .default) async throws {
        if isStateless {
            // The stateless protocol has no ping; server/discover is its cheapest round trip.
            _ = try await send(DiscoverRequestParams(), options: options)
        } else {
            _ = try await send(PingRequestParams(), options: options)
        }
    }

    /// Asks the server to send log messages at `level` and above.
    ///
    /// With a handshake protocol this sends `logging/setLevel`; with the 2026-07-28 protocol,
    /// where each request opts in to logging itself, every later request asks for `level`.
    public func setLoggingLevel(_ level: LoggingLevel, options: RequestOptions = .default) async throws {
        let session = try session()
        if case .modern = session.era {
            session.setRequestLogLevel(level)
        } else {
            _ = try await session.send(SetLevelRequestParams(level: level), options: options)
        }
    }

    /// Asks the server to complete an argument of a prompt or resource template.
    ///
    /// - Parameters:
    ///   - argument: The argument's name.
    ///   - value: What the user has typed so far.
    ///   - reference: The prompt or resource template the argument belongs to.
    ///   - context: Values of other arguments already chosen.
    public func complete(
        argument: String,
        value: String,
        in reference: CompletionReference,
        context: [String: String]? = nil,
        options: RequestOptions = .default
    ) async throws -> CompleteResult {
        try await send(
            CompleteRequestParams(
                ref: reference,
                argument: .init(name: argument, value: value),
                context: context.map { .init(arguments: $0) }
            ),
            options: options
        )
    }

    /// Tells the server the client's roots changed (`notifications/roots/list_changed`).
    public func sendRootsListChanged() async throws {
        try await session().notify(RootsListChangedNotificationParams())
    }

    /// Reports progress on a request the server sent to this client.
    public func sendProgressNotification(token: ProgressToken, progress: Double, total: Double? = nil, message: String? = nil) async throws {
        try await session().notify(ProgressNotificationParams(progressToken: token, progress: progress, total: total, message: message))
    }

    /// Cancels a request in flight by its id (see ``RequestOptions/onRequestID``): its caller
    /// gets a `CancellationError` and the server is told.
    public func cancel(requestID: RequestID, reason: String = "Cancelled by the client") throws {
        try session().cancel(requestID: requestID, reason: reason)
    }
}
