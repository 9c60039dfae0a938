@testable import MCPCore
import Testing

/// The state machine is generic over its continuation, so a plain value stands in for one here.
@Suite("PendingRequests state machine")
struct PendingRequestsTests {
    typealias Machine = PendingRequests<String>
    let clock = ContinuousClock()

    func entry(
        deadline: ContinuousClock.Instant? = nil,
        progressTimeout: Duration? = nil,
        hardDeadline: ContinuousClock.Instant? = nil,
        notifies: Bool = true
    ) -> Machine.Entry {
        .init(
            method: "m",
            deadline: deadline,
            progressTimeout: progressTimeout,
            hardDeadline: hardDeadline,
            onProgress: { _ in },
            notifiesPeerOnCancel: notifies
        )
    }

    @Test("a response that arrives before the caller waits is kept for it")
    func responseBeforeWait() throws {
        var machine = Machine()
        machine.register(1, entry())
        guard case .stored = machine.finish(1, with: .success(42)) else { Issue.record("expected stored"); return }
        guard case .resume(let outcome) = machine.startWaiting(1, continuation: "c") else { Issue.record("expected resume"); return }
        #expect(try outcome.get() == 42)
        #expect(machine.isEmpty)
    }

    @Test("a response to a waiting caller resumes it once; a second response is unknown")
    func responseAfterWait() {
        var machine = Machine()
        machine.register(1, entry())
        guard case .wait = machine.startWaiting(1, continuation: "c") else { Issue.record("expected wait"); return }
        guard case .resume(let continuation, _) = machine.finish(1, with: .success(1)) else { Issue.record("expected resume"); return }
        #expect(continuation == "c")
        guard case .unknown = machine.finish(1, with: .success(2)) else { Issue.record("expected unknown"); return }
    }

    @Test("abandoning resumes the waiter with the error and says whether to notify the peer")
    func abandon() {
        var machine = Machine()
        machine.register(1, entry(notifies: true))
        machine.register(2, entry(notifies: false))
        _ = machine.startWaiting(1, continuation: "one")
        let (action, notify) = machine.abandon(1, with: CancellationError())
        guard case .resume(let continuation, let outcome) = action else { Issue.record("expected resume"); return }
        #expect(continuation == "one")
        #expect(notify)
        #expect(throws: CancellationError.self) { try outcome.get() }
        // Abandoned before waiting: the waiter gets the error as soon as it waits.
        let (second, notifySecond) = machine.abandon(2, with: CancellationError())
        guard case .stored = second else { Issue.record("expected stored"); return }
        #expect(!notifySecond)
        guard case .resume(let outcome2) = machine.startWaiting(2, continuation: "two") else { Issue.record("expected resume"); return }
        #expect(throws: CancellationError.self) { try outcome2.get() }
        // A response after abandonment is unknown, and abandoning twice does nothing.
        guard case .unknown = machine.finish(1, with: .success(1)) else { Issue.record("expected unknown"); return }
        guard case .unknown = machine.abandon(1, with: CancellationError()).action else { Issue.record("expected unknown"); return }
    }

    @Test("expiry finds overdue requests and the next deadline")
    func expiry() {
        var machine = Machine()
        let now = clock.now
        machine.register(1, entry(deadline: now - .seconds(1)))
        machine.register(2, entry(deadline: now + .seconds(5)))
        machine.register(3, entry(deadline: now + .seconds(2)))
        machine.register(4, entry(deadline: nil))
        let (expired, next) = machine.expired(at: now)
        #expect(expired == [1])
        #expect(next == now + .seconds(2))
    }

    @Test("progress restarts the timeout, but never past the hard deadline")
    func progressReset() {
        var machine = Machine()
        let now = clock.now
        machine.register(1, entry(deadline: now + .seconds(1), progressTimeout: .seconds(1), hardDeadline: now + .seconds(3)))
        machine.register(2, entry(deadline: now + .seconds(1), progressTimeout: nil))
        #expect(machine.recordProgress(1, now: now + .milliseconds(900)) != nil)
        #expect(!machine.expired(at: now + .milliseconds(1500)).expired.contains(1))
        _ = machine.recordProgress(1, now: now + .milliseconds(2500))
        // Restarted to 3.5 s but capped at the 3 s hard deadline.
        #expect(machine.expired(at: now + .milliseconds(3100)).expired.contains(1))
        _ = machine.recordProgress(2, now: now + .milliseconds(900))
        #expect(machine.expired(at: now + .milliseconds(1100)).expired.contains(2))
        #expect(machine.recordProgress(99, now: now) == nil)
    }

    @Test("finishing all resumes waiters and stores the error for the others")
    func finishAll() {
        var machine = Machine()
        machine.register(1, entry())
        machine.register(2, entry())
        _ = machine.startWaiting(1, continuation: "waiting")
        let resumed = machine.finishAll(with: ClientError(.connectionClosed, "closed"))
        #expect(resumed.map(\.0) == ["waiting"])
        guard case .resume(let outcome) = machine.startWaiting(2, continuation: "late") else { Issue.record("expected resume"); return }
        #expect(throws: ClientError.self) { try outcome.get() }
    }
}
