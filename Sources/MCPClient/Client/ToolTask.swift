public import MCPCore

/// A tool call the server runs as a task: watch it, wait for its result, or cancel it.
///
/// Works the same against both task protocols (the experimental tasks of 2025-11-25 and the
/// `io.modelcontextprotocol/tasks` extension of 2026-07-28). Get one from
/// ``Client/startTool(_:arguments:meta:options:)``, or, for a task started earlier (say by a
/// previous run of the program that kept its ``id``), from ``Client/task(id:toolName:)``.
///
/// ```swift
/// switch try await client.startTool("render", arguments: ["scene": "city"]) {
/// case .completed(let result):
///     print(result.text)
/// case .task(let task):
///     for try await state in task.updates() { print(state.status, state.statusMessage ?? "") }
///     print(try await task.result().text)
/// }
/// ```
public struct ToolTask: Sendable {
    /// The task's identifier: keep it to come back to the task later.
    public let id: String
    /// The tool the task runs, if known (its result is then checked against the tool's output
    /// schema, as configured).
    public let toolName: String?
    /// The task's state as the server first reported it, if this handle saw its creation.
    public let created: MCPTask?
    let client: Client
    let session: ClientSession

    /// The task's current state (`tasks/get`). In the tasks extension, a finished task carries
    /// its result or error inline, and a task waiting for input its questions.
    public func status(options: RequestOptions = .default) async throws -> MCPTask {
        try await session.state(ofTask: id, options: options)
    }

    /// Waits for the task to end and returns the tool's result, answering the server's questions
    /// on the way with the client's handlers.
    ///
    /// Cancelling the calling task stops the wait but leaves the server's task running: use
    /// ``cancel(options:)`` to stop it.
    ///
    /// - Throws: the request's ``MCPError`` if the task failed; ``ClientError`` with
    ///   ``ClientError/Code-swift.struct/taskCancelled`` if it was cancelled, or
    ///   ``ClientError/Code-swift.struct/timedOut`` past ``TaskOptions/maximumDuration``;
    ///   ``ToolSchemaViolation`` if the result does not match the tool's output schema.
    public func result(options: RequestOptions = .default) async throws -> CallToolResult {
        let start = try await startingState(options: options)
        let object = try await session.followTask(start, method: CallToolRequestParams.method, options: options, onAbandon: .leavesTaskRunning)
        return try await finished(object)
    }

    /// Every state of the task as it changes (status, message or questions), ending after the
    /// final one; the server's questions are answered on the way, as ``result(options:)`` does.
    /// Ending the iteration early stops watching and leaves the task running.
    ///
    /// For a task of the tasks extension the final state carries the result inline; otherwise
    /// call ``result(options:)`` after the sequence ends.
    public func updates(options: RequestOptions = .default) -> AsyncThrowingStream<MCPTask, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: MCPTask.self)
        let follower = Task {
            do {
                let start = try await startingState(options: options)
                _ = try await session.followTask(start, method: CallToolRequestParams.method, options: options, onAbandon: .leavesTaskRunning) {
                    continuation.yield($0)
                }
                continuation.finish()
            } catch is MCPError {
                // The task failed: its last state already said so.
                continuation.finish()
            } catch let error as ClientError where error.code == .taskCancelled {
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in follower.cancel() }
        return stream
    }

    /// Asks the server to cancel the task (`tasks/cancel`).
    ///
    /// In the 2025-11-25 protocol the answer is the cancelled task; in the tasks extension
    /// cancellation is cooperative and the answer is `nil` (watch ``status(options:)`` to see
    /// it take effect, if it does).
    @discardableResult
    public func cancel(options: RequestOptions = .default) async throws -> MCPTask? {
        try await session.send(CancelTaskRequestParams(taskID: id), options: options).task
    }

    private func startingState(options: RequestOptions) async throws -> MCPTask {
        if let created { return created }
        return try await status(options: options)
    }

    private func finished(_ object: JSONObject) async throws -> CallToolResult {
        let result = try ClientSession.decodeResult(CallToolResult.self, from: object, method: CallToolRequestParams.method)
        guard let toolName else { return result }
        return try await client.checkedOutput(result, toolName: toolName, options: .default)
    }
}

/// How the server took a tool call started with ``Client/startTool(_:arguments:meta:options:)``.
public enum ToolInvocation: Sendable {
    /// The server answered at once.
    case completed(CallToolResult)
    /// The server runs the call as a task.
    case task(ToolTask)

    /// The tool's result: at once, or once the task ends (see ``ToolTask/result(options:)``).
    public func result(options: RequestOptions = .default) async throws -> CallToolResult {
        switch self {
        case .completed(let result): return result
        case .task(let task): return try await task.result(options: options)
        }
    }

    /// The task, if the server made one.
    public var task: ToolTask? {
        if case .task(let task) = self { return task }
        return nil
    }
}
