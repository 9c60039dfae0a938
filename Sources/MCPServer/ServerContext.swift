public import MCPCore

/// What a server handler can do while it answers a request: report progress, log, and ask the
/// client for sampling, elicitation or its roots.
public struct ServerContext: Sendable {
    /// The id of the request being answered.
    public let requestID: RequestID
    /// The request's `_meta`, if any.
    public let meta: JSONObject?
    /// The client's declared capabilities.
    public let clientCapabilities: ClientCapabilities
    /// The client's name and version.
    public let clientInfo: Implementation?
    /// The protocol version of the connection.
    public let protocolVersion: ProtocolVersion
    let session: ServerSession

    /// The progress token the client sent, if it asked for progress.
    public var progressToken: ProgressToken? {
        meta?[MetaKeys.progressToken].flatMap(ProgressToken.init(jsonValue:))
    }

    /// Reports progress, if the client asked for it (otherwise does nothing).
    public func reportProgress(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        guard let progressToken else { return }
        await session.notify(ProgressNotificationParams(progressToken: progressToken, progress: progress, total: total, message: message))
    }

    /// Sends a log message, if its level is at or above the level the client asked for.
    public func log(_ level: LoggingLevel, _ data: JSONValue, logger: String? = nil) async {
        await session.log(level, data, logger: logger)
    }

    /// Asks the client to sample its language model.
    public func createMessage(_ params: CreateMessageRequestParams, options: RequestOptions = .default) async throws -> CreateMessageResult {
        try await session.request(params, options: options)
    }

    /// Asks the client to elicit information from its user.
    public func elicit(_ params: ElicitRequestParams, options: RequestOptions = .default) async throws -> ElicitResult {
        try await session.request(params, options: options)
    }

    /// Asks the client for its roots.
    public func listRoots(options: RequestOptions = .default) async throws -> [Root] {
        try await session.request(ListRootsRequestParams(), options: options).roots
    }

    /// Sends any request to the client.
    public func send<Params: RequestParams>(_ params: Params, options: RequestOptions = .default) async throws -> Params.Result {
        try await session.request(params, options: options)
    }

    /// Sends any notification to the client.
    public func notify<Params: NotificationParams>(_ params: Params) async {
        await session.notify(params)
    }
}
