public import MCPCore

/// What a server handler can do while it answers a request: report progress, log, and ask the
/// client for sampling, elicitation or its roots.
///
/// The same calls work in both protocol eras. In the handshake era, a question to the client is a
/// request of the server's own. In the stateless era (2026-07-28) it becomes a multi round-trip
/// request: the first time, the question goes back to the client in an `input_required` result
/// and the call throws ``ClientInputPending``; the client retries with the answer, the handler
/// runs again from the start, and this time the call returns the answer. So keep what a handler
/// does before its questions repeatable (see ``MCPServer`` for the details).
public struct ServerContext: Sendable {
    /// Which protocol rules the request is answered under.
    enum Scope: Sendable {
        /// A handshake-era session: the session's log level, server-to-client requests.
        case session
        /// A 2026-07-28 request: its own metadata, and the round of questions if the method may
        /// ask any (`tools/call`, `prompts/get`, `resources/read`).
        case stateless(RequestEnvelope, InputRound?)
    }

    /// The id of the request being answered.
    public let requestID: RequestID
    /// The method of the request being answered.
    public let method: String
    /// The request's `_meta`, if any.
    public let meta: JSONObject?
    /// The client's declared capabilities: from `initialize`, or (2026-07-28) from this request.
    public let clientCapabilities: ClientCapabilities
    /// The client's name and version.
    public let clientInfo: Implementation?
    /// The protocol version of the connection, or (2026-07-28) of this request.
    public let protocolVersion: ProtocolVersion
    let session: ServerSession
    let scope: Scope

    /// Whether the request is answered under the stateless protocol (2026-07-28 and later).
    public var isStateless: Bool {
        if case .stateless = scope { return true }
        return false
    }

    /// The progress token the client sent, if it asked for progress.
    public var progressToken: ProgressToken? {
        meta?[MetaKeys.progressToken].flatMap(ProgressToken.init(jsonValue:))
    }

    /// Reports progress, if the client asked for it (otherwise does nothing).
    public func reportProgress(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        guard let progressToken else { return }
        await session.notify(ProgressNotificationParams(progressToken: progressToken, progress: progress, total: total, message: message))
    }

    /// Sends a log message, if its level is at or above the level the client asked for: with
    /// `logging/setLevel` for the session, or (2026-07-28) in this request's `_meta`; a stateless
    /// request without a log level gets no log messages at all.
    public func log(_ level: LoggingLevel, _ data: JSONValue, logger: String? = nil) async {
        switch scope {
        case .session:
            await session.log(level, data, logger: logger)
        case .stateless(let envelope, _):
            guard envelope.allowsLog(level) else { return }
            await session.notify(LoggingMessageNotificationParams(level: level, logger: logger, data: data))
        }
    }

    /// Asks the client to sample its language model.
    public func createMessage(_ params: CreateMessageRequestParams, options: RequestOptions = .default) async throws -> CreateMessageResult {
        try await send(params, options: options)
    }

    /// Asks the client to elicit information from its user.
    public func elicit(_ params: ElicitRequestParams, options: RequestOptions = .default) async throws -> ElicitResult {
        try await send(params, options: options)
    }

    /// Asks the client for its roots.
    public func listRoots(options: RequestOptions = .default) async throws -> [Root] {
        try await send(ListRootsRequestParams(), options: options).roots
    }

    /// Sends any request to the client.
    ///
    /// In the stateless protocol only the three questions of multi round-trip requests exist
    /// (sampling, elicitation, roots), and only while answering `tools/call`, `prompts/get` or
    /// `resources/read`; anything else fails with an internal error. `options` apply only to
    /// handshake-era requests.
    public func send<Params: RequestParams>(_ params: Params, options: RequestOptions = .default) async throws -> Params.Result {
        switch scope {
        case .session:
            return try await session.request(params, options: options)
        case .stateless(_, let round):
            guard let round else {
                throw MCPError.internalError("\(method) cannot ask the client for input in protocol \(protocolVersion)")
            }
            let question = try JSONValue(encoding: ["method": .string(Params.method), "params": try JSONValue(encoding: params)] as JSONObject)
                .decode(InputRequest.self)
            if case .unknown(let method, _) = question {
                throw MCPError.internalError("\(method) is not a question a server can ask in protocol \(protocolVersion)")
            }
            return try round.ask(question, answer: Params.Result.self)
        }
    }

    /// Sends any notification to the client.
    public func notify<Params: NotificationParams>(_ params: Params) async {
        await session.notify(params)
    }
}
