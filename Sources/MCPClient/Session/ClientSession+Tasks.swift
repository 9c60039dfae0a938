import MCPCore

extension ClientSession {
    /// What following a task does when the calling task is cancelled.
    enum TaskAbandonment {
        /// Tell the server (`tasks/cancel`): the caller wanted the result and gave up.
        case cancelsTask
        /// Leave the task running: the caller only stopped watching.
        case leavesTaskRunning
    }

    /// Follows a task to its end and returns the result object of the request it runs.
    ///
    /// It polls `tasks/get` at the server's interval (within ``TaskOptions``), waking early when
    /// the server reports the task's state unasked. In the tasks extension it answers the
    /// task's input requests with the installed handlers and `tasks/update` (each key once), and
    /// takes the outcome inline; in the 2025-11-25 protocol it waits on `tasks/result` once the
    /// task needs input or has ended, answering the server's requests as they come.
    ///
    /// - Parameter onUpdate: called with each state seen whose status, message or questions
    ///   differ from the previous one.
    /// - Throws: the request's ``MCPError`` if the task failed; ``ClientError`` with
    ///   ``ClientError/Code-swift.struct/taskCancelled`` if it was cancelled,
    ///   ``ClientError/Code-swift.struct/timedOut`` if it outlived ``TaskOptions/maximumDuration``,
    ///   the request's total timeout or its own `ttl`.
    func followTask(
        _ created: MCPTask,
        method: String,
        options: RequestOptions,
        onAbandon abandonment: TaskAbandonment = .cancelsTask,
        onUpdate: (@Sendable (MCPTask) -> Void)? = nil
    ) async throws -> JSONObject {
        let mailbox = taskWatchers.register(created.taskID)
        defer { taskWatchers.unregister(mailbox) }
        let settings = configuration.tasks
        let clock = ContinuousClock()
        let deadline = Self.followingDeadline(
            from: clock.now,
            limits: [settings.maximumDuration, options.maximumTotalTimeout ?? configuration.maximumTotalTimeout],
            ttlMilliseconds: created.ttl
        )
        // Polls carry only the caller's time limit: the progress, id and _meta were the call's.
        let pollOptions = RequestOptions(timeout: options.timeout)
        var task = created
        var reported: MCPTask?
        var answered = Set<String>()
        // Set when this side cannot carry the task on (past its time, or unable to answer its
        // questions): the server's task is then cancelled rather than left waiting.
        var givingUp = false
        var missedPolls = 0
        do {
            while true {
                if let onUpdate, reported.map({ !Self.sameState($0, task) }) ?? true { onUpdate(task) }
                reported = task
                switch task.status {
                case .completed:
                    return try await outcome(of: task, method: method, options: pollOptions)
                case .failed:
                    if task.wireStyle == .tasksExtension {
                        throw task.error ?? MCPError(code: .internalError, message: task.statusMessage ?? "the task failed")
                    }
                    // 2025-11-25: tasks/result returns exactly what the request would have: the
                    // error, or for a tool a result with isError. Some servers answer with an
                    // empty result instead; that is no tool result, so the failure is the status.
                    let payload = try await payload(ofTask: task.taskID, options: pollOptions)
                    if method == CallToolRequestParams.method, payload["content"] == nil, payload["structuredContent"] == nil {
                        throw MCPError(code: .internalError, message: task.statusMessage ?? "task \(task.taskID) failed")
                    }
                    return payload
                case .cancelled:
                    throw ClientError(.taskCancelled, "task \(task.taskID) was cancelled\(task.statusMessage.map { ": \($0)" } ?? "")", method: method)
                case .inputRequired where task.wireStyle == .tasksExtension:
                    let pending = (task.inputRequests ?? [:]).filter { !answered.contains($0.key) }
                    if !pending.isEmpty {
                        let responses: JSONObject
                        do {
                            responses = try await answer(pending)
                        } catch {
                            givingUp = true
                            throw error
                        }
                        _ = try await send(UpdateTaskRequestParams(taskID: task.taskID, inputResponses: responses), options: pollOptions)
                        answered.formUnion(pending.keys)
                        // The answers usually move the task on at once: look without waiting.
                        task = try await state(ofTask: task.taskID, options: pollOptions)
                        continue
                    }
                case .inputRequired:
                    // 2025-11-25: the server's questions travel as its own requests while
                    // tasks/result waits for the end.
                    do {
                        return try await payload(ofTask: task.taskID, options: pollOptions)
                    } catch let error as ClientError where error.code == .timedOut {
                        // Still running: go back to polling.
                    }
                default:
                    break
                }
                let now = clock.now
                if let deadline, now >= deadline {
                    givingUp = true
                    throw ClientError(.timedOut, "task \(task.taskID) did not finish in time", method: method)
                }
                var delay = settings.pollDelay(suggested: task.pollInterval)
                if let deadline { delay = min(delay, deadline - now) }
                if let pushed = await mailbox.next(within: delay) {
                    task = pushed
                    continue
                }
                try Task.checkCancellation()
                do {
                    task = try await state(ofTask: task.taskID, options: pollOptions)
                    missedPolls = 0
                } catch let error as ClientError where error.code == .timedOut && missedPolls + 1 < Self.toleratedMissedPolls {
                    // One slow answer says little about the task: poll again at the next interval.
                    missedPolls += 1
                }
            }
        } catch {
            // A caller that gave up, a task past its time or one whose questions this side cannot
            // answer is cancelled at the server; a poll that failed says nothing about the task.
            if abandonment == .cancelsTask, error is CancellationError || givingUp {
                abandon(task)
            }
            throw error
        }
    }

    /// How many polls in a row may go unanswered (time out) before following a task fails.
    static let toleratedMissedPolls = 3

    /// The current state of a task (`tasks/get`).
    func state(ofTask taskID: String, options: RequestOptions) async throws -> MCPTask {
        try await send(GetTaskRequestParams(taskID: taskID), options: options).task
    }

    /// The result of a 2025-11-25 task's request (`tasks/result`), waiting for its end.
    func payload(ofTask taskID: String, options: RequestOptions) async throws -> JSONObject {
        try await sendRequest(method: GetTaskPayloadRequestParams.method, params: ["taskId": .string(taskID)], options: options)
    }

    /// Tells the server to cancel a task the caller gave up on, without waiting.
    private func abandon(_ task: MCPTask) {
        guard !task.status.isTerminal else { return }
        let taskID = task.taskID
        Task {
            _ = try? await self.send(CancelTaskRequestParams(taskID: taskID), options: RequestOptions(timeout: .after(.seconds(5))))
        }
    }

    /// The result of a completed task: inline in the tasks extension, else from `tasks/result`.
    private func outcome(of task: MCPTask, method: String, options: RequestOptions) async throws -> JSONObject {
        guard task.wireStyle == .tasksExtension else {
            return try await payload(ofTask: task.taskID, options: options)
        }
        guard var result = task.result else {
            throw ClientError(.invalidResponse, "task \(task.taskID) completed without its result", method: method)
        }
        switch result["resultType"] {
        case nil, .string(ResultType.complete.rawValue)?:
            result.removeValue(forKey: "resultType")
            return result
        case let other?:
            throw ClientError(.invalidResponse, "task \(task.taskID) completed with a result of type \(other.jsonString())", method: method)
        }
    }

    /// When following a task must stop: the earliest of the limits from `start`, and the task's
    /// lifetime as a backstop (a task not done when its server may forget it never will be).
    static func followingDeadline(
        from start: ContinuousClock.Instant,
        limits: [Duration?],
        ttlMilliseconds: Int?
    ) -> ContinuousClock.Instant? {
        var candidates = limits.compactMap { $0 }
        if let ttlMilliseconds { candidates.append(.milliseconds(ttlMilliseconds)) }
        return candidates.min().map { start + $0 }
    }

    /// Whether two states of a task would tell a watcher the same thing.
    static func sameState(_ a: MCPTask, _ b: MCPTask) -> Bool {
        a.status == b.status && a.statusMessage == b.statusMessage && a.inputRequests == b.inputRequests
            && a.result == b.result && a.error == b.error
    }
}
