import MCPCore
import Synchronization

/// The tasks of one ``MCPServer``: their records, the background work running them, the
/// requests waiting on them, and the stream of their changes.
///
/// Everything sits behind one lock. Expired tasks (``MCPServer/TaskSettings/ttl`` after
/// creation) are dropped whenever the store is used: then `tasks/get` no longer knows them, and
/// the work of an unfinished one is cancelled. Changes are yielded to ``changes`` while the lock
/// is held, so their order is the order of the transitions.
final class TaskStore: Sendable {
    /// A task's observable state changed.
    struct Change: Sendable {
        let owner: TaskOwner
        let task: MCPTask
    }

    private struct Entry {
        var record: TaskRecord
        let expires: ContinuousClock.Instant?
        /// The background task running the request's handler.
        var work: Task<Void, Never>?
        /// `tasks/result` requests waiting for the task to end, by token.
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        /// Handler questions waiting for `tasks/update`, by input key.
        var answers: [String: CheckedContinuation<JSONValue, any Error>] = [:]
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Identifiers in creation order, for `tasks/list`.
        var order: [String] = []
        var nextToken = 0
    }

    /// What to do once the lock is released: cancelling a Swift task runs its cancellation
    /// handlers on the spot, and those come back to this store.
    private struct Effects {
        var cancel: [Task<Void, Never>] = []
        var wake: [CheckedContinuation<Void, Never>] = []
        var abandon: [CheckedContinuation<JSONValue, any Error>] = []
        var deliver: [(CheckedContinuation<JSONValue, any Error>, JSONValue)] = []

        func run() {
            for continuation in wake { continuation.resume() }
            for continuation in abandon { continuation.resume(throwing: CancellationError()) }
            for (continuation, answer) in deliver { continuation.resume(returning: answer) }
            for work in cancel { work.cancel() }
        }

        /// Releases everyone waiting on `entry`, which has ended or is being forgotten.
        mutating func release(_ entry: inout Entry) {
            wake.append(contentsOf: entry.waiters.values)
            abandon.append(contentsOf: entry.answers.values)
            entry.waiters = [:]
            entry.answers = [:]
        }
    }

    let settings: MCPServer.TaskSettings
    private let state = Mutex(State())
    /// Every observable change, in order.
    let changes: AsyncStream<Change>
    private let changesContinuation: AsyncStream<Change>.Continuation

    init(settings: MCPServer.TaskSettings) {
        self.settings = settings
        (changes, changesContinuation) = AsyncStream.makeStream(of: Change.self, bufferingPolicy: .unbounded)
    }

    deinit {
        changesContinuation.finish()
    }

    static func notFound(_ id: String) -> MCPError {
        MCPError.invalidParams("Failed to retrieve task: task \(id) not found (unknown, expired or not yours)")
    }

    // MARK: Creating and running

    /// Creates a `working` task for `owner`.
    ///
    /// - Parameter requestedTTL: The 2025-11-25 request's `task.ttl` in milliseconds, bounded by
    ///   the settings' ttl.
    /// - Throws: `-32603` when ``MCPServer/TaskSettings/maximumActiveTasks`` are already
    ///   unfinished.
    func create(owner: TaskOwner, wireStyle: MCPTask.WireStyle, requestedTTL: Int?) throws -> TaskRecord {
        let record = try mutate { state, _, now in
            let active = state.entries.values.count(where: { !$0.record.isTerminal })
            guard active < settings.maximumActiveTasks else {
                throw MCPError.internalError(
                    "The server already runs its maximum of \(settings.maximumActiveTasks) unfinished tasks; try again when some have ended"
                )
            }
            let limit = settings.ttl?.wholeMilliseconds
            let ttl: Int? = switch (requestedTTL.map { max(1, $0) }, limit) {
            case (let requested?, let limit?): min(requested, limit)
            case (let requested?, nil): requested
            case (nil, let limit): limit
            }
            var id = TaskClock.newTaskID()
            while state.entries[id] != nil { id = TaskClock.newTaskID() }
            let record = TaskRecord(
                id: id,
                owner: owner,
                wireStyle: wireStyle,
                now: TaskClock.timestamp(),
                ttl: ttl,
                pollInterval: settings.pollInterval.wholeMilliseconds
            )
            state.entries[id] = Entry(record: record, expires: ttl.map { now + .milliseconds($0) })
            state.order.append(id)
            return record
        }
        if let ttl = record.ttl {
            // Expiry also comes without any request, so an unfinished task's work stops in time
            // even if nobody asks about it again. The timer does not keep the store alive.
            Task { [weak self] in
                try? await Task.sleep(for: .milliseconds(ttl) + .milliseconds(1))
                self?.sweep()
            }
        }
        return record
    }

    /// Drops the tasks that have expired.
    func sweep() {
        mutate { _, _, _ in }
    }

    /// Hands the store the background work running task `id`, for cancellation. Work for a
    /// task that has already been cancelled or forgotten is cancelled at once.
    func attach(_ work: Task<Void, Never>, to id: String) {
        mutate { state, effects, _ in
            if state.entries[id]?.record.isTerminal == false {
                state.entries[id]?.work = work
            } else {
                effects.cancel.append(work)
            }
        }
    }

    /// Records how the task's request ended, unless the task already ended (cancelled).
    func finish(_ id: String, with outcome: TaskRecord.Outcome) {
        mutate { state, effects, _ in
            guard var entry = state.entries[id], entry.record.finish(outcome, now: TaskClock.timestamp()) else { return }
            entry.work = nil
            effects.release(&entry)
            state.entries[id] = entry
            emit(entry.record)
        }
    }

    // MARK: Reading

    /// The task `id` as `owner` may see it.
    ///
    /// - Throws: `-32602` if there is no such task for `owner` (unknown, expired or another's).
    func record(_ id: String, owner: TaskOwner) throws -> TaskRecord {
        try mutate { state, _, _ in
            guard let entry = state.entries[id], entry.record.owner == owner else { throw Self.notFound(id) }
            return entry.record
        }
    }

    /// The tasks of `owner`, oldest first.
    func records(owner: TaskOwner) -> [TaskRecord] {
        mutate { state, _, _ in
            state.order.compactMap { state.entries[$0]?.record }.filter { $0.owner == owner }
        }
    }

    /// Which of `ids` name tasks of `owner`, in the order given.
    func known(_ ids: [String], owner: TaskOwner) -> [String] {
        mutate { state, _, _ in
            ids.filter { state.entries[$0]?.record.owner == owner }
        }
    }

    /// Waits until task `id` has ended, and returns it.
    ///
    /// - Throws: `-32602` if the task is unknown or is forgotten meanwhile (expiry, session
    ///   closed); `CancellationError` if the calling task is cancelled.
    func awaitEnd(_ id: String, owner: TaskOwner) async throws -> TaskRecord {
        while true {
            let record = try record(id, owner: owner)
            if record.isTerminal { return record }
            let token = state.withLock { state in
                state.nextToken += 1
                return state.nextToken
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let registered = state.withLock { state in
                        // Checked under the lock the cancellation handler takes too, so a
                        // cancellation either sees the waiter or is seen here.
                        guard !Task.isCancelled, let entry = state.entries[id], !entry.record.isTerminal else { return false }
                        state.entries[id]?.waiters[token] = continuation
                        return true
                    }
                    if !registered { continuation.resume() }
                }
            } onCancel: {
                let waiter = state.withLock { $0.entries[id]?.waiters.removeValue(forKey: token) }
                waiter?.resume()
            }
            try Task.checkCancellation()
        }
    }

    // MARK: Steering

    /// Cancels task `id`: marks it `cancelled` and cancels its work.
    ///
    /// - Parameter rejectingEnded: Whether a task that has already ended is an error (`-32602`,
    ///   2025-11-25) rather than left as it is (the extension's cooperative cancellation).
    /// - Returns: The task after cancellation.
    func cancel(_ id: String, owner: TaskOwner, rejectingEnded: Bool) throws -> TaskRecord {
        try mutate { state, effects, _ in
            guard var entry = state.entries[id], entry.record.owner == owner else { throw Self.notFound(id) }
            guard entry.record.cancel(now: TaskClock.timestamp()) else {
                if rejectingEnded {
                    throw MCPError.invalidParams("Cannot cancel task: already in terminal status '\(entry.record.status)'")
                }
                return entry.record
            }
            if let work = entry.work { effects.cancel.append(work) }
            entry.work = nil
            effects.release(&entry)
            state.entries[id] = entry
            emit(entry.record)
            return entry.record
        }
    }

    /// Forgets every task of `owner` (its session closed), cancelling unfinished work.
    func removeAll(owner: TaskOwner) {
        mutate { state, effects, _ in
            for (id, var entry) in state.entries where entry.record.owner == owner {
                if let work = entry.work { effects.cancel.append(work) }
                effects.release(&entry)
                state.entries[id] = nil
            }
            state.order.removeAll { state.entries[$0] == nil }
        }
    }

    // MARK: Questions

    /// Asks the client `request` for task `id` (the extension): the question is listed in the
    /// task's `inputRequests` under a fresh key, and the call returns the answer a `tasks/update`
    /// brings for that key.
    ///
    /// - Throws: `CancellationError` if the task ends or is forgotten first, or the calling task
    ///   is cancelled (the question is withdrawn then).
    func ask(_ request: InputRequest, task id: String) async throws -> JSONValue {
        let key = state.withLock { state in
            state.entries[id]?.record.issueKey(for: request)
        }
        guard let key else { throw CancellationError() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                let asked = state.withLock { state in
                    guard !Task.isCancelled, var entry = state.entries[id], entry.record.ask(request, key: key, now: TaskClock.timestamp()) else {
                        return false
                    }
                    entry.answers[key] = continuation
                    state.entries[id] = entry
                    emit(entry.record)
                    return true
                }
                if !asked { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let withdrawn = state.withLock { state -> CheckedContinuation<JSONValue, any Error>? in
                guard var entry = state.entries[id], let continuation = entry.answers.removeValue(forKey: key) else { return nil }
                if entry.record.closeQuestion(key, now: TaskClock.timestamp()) { emit(entry.record) }
                state.entries[id] = entry
                return continuation
            }
            withdrawn?.resume(throwing: CancellationError())
        }
    }

    /// Delivers the answers of a `tasks/update`: each to the question open under its key.
    /// Answers for keys not open (never issued, already answered, withdrawn) are ignored, and a
    /// partial set leaves the task waiting for the rest, as the extension asks.
    ///
    /// - Throws: `-32602` if there is no such task for `owner`.
    func answer(_ responses: JSONObject, task id: String, owner: TaskOwner) throws {
        try mutate { state, effects, _ in
            guard var entry = state.entries[id], entry.record.owner == owner else { throw Self.notFound(id) }
            var changed = false
            for (key, answer) in responses {
                guard let continuation = entry.answers.removeValue(forKey: key) else { continue }
                changed = entry.record.closeQuestion(key, now: TaskClock.timestamp()) || changed
                effects.deliver.append((continuation, answer))
            }
            state.entries[id] = entry
            if changed { emit(entry.record) }
        }
    }

    /// The handler of task `id` says what it is doing.
    func describe(_ id: String, _ message: String?) {
        mutate { state, _, _ in
            guard var entry = state.entries[id], entry.record.describe(message, now: TaskClock.timestamp()) else { return }
            state.entries[id] = entry
            emit(entry.record)
        }
    }

    /// A 2025-11-25 task sends the client a request (`started`) or has its answer: the task is
    /// `input_required` while any is out.
    func requestInFlight(_ started: Bool, task id: String) {
        mutate { state, _, _ in
            guard var entry = state.entries[id], entry.record.requestInFlight(started, now: TaskClock.timestamp()) else { return }
            state.entries[id] = entry
            emit(entry.record)
        }
    }

    // MARK: Machinery

    private func emit(_ record: TaskRecord) {
        changesContinuation.yield(Change(owner: record.owner, task: record.task))
    }

    /// Runs `body` under the lock after dropping expired tasks, then runs its effects.
    private func mutate<T: Sendable, Failure: Error>(
        _ body: (inout State, inout Effects, ContinuousClock.Instant) throws(Failure) -> T
    ) throws(Failure) -> T {
        var effects = Effects()
        defer { effects.run() }
        return try state.withLock { (state) throws(Failure) -> T in
            let now = ContinuousClock.now
            let expired = state.entries.filter { $0.value.expires.map { $0 <= now } ?? false }
            if !expired.isEmpty {
                for (id, var entry) in expired {
                    if let work = entry.work { effects.cancel.append(work) }
                    effects.release(&entry)
                    state.entries[id] = nil
                }
                state.order.removeAll { state.entries[$0] == nil }
            }
            return try body(&state, &effects, now)
        }
    }
}
