import MCPCore

/// Who may see and steer a task.
enum TaskOwner: Hashable, Sendable {
    /// A handshake-era session (2025-11-25): only it may poll, list or cancel the task.
    case session(ObjectIdentifier)
    /// The server instance (the `io.modelcontextprotocol/tasks` extension): stateless requests
    /// belong to no connection, so whoever holds the task's identifier may poll it.
    case server
}

/// One task's state machine, apart from any I/O: status, outcome and the questions the task is
/// waiting on. ``TaskStore`` keeps the records and the machinery around them.
///
/// Transitions follow both task specifications: a task starts `working`; it is
/// `input_required` while questions are open, `working` again once they are answered; and once
/// `completed`, `failed` or `cancelled` it never changes again.
struct TaskRecord: Sendable {
    /// How the task's request ended.
    enum Outcome: Sendable, Hashable {
        /// The request's result (a tool result, `isError` or not).
        case result(JSONObject)
        /// The JSON-RPC error the request failed with.
        case error(MCPError)
    }

    let id: String
    let owner: TaskOwner
    /// The protocol the task was created under, which spells its members.
    let wireStyle: MCPTask.WireStyle
    let createdAt: String
    /// Milliseconds from creation the task is kept; `nil`: unlimited.
    let ttl: Int?
    /// Milliseconds between polls the client is asked to keep.
    let pollInterval: Int
    private(set) var lastUpdatedAt: String
    private(set) var status: TaskStatus = .working
    private(set) var statusMessage: String?
    private(set) var outcome: Outcome?
    /// Questions of the extension waiting in `inputRequests`, in the order they were asked.
    private(set) var questions: [(key: String, request: InputRequest)] = []
    /// Server-to-client requests of a 2025-11-25 task in flight (their answers come back on the
    /// connection, so only their number matters here).
    private var requestsInFlight = 0
    /// How many input keys were handed out: keys never repeat over the task's life.
    private var keysIssued = 0
    /// What the handler last said it is doing, shown while the task is `working`.
    private var workingMessage: String?

    init(id: String, owner: TaskOwner, wireStyle: MCPTask.WireStyle, now: String, ttl: Int?, pollInterval: Int) {
        self.id = id
        self.owner = owner
        self.wireStyle = wireStyle
        self.createdAt = now
        self.lastUpdatedAt = now
        self.ttl = ttl
        self.pollInterval = pollInterval
    }

    var isTerminal: Bool { status.isTerminal }

    /// The task as its protocol shows it: for the extension with the outcome or the open
    /// questions inline (`tasks/get`, `notifications/tasks`); for 2025-11-25 without them.
    var task: MCPTask {
        var task = MCPTask(
            taskID: id,
            status: status,
            statusMessage: statusMessage,
            createdAt: createdAt,
            lastUpdatedAt: lastUpdatedAt,
            ttl: ttl,
            pollInterval: pollInterval,
            wireStyle: wireStyle
        )
        guard wireStyle == .tasksExtension else { return task }
        switch outcome {
        case .result(var result)?:
            // The result the 2026-07-28 request would have had, which says it is complete.
            if result["resultType"] == nil { result["resultType"] = .string(ResultType.complete.rawValue) }
            task.result = result
        case .error(let error)?: task.error = error
        case nil: break
        }
        if status == .inputRequired, !questions.isEmpty {
            var requests = InputRequests()
            for (key, request) in questions { requests[key] = request }
            task.inputRequests = requests
        }
        return task
    }

    /// Ends the task with its request's outcome. Returns `false`, changing nothing, if the task
    /// had already ended (a cancelled task stays cancelled even if its handler finishes).
    mutating func finish(_ outcome: Outcome, now: String) -> Bool {
        guard !isTerminal else { return false }
        self.outcome = outcome
        switch outcome {
        case .result(let result) where wireStyle == .experimental && result["isError"] == .bool(true):
            // 2025-11-25 counts a tool result with isError as a failed task (tasks/result still
            // returns that result); the extension keeps `failed` for JSON-RPC errors only.
            status = .failed
            statusMessage = result["content"]?[0]?["text"]?.stringValue
        case .result:
            status = .completed
            statusMessage = nil
        case .error(let error):
            status = .failed
            statusMessage = error.message
        }
        questions = []
        requestsInFlight = 0
        lastUpdatedAt = now
        return true
    }

    /// Cancels the task. Returns `false`, changing nothing, if it had already ended.
    mutating func cancel(now: String) -> Bool {
        guard !isTerminal else { return false }
        status = .cancelled
        statusMessage = "The task was cancelled by request."
        questions = []
        requestsInFlight = 0
        lastUpdatedAt = now
        return true
    }

    /// A key for the next question, never handed out before for this task (the extension's
    /// keys must be unique over the task's lifetime).
    mutating func issueKey(for request: InputRequest) -> String {
        keysIssued += 1
        let kind: String
        switch request {
        case .sampling: kind = "sampling"
        case .elicitation: kind = "elicitation"
        case .roots: kind = "roots"
        case .unknown: kind = "input"
        }
        return "\(kind)-\(keysIssued)"
    }

    /// Lists a question under `key`: the task now waits for input. Returns `false` if the task
    /// has ended (nobody would answer).
    mutating func ask(_ request: InputRequest, key: String, now: String) -> Bool {
        guard !isTerminal else { return false }
        questions.append((key, request))
        settleStatus(now: now, changed: true)
        return true
    }

    /// Removes the question under `key` (answered, or no longer awaited). Returns whether it was
    /// open.
    mutating func closeQuestion(_ key: String, now: String) -> Bool {
        guard let index = questions.firstIndex(where: { $0.key == key }) else { return false }
        questions.remove(at: index)
        settleStatus(now: now, changed: true)
        return true
    }

    /// A 2025-11-25 server-to-client request of the task goes out (`true`) or is answered
    /// (`false`). Returns whether the status changed.
    mutating func requestInFlight(_ started: Bool, now: String) -> Bool {
        guard !isTerminal else { return false }
        requestsInFlight = max(0, requestsInFlight + (started ? 1 : -1))
        let before = status
        settleStatus(now: now, changed: false)
        return status != before
    }

    /// The handler says what it is doing (`nil`: nothing in particular). Returns whether the
    /// task's observable state changed.
    mutating func describe(_ message: String?, now: String) -> Bool {
        guard !isTerminal, message != workingMessage else { return false }
        workingMessage = message
        let before = statusMessage
        settleStatus(now: now, changed: false)
        if statusMessage != before { lastUpdatedAt = now }
        return statusMessage != before
    }

    /// `input_required` while anything is awaited, else `working`; refreshes `lastUpdatedAt` when
    /// something observable changed.
    private mutating func settleStatus(now: String, changed: Bool) {
        guard !isTerminal else { return }
        let next: TaskStatus = questions.isEmpty && requestsInFlight == 0 ? .working : .inputRequired
        if changed || next != status { lastUpdatedAt = now }
        status = next
        statusMessage = next == .inputRequired ? "Waiting for the client's input." : workingMessage
    }
}
