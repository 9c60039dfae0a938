import MCPCore
import Synchronization

/// Where the states of tasks the server reports unasked (`notifications/tasks/status`,
/// `notifications/tasks`) reach the code following those tasks, so a follower need not wait for
/// its next poll.
final class TaskWatchers: Sendable {
    private struct State {
        var mailboxes: [String: [ObjectIdentifier: TaskMailbox]] = [:]
        /// The latest reports about tasks nobody follows yet, oldest first: a report can overtake
        /// the answer that created its task, and must not be lost then.
        var unclaimed: [MCPTask] = []
    }

    /// How many reports about unfollowed tasks are kept.
    static let unclaimedLimit = 64
    private let state = Mutex(State())

    /// A mailbox for reports about `taskID`, until ``unregister(_:)``.
    func register(_ taskID: String) -> TaskMailbox {
        let mailbox = TaskMailbox(taskID: taskID)
        let early = state.withLock { state -> MCPTask? in
            state.mailboxes[taskID, default: [:]][ObjectIdentifier(mailbox)] = mailbox
            guard let index = state.unclaimed.lastIndex(where: { $0.taskID == taskID }) else { return nil }
            let task = state.unclaimed[index]
            state.unclaimed.removeAll { $0.taskID == taskID }
            return task
        }
        if let early { mailbox.post(early) }
        return mailbox
    }

    func unregister(_ mailbox: TaskMailbox) {
        state.withLock { state in
            state.mailboxes[mailbox.taskID]?.removeValue(forKey: ObjectIdentifier(mailbox))
            if state.mailboxes[mailbox.taskID]?.isEmpty == true { state.mailboxes.removeValue(forKey: mailbox.taskID) }
        }
    }

    /// Delivers a reported state to every follower of its task, or keeps it for a follower to
    /// come.
    func post(_ task: MCPTask) {
        let receivers = state.withLock { state -> [TaskMailbox] in
            if let receivers = state.mailboxes[task.taskID], !receivers.isEmpty { return Array(receivers.values) }
            state.unclaimed.removeAll { $0.taskID == task.taskID }
            state.unclaimed.append(task)
            if state.unclaimed.count > Self.unclaimedLimit { state.unclaimed.removeFirst() }
            return []
        }
        for mailbox in receivers { mailbox.post(task) }
    }
}

/// One follower's mailbox: holds the latest reported state until the follower looks.
final class TaskMailbox: Sendable {
    private enum State {
        case empty
        case holding(MCPTask)
        case waiting(CheckedContinuation<MCPTask?, Never>)
    }

    let taskID: String
    private let state = Mutex(State.empty)

    init(taskID: String) {
        self.taskID = taskID
    }

    func post(_ task: MCPTask) {
        let waiter = state.withLock { state -> CheckedContinuation<MCPTask?, Never>? in
            if case .waiting(let continuation) = state {
                state = .empty
                return continuation
            }
            // Only the latest state matters.
            state = .holding(task)
            return nil
        }
        waiter?.resume(returning: task)
    }

    /// The next reported state, or `nil` once `timeout` passes (or the calling task is
    /// cancelled) without one.
    func next(within timeout: Duration) async -> MCPTask? {
        let held = state.withLock { state -> MCPTask? in
            guard case .holding(let task) = state else { return nil }
            state = .empty
            return task
        }
        if let held { return held }
        return await withTaskGroup(of: MCPTask?.self) { group in
            group.addTask { await self.waitForPost() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    private func waitForPost() async -> MCPTask? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Checked under the lock, so a cancellation either finds the continuation stored
                // or is seen here; it is never lost between the two.
                let immediate = state.withLock { state -> MCPTask?? in
                    if case .holding(let task) = state {
                        state = .empty
                        return .some(task)
                    }
                    if Task.isCancelled { return .some(nil) }
                    state = .waiting(continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<MCPTask?, Never>? in
                guard case .waiting(let continuation) = state else { return nil }
                state = .empty
                return continuation
            }
            waiter?.resume(returning: nil)
        }
    }
}
