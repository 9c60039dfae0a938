/// The bookkeeping of requests sent and not yet answered: plain state, no I/O, so every path
/// (response before the caller starts waiting, cancellation racing a response, timeouts, progress
/// restarting a timeout, the connection closing) is tested without a transport.
///
/// The connection holds it under a lock and acts on what each operation returns.
struct PendingRequests<Continuation> {
    typealias Outcome = Result<JSONValue, any Error>

    struct Entry {
        enum Waiter {
            /// Sent (or being sent); the caller has not started waiting yet.
            case notWaiting
            /// The caller is waiting.
            case waiting(Continuation)
            /// Finished before the caller started waiting.
            case finished(Outcome)
        }

        let method: String
        var waiter: Waiter = .notWaiting
        /// When the request times out, if it can.
        var deadline: ContinuousClock.Instant?
        /// The timeout restarted by progress, if progress restarts it.
        let progressTimeout: Duration?
        /// The latest the request may time out, however much progress arrives.
        let hardDeadline: ContinuousClock.Instant?
        let onProgress: (@Sendable (ProgressUpdate) -> Void)?
        /// Whether abandoning this request tells the peer (`notifications/cancelled`).
        let notifiesPeerOnCancel: Bool
    }

    private(set) var entries: [RequestID: Entry] = [:]

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    mutating func register(_ id: RequestID, _ entry: Entry) {
        entries[id] = entry
    }

    /// What to do once the caller is ready to wait.
    enum WaitAction {
        case wait
        case resume(Outcome)
    }

    // Entries are changed in place through their index: copying one out and back costs a retain
    // and release of each of its members, on every request.

    mutating func startWaiting(_ id: RequestID, continuation: Continuation) -> WaitAction {
        guard let index = entries.index(forKey: id) else {
            // Already removed: cancellation or close got there first and left no outcome.
            return .resume(.failure(CancellationError()))
        }
        switch entries.values[index].waiter {
        case .notWaiting:
            entries.values[index].waiter = .waiting(continuation)
            return .wait
        case .finished(let outcome):
            entries.remove(at: index)
            return .resume(outcome)
        case .waiting:
            preconditionFailure("a request is awaited once")
        }
    }

    /// What to do with a response (or any other way a request ends).
    enum FinishAction {
        /// Resume this waiter with the outcome.
        case resume(Continuation, Outcome)
        /// Nobody is waiting yet; the outcome is kept for them.
        case stored
        /// No such request: a response to an unknown (or abandoned) id.
        case unknown
    }

    mutating func finish(_ id: RequestID, with outcome: Outcome) -> FinishAction {
        guard let index = entries.index(forKey: id) else { return .unknown }
        switch entries.values[index].waiter {
        case .waiting(let continuation):
            entries.remove(at: index)
            return .resume(continuation, outcome)
        case .notWaiting:
            entries.values[index].waiter = .finished(outcome)
            entries.values[index].deadline = nil
            return .stored
        case .finished:
            // First outcome wins (a late response after a timeout, say).
            return .unknown
        }
    }

    /// Abandons a request (task cancelled, timed out). Returns what to resume and whether the
    /// peer should be told.
    mutating func abandon(_ id: RequestID, with error: any Error) -> (action: FinishAction, notifyPeer: Bool) {
        guard let entry = entries[id] else { return (.unknown, false) }
        if case .finished = entry.waiter { return (.unknown, false) }
        let action = finish(id, with: .failure(error))
        return (action, entry.notifiesPeerOnCancel)
    }

    /// The entry's progress handler, after restarting its timeout if progress restarts it.
    mutating func recordProgress(_ id: RequestID, now: ContinuousClock.Instant) -> (@Sendable (ProgressUpdate) -> Void)? {
        guard var entry = entries[id] else { return nil }
        if case .finished = entry.waiter { return nil }
        if let timeout = entry.progressTimeout, entry.deadline != nil {
            var deadline = now + timeout
            if let hard = entry.hardDeadline, hard < deadline { deadline = hard }
            entry.deadline = deadline
            entries[id] = entry
        }
        return entry.onProgress
    }

    /// The requests whose deadline has passed, with the earliest deadline still ahead.
    func expired(at now: ContinuousClock.Instant) -> (expired: [RequestID], nextDeadline: ContinuousClock.Instant?) {
        var expired: [RequestID] = []
        var next: ContinuousClock.Instant?
        for (id, entry) in entries {
            guard let deadline = entry.deadline else { continue }
            if case .finished = entry.waiter { continue }
            if deadline <= now {
                expired.append(id)
            } else if next == nil || deadline < next! {
                next = deadline
            }
        }
        return (expired, next)
    }

    func method(of id: RequestID) -> String? { entries[id]?.method }

    /// Ends every request with `error`; returns the waiters to resume.
    mutating func finishAll(with error: any Error) -> [(Continuation, Outcome)] {
        var toResume: [(Continuation, Outcome)] = []
        for (id, entry) in entries {
            switch entry.waiter {
            case .waiting(let continuation):
                toResume.append((continuation, .failure(error)))
                entries[id] = nil
            case .notWaiting:
                var entry = entry
                entry.waiter = .finished(.failure(error))
                entries[id] = entry
            case .finished:
                break
            }
        }
        return toResume
    }
}
