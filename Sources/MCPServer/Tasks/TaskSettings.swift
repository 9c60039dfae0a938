extension MCPServer {
    /// How the server runs tool calls as tasks: set ``Configuration/tasks`` to turn tasks on.
    ///
    /// A tool opts in with `Tool.execution = ToolExecution(taskSupport: .optional)` (or
    /// `.required`). With tasks on, the server runs such calls in the background and answers with
    /// a task the client polls:
    /// - handshake sessions at 2025-11-25 declare the `tasks` capability and create a task when
    ///   the request asks for one (its `task` parameter); earlier versions never create tasks;
    /// - stateless (2026-07-28) requests get a task when they declare the
    ///   `io.modelcontextprotocol/tasks` extension in their client capabilities, which
    ///   `server/discover` announces.
    ///
    /// Task identifiers carry 128 random bits: anyone holding one can poll the task, so treat
    /// them as bearer tokens. Handshake-era tasks belong to their session (and are cancelled and
    /// forgotten when it closes); stateless tasks belong to the server instance, since stateless
    /// requests are not tied to a connection.
    public struct TaskSettings: Sendable {
        /// How often clients are asked to poll (`pollInterval`, `pollIntervalMs`).
        public var pollInterval: Duration
        /// How long a task is kept after its creation, whatever its status; `nil` keeps tasks
        /// until their session closes (handshake era) or the server goes away. A 2025-11-25
        /// request may ask for less (`task.ttl`), never for more.
        public var ttl: Duration?
        /// The most tasks that may be unfinished at once on this server; a call that would start
        /// one more is refused with an internal error (`-32603`) saying so.
        public var maximumActiveTasks: Int

        /// Creates task settings.
        public init(pollInterval: Duration = .milliseconds(500), ttl: Duration? = .seconds(3600), maximumActiveTasks: Int = 1000) {
            self.pollInterval = pollInterval
            self.ttl = ttl
            self.maximumActiveTasks = max(1, maximumActiveTasks)
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded down and at least 0, as the task protocols carry times.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        guard !total.overflow else { return seconds < 0 ? 0 : Int.max }
        return max(0, Int(clamping: total.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
