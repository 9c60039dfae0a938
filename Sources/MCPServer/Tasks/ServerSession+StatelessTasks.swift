import MCPCore

/// The `io.modelcontextprotocol/tasks` extension of the stateless protocol (2026-07-28):
/// `tools/call` answered with a task, `tasks/get`, `tasks/update`, `tasks/cancel`, and
/// `notifications/tasks` on `subscriptions/listen` streams.
extension ServerSession {
    /// Whether the request's client capabilities declare the extension: only then may the
    /// server answer with a task, and only then may the client use the `tasks/` methods.
    static func declaresTasksExtension(_ envelope: RequestEnvelope) -> Bool {
        envelope.clientCapabilities.extensions?[TasksExtension.identifier] != nil
    }

    /// The `-32021` error for a request that needs the extension its client capabilities lack.
    static func tasksExtensionRequired(_ reason: String) -> MCPError {
        MCPError(
            code: .missingRequiredClientCapability,
            message: "Missing required client capability: \(reason) needs the \(TasksExtension.identifier) extension",
            data: ["requiredCapabilities": ["extensions": .object([TasksExtension.identifier: [:]])]]
        )
    }

    /// Starts a 2026-07-28 `tools/call` as a task when the tool supports tasks and the request
    /// declares the extension; `nil` to answer it the ordinary way (including its multi
    /// round-trip questions).
    ///
    /// - Throws: `-32021` for a tool that must run as a task, called by a request that does not
    ///   declare the extension.
    func callToolAsStatelessTask(_ params: CallToolRequestParams, request: JSONRPCRequest, envelope: RequestEnvelope) throws -> CreateTaskResult? {
        guard let store = server.taskStore,
            let tool = server.registry.withLock({ $0.tools.first { $0.0.name == params.name }?.0 })
        else { return nil }
        let support = tool.execution?.taskSupport ?? .forbidden
        guard support == .optional || support == .required else { return nil }
        guard Self.declaresTasksExtension(envelope) else {
            if support == .required { throw Self.tasksExtensionRequired("tool \(tool.name)") }
            return nil
        }
        let record = try store.create(owner: .server, wireStyle: .tasksExtension, requestedTTL: nil)
        runAsTask(record.id, store: store, params: params, context: statelessTaskContext(for: request, envelope: envelope, task: record.id, store: store))
        return CreateTaskResult(task: record.task)
    }

    /// The context of a stateless task's handler: the creating request's metadata, with
    /// questions going to the task's `inputRequests`.
    private func statelessTaskContext(for request: JSONRPCRequest, envelope: RequestEnvelope, task id: String, store: TaskStore) -> ServerContext {
        var context = statelessContext(for: request, envelope: envelope, round: nil)
        context.scope = .statelessTask(envelope, .init(id: id, store: store))
        return context
    }

    /// Serves `tasks/get`, `tasks/update` and `tasks/cancel`: `-32601` if tasks are off,
    /// `-32021` if the request does not declare the extension, `-32602` for invalid parameters
    /// or an unknown task.
    func handleStatelessTaskRequest(_ request: JSONRPCRequest, envelope: RequestEnvelope) throws -> JSONValue {
        guard let store = server.taskStore else { throw MCPError.methodNotFound(request.method) }
        guard Self.declaresTasksExtension(envelope) else { throw Self.tasksExtensionRequired(request.method) }
        switch request.method {
        case GetTaskRequestParams.method:
            let params = try decode(GetTaskRequestParams.self, request)
            return try encode(GetTaskResult(task: try store.record(params.taskID, owner: .server).task))
        case UpdateTaskRequestParams.method:
            let params = try decode(UpdateTaskRequestParams.self, request)
            try store.answer(params.inputResponses, task: params.taskID, owner: .server)
            return [:]
        case CancelTaskRequestParams.method:
            let params = try decode(CancelTaskRequestParams.self, request)
            // Cooperative: a task that has already ended stays as it ended.
            _ = try store.cancel(params.taskID, owner: .server, rejectingEnded: false)
            return try encode(CancelTaskResult(task: nil))
        default:
            throw MCPError.methodNotFound(request.method)
        }
    }

    /// The tasks a `subscriptions/listen` filter asks about that the server will report on:
    /// those it knows.
    ///
    /// - Throws: `-32021` if the filter lists tasks but the request does not declare the
    ///   extension.
    func listenedTasks(_ requested: [String]?, envelope: RequestEnvelope) throws -> [String] {
        guard let store = server.taskStore, let requested, !requested.isEmpty else { return [] }
        guard Self.declaresTasksExtension(envelope) else { throw Self.tasksExtensionRequired("taskIds in subscriptions/listen") }
        var seen = Set<String>()
        return store.known(requested.filter { seen.insert($0).inserted }, owner: .server)
    }
}
