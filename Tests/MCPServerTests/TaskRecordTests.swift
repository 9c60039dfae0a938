import MCPCore
@testable import MCPServer
import Testing

/// The task state machine on its own: transitions, terminal states, input keys and the shapes
/// each protocol sees.
@Suite("Task records")
struct TaskRecordTests {
    static func record(_ style: MCPTask.WireStyle = .tasksExtension) -> TaskRecord {
        TaskRecord(id: "t1", owner: .server, wireStyle: style, now: "2026-01-01T00:00:00.000Z", ttl: 1000, pollInterval: 50)
    }

    static let question = InputRequest.roots(ListRootsRequestParams())

    @Test("a new task is working, with the times and intervals it was made with")
    func created() {
        let task = Self.record().task
        #expect(task.status == .working)
        #expect(task.createdAt == "2026-01-01T00:00:00.000Z" && task.lastUpdatedAt == task.createdAt)
        #expect(task.ttl == 1000 && task.pollInterval == 50)
        #expect(task.wireStyle == .tasksExtension)
    }

    @Test("questions make it input_required until all are answered; keys never repeat")
    func questions() {
        var record = Self.record()
        let first = record.issueKey(for: Self.question)
        let second = record.issueKey(for: .sampling(TestServer.samplingQuestion))
        #expect(first == "roots-1" && second == "sampling-2")
        let changed1 = record.ask(Self.question, key: first, now: "a")
        #expect(changed1)
        let changed2 = record.ask(.sampling(TestServer.samplingQuestion), key: second, now: "b")
        #expect(changed2)
        #expect(record.status == .inputRequired)
        #expect(record.task.inputRequests?.count == 2)
        #expect(record.lastUpdatedAt == "b")
        let changed3 = record.closeQuestion(first, now: "c")
        #expect(changed3)
        let changed4 = record.closeQuestion(first, now: "d")
        #expect(!changed4, "answered already")
        #expect(record.status == .inputRequired)
        let changed5 = record.closeQuestion(second, now: "e")
        #expect(changed5)
        #expect(record.status == .working)
        #expect(record.task.inputRequests == nil)
        #expect(record.issueKey(for: Self.question) == "roots-3")
    }

    @Test("terminal states never change")
    func terminal() {
        var record = Self.record()
        let changed6 = record.cancel(now: "x")
        #expect(changed6)
        let changed7 = record.finish(.result(["content": []]), now: "y")
        #expect(!changed7)
        let changed8 = record.cancel(now: "z")
        #expect(!changed8)
        let changed9 = record.ask(Self.question, key: "k", now: "z")
        #expect(!changed9)
        let changed10 = record.requestInFlight(true, now: "z")
        #expect(!changed10)
        #expect(record.status == .cancelled && record.lastUpdatedAt == "x" && record.outcome == nil)

        var failed = Self.record()
        let changed11 = failed.finish(.error(.invalidParams("bad")), now: "x")
        #expect(changed11)
        let changed12 = failed.cancel(now: "y")
        #expect(!changed12)
        #expect(failed.status == .failed && failed.statusMessage == "bad")
        #expect(failed.task.error == .invalidParams("bad"))
    }

    @Test("finishing withdraws open questions")
    func finishWithQuestions() {
        var record = Self.record()
        let changed13 = record.ask(Self.question, key: "roots-1", now: "a")
        #expect(changed13)
        let changed14 = record.finish(.result([:]), now: "b")
        #expect(changed14)
        #expect(record.status == .completed)
        #expect(record.task.inputRequests == nil)
        #expect(record.task.result == ["resultType": "complete"])
    }

    @Test("2025-11-25 tasks wait while their requests are out, and show no outcome inline")
    func experimental() {
        var record = Self.record(.experimental)
        let changed15 = record.requestInFlight(true, now: "a")
        #expect(changed15)
        let changed16 = record.requestInFlight(true, now: "b")
        #expect(!changed16, "still input_required")
        let changed17 = record.requestInFlight(false, now: "c")
        #expect(!changed17)
        let changed18 = record.requestInFlight(false, now: "d")
        #expect(changed18)
        #expect(record.status == .working)
        let changed19 = record.finish(.result(["content": []]), now: "e")
        #expect(changed19)
        #expect(record.task.result == nil)
        #expect(record.task.wireStyle == .experimental)
    }

    @Test("durations become whole, non-negative milliseconds")
    func milliseconds() {
        #expect(Duration.milliseconds(1500).wholeMilliseconds == 1500)
        #expect(Duration.microseconds(2999).wholeMilliseconds == 2)
        #expect(Duration.seconds(-1).wholeMilliseconds == 0)
    }

    @Test("task identifiers are 32 hex digits and distinct")
    func identifiers() {
        let ids = (0..<100).map { _ in TaskClock.newTaskID() }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
        #expect(TaskClock.timestamp().hasSuffix("Z"))
    }
}
