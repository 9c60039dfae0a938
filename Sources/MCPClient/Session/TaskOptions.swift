import MCPCore

/// How a client asks for tasks and follows them, in both task protocols: the experimental tasks
/// of 2025-11-25 and the `io.modelcontextprotocol/tasks` extension of 2026-07-28.
///
/// With the defaults, tasks are invisible: a server may turn any `tools/call` into a task, and
/// ``Client/callTool(_:arguments:meta:options:)`` follows it to its end and returns the tool's
/// result as if the call had been synchronous. ``Client/startTool(_:arguments:meta:options:)``
/// hands the task over instead.
public struct TaskOptions: Sendable, Hashable {
    /// Whether requests to a stateless server declare the `io.modelcontextprotocol/tasks`
    /// extension in their client capabilities, letting the server answer `tools/call` with a
    /// task. Defaults to `true`; a server that needs a task for some tool refuses the call with
    /// `-32021` without it.
    public var declaresExtension: Bool
    /// The lifetime to ask for when this client creates a task (2025-11-25); `nil` lets the
    /// server choose.
    public var requestedTTL: Duration?
    /// The interval between polls when the server suggests none.
    public var defaultPollInterval: Duration
    /// The shortest interval between polls, whatever the server suggests: a server asking for 0
    /// does not get a busy loop.
    public var minimumPollInterval: Duration
    /// The longest interval between polls, whatever the server suggests.
    public var maximumPollInterval: Duration
    /// How long a task may run before the client gives up on it (it is then cancelled); `nil`
    /// for no limit other than the task's own `ttl`.
    public var maximumDuration: Duration?

    /// Creates task options.
    public init(
        declaresExtension: Bool = true,
        requestedTTL: Duration? = nil,
        defaultPollInterval: Duration = .seconds(1),
        minimumPollInterval: Duration = .milliseconds(20),
        maximumPollInterval: Duration = .seconds(30),
        maximumDuration: Duration? = nil
    ) {
        self.declaresExtension = declaresExtension
        self.requestedTTL = requestedTTL
        self.defaultPollInterval = defaultPollInterval
        self.minimumPollInterval = minimumPollInterval
        self.maximumPollInterval = maximumPollInterval
        self.maximumDuration = maximumDuration
    }

    /// The wait before polling a task again: the server's suggestion (milliseconds), else the
    /// default, kept within the bounds.
    public func pollDelay(suggested milliseconds: Int?) -> Duration {
        let suggested = milliseconds.map { Duration.milliseconds(max(0, $0)) } ?? defaultPollInterval
        return min(max(suggested, minimumPollInterval), maximumPollInterval)
    }
}
