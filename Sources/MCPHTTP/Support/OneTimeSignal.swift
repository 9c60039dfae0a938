import Synchronization

/// Something that happens once, which tasks can wait for with a time limit.
final class OneTimeSignal: Sendable {
    private enum State {
        case pending([Int: CheckedContinuation<Void, Never>], next: Int)
        case fired
    }

    private let state = Mutex(State.pending([:], next: 0))

    /// Marks the signal as happened and wakes every waiter. Idempotent.
    func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard case .pending(let waiters, _) = state else { return [] }
            state = .fired
            return Array(waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until the signal fires, `limit` passes, or the calling task is cancelled.
    func wait(upTo limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForFire() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForFire() async {
        let id = state.withLock { state -> Int? in
            guard case .pending(let waiters, let next) = state else { return nil }
            state = .pending(waiters, next: next + 1)
            return next
        }
        guard let id else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Under the lock: a fire or a cancellation either finds the waiter or is seen here.
                let resumeNow = state.withLock { state -> Bool in
                    guard case .pending(var waiters, let next) = state, !Task.isCancelled else { return true }
                    waiters[id] = continuation
                    state = .pending(waiters, next: next)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard case .pending(var waiters, let next) = state, let waiter = waiters.removeValue(forKey: id) else { return nil }
                state = .pending(waiters, next: next)
                return waiter
            }
            waiter?.resume()
        }
    }
}
