import MCPCore
import Synchronization
import Testing

/// A value shared between a test and the callbacks it installs.
final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: Value { mutex.withLock { $0 } }
}

/// Collects values from concurrent callbacks for later inspection.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = LockedBox<[Value]>([])

    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.value }
    var count: Int { storage.withLock { $0.count } }

    /// Waits (bounded) until `predicate` holds for the recorded values.
    func wait(
        timeout: Duration = .seconds(5),
        sourceLocation: SourceLocation = #_sourceLocation,
        until predicate: @Sendable ([Value]) -> Bool
    ) async throws {
        try await waitUntil(timeout: timeout, "recorded values: \(values)", sourceLocation: sourceLocation) { predicate(self.values) }
    }

    /// Waits (bounded) until at least `count` values are recorded, and returns them.
    @discardableResult
    func wait(forCount count: Int, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation) async throws -> [Value] {
        try await wait(timeout: timeout, sourceLocation: sourceLocation) { $0.count >= count }
        return values
    }
}

/// A condition that never became true in time.
struct ConditionTimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Polls `condition` every few milliseconds until it holds; throws (and records an issue) after
/// `timeout`. The bounded way to wait for something asynchronous.
func waitUntil(
    timeout: Duration = .seconds(5),
    _ what: @autoclosure () -> String = "condition",
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else {
            let message = "not met within \(timeout): \(what())"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            throw ConditionTimedOut(description: message)
        }
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// A latch that handlers wait on until the test opens it. Waiting is cancellable.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = Mutex(State())

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the gate is open; throws `CancellationError` if the task is cancelled first.
    func wait() async throws {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Result<Void, any Error>? = state.withLock { state in
                    if state.isOpen { return .success(()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }
}

/// Measures how long `body` takes.
func measure<R>(_ body: () async throws -> R) async rethrows -> (R, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, clock.now - start)
}

/// Runs `body` while a handler (or anything) sleeps until cancelled, recording whether the
/// cancellation arrived: the usual way a test server tool shows it was cancelled.
func sleepUntilCancelled(recording cancelled: Recorder<String>, as label: String, limit: Duration = .seconds(30)) async throws {
    do {
        try await Task.sleep(for: limit)
    } catch {
        cancelled.append(label)
        throw error
    }
}
