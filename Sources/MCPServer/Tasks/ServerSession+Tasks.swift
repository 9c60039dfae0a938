import MCPCore

/// The experimental tasks of 2025-11-25 on handshake-era sessions: `tools/call` with a `task`
/// parameter, `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel`.
extension ServerSession {
    /// The owner of the tasks this session creates: only it sees them.
    var taskOwner: TaskOwner { .session(ObjectIdentifier(self)) }

    /// Whether a handshake session at `version` has tasks: 2025-11-25 introduced them, and
    /// sessions at earlier versions never create any (they ignore the `task` parameter, as a
    /// receiver that did not declare the capability must).
    static func handshakeHasTasks(_ version: ProtocolVersion) -> Bool {
        version.rawValue >= ProtocolVersion.v2025_11_25.rawValue
    }

    /// The task store, if this session has tasks.
    private var sessionTaskStore: TaskStore? {
        guard let store = server.taskStore, Self.handshakeHasTasks(protocolVersion) else { return nil }
        return store
    }

    /// Starts `tools/call` as a task if the request asks for one and the tool allows it;
    /// `nil` to answer the call the ordinary way.
    ///
    /// - Throws: `-32601` for a task the tool does not support, or a tool that must run as a
    ///   task called without one (as the specification's tool-level negotiation prescribes).
    func callToolAsTask(_ params: CallToolRequestParams, request: JSONRPCRequest) throws -> CreateTaskResult? {
        guard let store = sessionTaskStore,
            let tool = server.registry.withLock({ $0.tools.first { $0.0.name == params.name }?.0 })
        else { return nil }
        let support = tool.execution?.taskSupport ?? .forbidden
        guard let metadata = params.task else {
            guard support != .required else {
                throw MCPError(code: .methodNotFound, message: "Tool \(tool.name) requires task-augmented invocation (execution.taskSupport is required)")
            }
            return nil
        }
        guard support == .optional || support == .required else {
            throw MCPError(code: .methodNotFound, message: "Tool \(tool.name) does not support task-augmented invocation")
        }
        let record = try store.create(owner: taskOwner, wireStyle: .experimental, requestedTTL: metadata.ttl)
        var context = context(for: request)
        context.scope = .sessionTask(.init(id: record.id, store: store))
        runAsTask(record.id, store: store, params: params, context: context)
        return CreateTaskResult(task: record.task)
    }

    /// Runs the tool call of task `id` in the background and records how it ends. The work
    /// belongs to the server, not to the request, which is answered at once with the task.
    func runAsTask(_ id: String, store: TaskStore, params: CallToolRequestParams, context: ServerContext) {
        let work = Task {
            let outcome: TaskRecord.Outcome
            do {
                // As an ordinary call: a tool that fails with a non-protocol error is a result
                // with `isError`, so the task holds exactly what the request would have returned.
                outcome = .result(try self.encode(try await self.callTool(params, context: context)).objectValue ?? [:])
            } catch let error as MCPError {
                outcome = .error(error)
            } catch is CancellationError where Task.isCancelled {
                // `tasks/cancel`, expiry or the session closing: the store has already dealt with
                // the task.
                return
            } catch {
                outcome = .error(.internalError("\(params.name) failed: \(error)"))
            }
            store.finish(id, with: outcome)
        }
        store.attach(work, to: id)
    }

    /// Serves `tasks/get`, `tasks/result`, `tasks/list` and `tasks/cancel` for this session's
    /// tasks; `-32601` if the session has no tasks.
    func handleTaskRequest(_ request: JSONRPCRequest) async throws -> JSONValue {
        guard let store = sessionTaskStore else { throw MCPError.methodNotFound(request.method) }
        switch request.method {
        case GetTaskRequestParams.method:
            let params = try decode(GetTaskRequestParams.self, request)
            return try encode(GetTaskResult(task: try store.record(params.taskID, owner: taskOwner).task))
        case GetTaskPayloadRequestParams.method:
            let params = try decode(GetTaskPayloadRequestParams.self, request)
            let record = try await store.awaitEnd(params.taskID, owner: taskOwner)
            switch record.outcome {
            case .result(var payload)?:
                // The result names its task: it does not say which it is by itself.
                payload["_meta"] = .object((payload["_meta"]?.objectValue ?? [:]).merging([MetaKeys.relatedTask: ["taskId": .string(record.id)]]))
                return .object(payload)
            case .error(let error)?:
                throw error
            case nil:
                throw MCPError.invalidParams("Task \(record.id) was cancelled; it has no result")
            }
        case ListTasksRequestParams.method:
            let params = try decode(ListTasksRequestParams.self, request)
            let (page, next) = try paginate(store.records(owner: taskOwner).map(\.task), cursor: params.cursor)
            return try encode(ListTasksResult(tasks: page, nextCursor: next))
        case CancelTaskRequestParams.method:
            let params = try decode(CancelTaskRequestParams.self, request)
            return try encode(CancelTaskResult(task: try store.cancel(params.taskID, owner: taskOwner, rejectingEnded: true).task))
        default:
            throw MCPError.methodNotFound(request.method)
        }
    }
}
