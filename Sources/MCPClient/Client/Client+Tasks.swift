public import MCPCore

extension Client {
    /// Calls a tool, letting the server run it as a task, and returns at once with either the
    /// result or the task (``ToolInvocation``).
    ///
    /// With a stateless server (2026-07-28) that offers the `io.modelcontextprotocol/tasks`
    /// extension, the server decides. With a 2025-11-25 server that declares
    /// `tasks.requests.tools.call`, the call is made as a task when the tool allows it
    /// (`execution.taskSupport` `optional` or `required`), asking for
    /// ``TaskOptions/requestedTTL``. Otherwise the call is an ordinary one.
    ///
    /// ``callTool(_:arguments:meta:options:)`` follows tasks itself; use this to return control
    /// while a long call runs, to watch it, or to keep its ``ToolTask/id`` for later.
    public func startTool(
        _ name: String,
        arguments: JSONObject? = nil,
        meta: JSONObject? = nil,
        options: RequestOptions = .default
    ) async throws -> ToolInvocation {
        let session = try session()
        let params = CallToolRequestParams(name: name, arguments: arguments, meta: meta)
        if case .modern = session.era {
            let object = try await Self.sendKeepingTask(params, session: session, options: options)
            if object["resultType"] == .string(CreateTaskResult.resultType.rawValue) {
                let created = try ClientSession.decodeResult(CreateTaskResult.self, from: object, method: CallToolRequestParams.method)
                return .task(ToolTask(id: created.task.taskID, toolName: name, created: created.task, client: self, session: session))
            }
            let result = try ClientSession.decodeResult(CallToolResult.self, from: object, method: CallToolRequestParams.method)
            return .completed(try await checkedOutput(result, toolName: name, options: options))
        }
        let taskSupport = offersExperimentalTasks ? await catalogEntry(name, options: options)?.tool.execution?.taskSupport : nil
        guard taskSupport == .optional || taskSupport == .required else {
            // The tool (or the server) does not take tasks: the specification forbids asking.
            return .completed(try await callTool(name, arguments: arguments, meta: meta, options: options))
        }
        switch try await sendAsTask(params, session: session, options: options) {
        case .completed(let result): return .completed(try await checkedOutput(result, toolName: name, options: options))
        case .task(let task): return .task(task)
        }
    }

    /// A handle on a task this client's server runs, by its id (kept from an earlier
    /// ``ToolTask``, perhaps by a previous run of the program).
    ///
    /// - Parameter toolName: the tool the task runs, if known, so its result is checked against
    ///   the tool's output schema.
    public func task(id: String, toolName: String? = nil) throws -> ToolTask {
        ToolTask(id: id, toolName: toolName, created: nil, client: self, session: try session())
    }

    /// One page of the server's tasks (`tasks/list`, 2025-11-25; the tasks extension has no
    /// listing).
    ///
    /// - Throws: ``ClientError`` with code ``ClientError/Code-swift.struct/capabilityNotSupported``
    ///   if the server does not declare `tasks.list`.
    public func listTasks(cursor: String? = nil, options: RequestOptions = .default) async throws -> ListTasksResult {
        guard serverCapabilities?.tasks?.list != nil else {
            throw ClientError(.capabilityNotSupported, "the server does not list its tasks", method: ListTasksRequestParams.method)
        }
        return try await send(ListTasksRequestParams(cursor: cursor), options: options)
    }

    /// Every task the server lists, all pages (see ``listTasks(cursor:options:)``).
    public func listAllTasks(options: RequestOptions = .default) async throws -> [MCPTask] {
        guard serverCapabilities?.tasks?.list != nil else {
            throw ClientError(.capabilityNotSupported, "the server does not list its tasks", method: ListTasksRequestParams.method)
        }
        return try await allPages(ListTasksRequestParams.self, options: options)
    }

    /// Whether the server takes `tools/call` as a task when asked (2025-11-25).
    var offersExperimentalTasks: Bool {
        (try? session())?.takesToolCallsAsTasks ?? false
    }

    /// Sends a 2025-11-25 `tools/call` asking for a task; the server may still answer at once.
    func sendAsTask(_ params: CallToolRequestParams, session: ClientSession, options: RequestOptions) async throws -> ToolInvocation {
        var params = params
        params.task = TaskMetadata(ttl: configuration.tasks.requestedTTL.map(Self.milliseconds))
        let object = try await Self.sendKeepingTask(params, session: session, options: options)
        if object["task"]?["taskId"] != nil {
            let created = try ClientSession.decodeResult(CreateTaskResult.self, from: object, method: CallToolRequestParams.method)
            return .task(ToolTask(id: created.task.taskID, toolName: params.name, created: created.task, client: self, session: session))
        }
        // A server that does not take this request as a task answers it normally.
        return .completed(try ClientSession.decodeResult(CallToolResult.self, from: object, method: CallToolRequestParams.method))
    }

    /// Sends `tools/call` and returns its result object, a task the server made of it included
    /// (not followed).
    private static func sendKeepingTask(_ params: CallToolRequestParams, session: ClientSession, options: RequestOptions) async throws -> JSONObject {
        guard case .object(let encoded) = try JSONValue(encoding: params) else {
            throw ClientError(.invalidRequest, "parameters must encode as a JSON object", method: CallToolRequestParams.method)
        }
        return try await session.sendRequest(
            method: CallToolRequestParams.method,
            params: encoded,
            options: options,
            notifiesPeerOnCancel: true,
            keepsTasks: true
        )
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
