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
///
/// When the server runs a tool call as a task (see ``MCPServer/TaskSettings``), the handler runs
/// once, in the background, and ``taskID`` names the task. Its questions then wait as long as the
/// task lives instead of being replayed: a request tagged with the task in 2025-11-25, an entry
/// of the task's `inputRequests` answered by `tasks/update` in the 2026-07-28 extension.
public struct ServerContext: Sendable {
    /// Which protocol rules the request is answered under.
    enum Scope: Sendable {
        /// A handshake-era session: the session's log level, server-to-client requests.
        case session
        /// A 2026-07-28 request: its own metadata, and the round of questions if the method may
        /// ask any (`tools/call`, `prompts/get`, `resources/read`).
        case stateless(RequestEnvelope, InputRound?)
        /// A 2025-11-25 task of a handshake-era session: questions are requests of the server's
        /// own tagged with the task, which is `input_required` while they are out.
        case sessionTask(TaskHandle)
        /// An `io.modelcontextprotocol/tasks` task created by a 2026-07-28 request: questions
        /// become the task's `inputRequests`, answered through `tasks/update`.
        case statelessTask(RequestEnvelope, TaskHandle)
    }

    /// The task a handler runs for, and the store that keeps it.
    struct TaskHandle: Sendable {
        let id: String
        let store: TaskStore

        /// The `_meta` member tying a message to the task.
        var relatedTaskMeta: JSONObject {
            [MetaKeys.relatedTask: ["taskId": .string(id)]]
        }
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
    var scope: Scope

    /// Whether the request is answered under the stateless protocol (2026-07-28 and later).
    public var isStateless: Bool {
        switch scope {
        case .stateless, .statelessTask: return true
        case .session, .sessionTask: return false
        }
    }

    /// The identifier of the task the handler runs for, when the server runs the request as a
    /// task (see ``MCPServer/TaskSettings``); `nil` for an ordinary request.
    public var taskID: String? {
        switch scope {
        case .sessionTask(let task), .statelessTask(_, let task): return task.id
        case .session, .stateless: return nil
        }
    }

    /// Says what the task is doing: its `statusMessage` while it is `working`, which clients see
    /// when they poll and in status notifications. Does nothing for an ordinary request.
    public func setTaskStatusMessage(_ message: String?) {
        switch scope {
        case .sessionTask(let task), .statelessTask(_, let task): task.store.describe(task.id, message)
        case .session, .stateless: break
        }
    }

    /// The progress token the client sent, if it asked for progress.
    public var progressToken: ProgressToken? {
        meta?[MetaKeys.progressToken].flatMap(ProgressToken.init(jsonValue:))
    }

    /// Reports progress, if the client asked for it (otherwise does nothing).
    ///
    /// In a 2025-11-25 task the request's progress token stays valid for the task's life, and
    /// the notification names the task; tasks of the 2026-07-28 extension get no progress
    /// notifications (the extension forbids them).
    public func reportProgress(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        guard let progressToken else { return }
        await notify(ProgressNotificationParams(progressToken: progressToken, progress: progress, total: total, message: message))
    }

    /// Sends a log message, if its level is at or above the level the client asked for: with
    /// `logging/setLevel` for the session, or (2026-07-28) in this request's `_meta`; a stateless
    /// request without a log level gets no log messages at all, and neither does a task of the
    /// 2026-07-28 extension (which forbids them). In a 2025-11-25 task the message names the task.
    public func log(_ level: LoggingLevel, _ data: JSONValue, logger: String? = nil) async {
        switch scope {
        case .session:
            await session.log(level, data, logger: logger)
        case .sessionTask(let task):
            await session.log(level, data, logger: logger, meta: task.relatedTaskMeta)
        case .stateless(let envelope, _):
            guard envelope.allowsLog(level) else { return }
            await session.notify(LoggingMessageNotificationParams(level: level, logger: logger, data: data))
        case .statelessTask:
            break
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
    ///
    /// In a task, the question waits for as long as the task lives: in a 2025-11-25 task it is a
    /// request tagged with the task (`io.modelcontextprotocol/related-task`), and the task is
    /// `input_required` until it is answered; in a task of the 2026-07-28 extension it is listed
    /// in the task's `inputRequests` and answered through `tasks/update`.
    public func send<Params: RequestParams>(_ params: Params, options: RequestOptions = .default) async throws -> Params.Result {
        switch scope {
        case .session:
            return try await session.request(params, options: options)
        case .sessionTask(let task):
            var options = options
            options.meta = (options.meta ?? [:]).merging(task.relatedTaskMeta)
            task.store.requestInFlight(true, task: task.id)
            defer { task.store.requestInFlight(false, task: task.id) }
            return try await session.request(params, options: options)
        case .stateless(_, let round):
            guard let round else {
                throw MCPError.internalError("\(method) cannot ask the client for input in protocol \(protocolVersion)")
            }
            return try round.ask(try question(params), answer: Params.Result.self)
        case .statelessTask(let envelope, let task):
            let question = try question(params)
            if let missing = InputRound.missingCapability(for: question, in: envelope.clientCapabilities) {
                throw InputRound.missingCapabilityError(question, missing)
            }
            let answer = try await task.store.ask(question, task: task.id)
            do {
                return try answer.decode(Params.Result.self)
            } catch {
                throw MCPError.invalidParams("the answer to \(Params.method) for task \(task.id) is not a valid \(Params.Result.self)")
            }
        }
    }

    /// `params` as a question of the stateless protocol.
    private func question<Params: RequestParams>(_ params: Params) throws -> InputRequest {
        let question = try JSONValue(encoding: ["method": .string(Params.method), "params": try JSONValue(encoding: params)] as JSONObject)
            .decode(InputRequest.self)
        if case .unknown(let method, _) = question {
            throw MCPError.internalError("\(method) is not a question a server can ask in protocol \(protocolVersion)")
        }
        return question
    }

    /// Sends any notification to the client. In a 2025-11-25 task it names the task; a task of
    /// the 2026-07-28 extension sends none (its request has been answered, and the extension
    /// keeps tasks to `notifications/tasks`).
    public func notify<Params: NotificationParams>(_ params: Params) async {
        switch scope {
        case .session, .stateless:
            await session.notify(params)
        case .sessionTask(let task):
            await session.notify(params, meta: task.relatedTaskMeta)
        case .statelessTask:
            break
        }
    }
}
