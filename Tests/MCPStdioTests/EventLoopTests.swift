#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPClient
import MCPCore
@testable import MCPStdio
import Synchronization
import Testing

/// `StdioEventLoop` on its own: a pipe stands in for the server's stdout.
@Suite("StdioEventLoop")
struct StdioEventLoopTests {
    /// A loop reading a pipe on a thread of its own, as `ServerProcess` runs it.
    private final class Harness: Sendable {
        let loop = StdioEventLoop()
        let pipe: (read: Int32, write: Int32)
        /// Everything read from the pipe, and whether reading has ended (after `retire()`).
        let received = Mutex<(bytes: [UInt8], ended: Bool)>(([], false))

        init() throws {
            pipe = try ServerProcess.makePipe()
        }

        func start() throws {
            let started = Mutex(false)
            try startThread(name: "loop-test") { [self] in
                guard let read = try? loop.start(readingFrom: pipe.read) else { return }
                started.withLock { $0 = true }
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read($0) }
                    if count <= 0 { break }
                    received.withLock { $0.bytes += buffer[0..<count] }
                }
                loop.retire()
                _ = systemClose(pipe.read)
                received.withLock { $0.ended = true }
            }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(10)
            while !started.withLock({ $0 }) {
                guard clock.now < deadline else { throw TestFailure("the loop thread did not start") }
                usleep(1000)
            }
        }

        func write(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { systemWrite(pipe.write, $0.baseAddress!, $0.count) }
        }

        func closeWriteEnd() {
            _ = systemClose(pipe.write)
        }
    }

    @Test func beforeItStartsTasksThatPreferItRunOnTheGlobalPool() async throws {
        let harness = try Harness()
        defer {
            harness.closeWriteEnd()
            _ = systemClose(harness.pipe.read)
        }
        let onLoop = await withTaskExecutorPreference(harness.loop) {
            await Task.yield()
            return harness.loop.isCurrentThread
        }
        #expect(!onLoop)
    }

    @Test func tasksThatPreferItRunOnTheReadingThreadBetweenReads() async throws {
        let harness = try Harness()
        try harness.start()
        try await withTaskExecutorPreference(harness.loop) {
            await Task.yield()
            #expect(harness.loop.isCurrentThread)
            // Child tasks inherit the preference; all of them run on the one thread.
            let placements = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        await Task.yield()
                        return harness.loop.isCurrentThread
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(placements.count == 32 && placements.allSatisfy { $0 })
            // The thread still reads while it runs tasks: what the pipe brings arrives.
            harness.write("hello ")
            harness.write("loop")
            let arrived = await waitUntil(timeout: .seconds(10)) { harness.received.withLock { $0.bytes } == Array("hello loop".utf8) }
            #expect(arrived)
            try await Task.sleep(for: .milliseconds(5))
            #expect(harness.loop.isCurrentThread)
        }
        harness.closeWriteEnd()
        #expect(await waitUntil(timeout: .seconds(10)) { harness.received.withLock { $0.ended } })
    }

    @Test func afterReadingEndsTasksThatPreferItMoveToTheGlobalPool() async throws {
        let harness = try Harness()
        try harness.start()
        let outcome = await withTaskExecutorPreference(harness.loop) { () -> (before: Bool, after: Bool, ended: Bool) in
            await Task.yield()
            let before = harness.loop.isCurrentThread
            // The server's stdout closes while this task prefers the loop: it must go on running.
            harness.closeWriteEnd()
            let ended = await waitUntil(timeout: .seconds(10)) { harness.received.withLock { $0.ended } }
            await Task.yield()
            return (before, harness.loop.isCurrentThread, ended)
        }
        #expect(outcome.before)
        #expect(outcome.ended)
        #expect(!outcome.after)
    }

    @Test func aTaskThatKeepsYieldingDoesNotStopReading() async throws {
        let harness = try Harness()
        try harness.start()
        let sawData = try await withDeadline(.seconds(20), "a yield loop on the event loop seeing the pipe's data") {
            await withTaskExecutorPreference(harness.loop) {
                await Task.yield()
                harness.write("ping")
                // Busy-waits with yields: the job is always queued again, and reading must still happen.
                var spins = 0
                while harness.received.withLock({ $0.bytes }).isEmpty, spins < 10_000_000 {
                    await Task.yield()
                    spins += 1
                }
                return harness.loop.isCurrentThread && !harness.received.withLock { $0.bytes }.isEmpty
            }
        }
        #expect(sawData)
        harness.closeWriteEnd()
        #expect(await waitUntil(timeout: .seconds(10)) { harness.received.withLock { $0.ended } })
    }

    @Test func idleWorkRunsOnlyOnTheReadingThreadAfterTheQueuedJobs() async throws {
        let harness = try Harness()
        try harness.start()
        // Not on the reading thread: refused, so the caller falls back.
        #expect(!harness.loop.runWhenIdle {})
        let order = Box<[String]>([])
        await withTaskExecutorPreference(harness.loop) {
            await Task.yield()
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    let accepted = harness.loop.runWhenIdle { order.mutate { $0.append("idle") } }
                    #expect(accepted)
                    order.mutate { $0.append("first") }
                }
                group.addTask { order.mutate { $0.append("second") } }
            }
            _ = await waitUntil(timeout: .seconds(10)) { order.value.count == 3 }
        }
        #expect(order.value.last == "idle", "\(order.value)")
        harness.closeWriteEnd()
        #expect(await waitUntil(timeout: .seconds(10)) { harness.received.withLock { $0.ended } })
    }
}

/// Clients calling real servers from tasks that prefer the transport's event loop.
@Suite("Calls on the stdio event loop", .serialized)
struct EventLoopCallTests {
    private static func timeServer() throws -> StdioServerParameters {
        StdioServerParameters(command: try Paths.venvExecutable("mcp-server-time"), stderr: .discard)
    }

    @Test func sequentialAndConcurrentCallsToARealServerReturnOnTheReadingThread() async throws {
        try await withStdioClient(try Self.timeServer()) { client, transport in
            let executor = try #require(client.preferredTaskExecutor)
            #expect(executor as? StdioEventLoop === transport.eventLoop)
            try await withTaskExecutorPreference(executor) {
                for zone in ["UTC", "Asia/Tokyo", "America/New_York"] {
                    let result = try await client.callTool("get_current_time", arguments: ["timezone": .string(zone)])
                    #expect(transport.eventLoop.isCurrentThread)
                    #expect(try JSONValue(parsing: result.text)["timezone"] == .string(zone))
                }
                // 64 at once: the requests that one read resumes leave together.
                let zones = (0..<64).map { ["UTC", "Europe/Paris", "Asia/Tokyo", "Australia/Sydney"][$0 % 4] }
                let answers = try await withThrowingTaskGroup(of: (Int, String?, Bool).self) { group in
                    for (index, zone) in zones.enumerated() {
                        group.addTask {
                            let result = try await client.callTool("get_current_time", arguments: ["timezone": .string(zone)])
                            return (index, try JSONValue(parsing: result.text)["timezone"]?.stringValue, transport.eventLoop.isCurrentThread)
                        }
                    }
                    return try await group.reduce(into: [Int: (String?, Bool)]()) { $0[$1.0] = ($1.1, $1.2) }
                }
                #expect(answers.count == 64)
                for (index, zone) in zones.enumerated() {
                    #expect(answers[index]?.0 == zone)
                    #expect(answers[index]?.1 == true)
                }
            }
        }
    }

    @Test func connectingFromATaskThatPrefersTheLoopBeforeItRuns() async throws {
        let transport = StdioTransport(try Self.timeServer())
        let client = Client(configuration: testConfiguration())
        try await withDeadline(.seconds(60), "connecting and calling on the loop") {
            try await withTaskExecutorPreference(transport.eventLoop) {
                // The loop is not reading yet: these jobs run on the global pool until it is.
                try await client.connect(transport)
                let result = try await client.callTool("get_current_time", arguments: ["timezone": "UTC"])
                #expect(try JSONValue(parsing: result.text)["timezone"] == "UTC")
                #expect(transport.eventLoop.isCurrentThread)
                await client.close()
            }
        }
    }

    @Test func whenTheServerDiesPendingCallsFailPromptlyAndTheirTasksGoOn() async throws {
        let parameters = try StdioServerParameters.python(try Paths.fault("exit_mid_request.py"))
        try await withStdioClient(parameters) { client, transport in
            try await withTaskExecutorPreference(transport.eventLoop) {
                let hanging = (0..<3).map { _ in
                    Task(executorPreference: transport.eventLoop) { () -> (any Error)? in
                        do {
                            _ = try await client.callTool("hang")
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                guard await waitUntil(timeout: .seconds(30), { transport.recentStderr.filter { $0.hasPrefix("hanging on request") }.count == 3 }) else {
                    throw TestFailure("the server did not receive the hanging requests: \(transport.recentStderr)")
                }
                let (dieError, elapsed) = await measure { () -> (any Error)? in
                    do {
                        _ = try await client.callTool("die", arguments: ["code": 3])
                        return nil
                    } catch {
                        return error
                    }
                }
                #expect(elapsed < .seconds(5))
                for error in [dieError] + (await hanging.asyncMap { await $0.value }) {
                    let transportError = error.flatMap(transportError(in:))
                    #expect(transportError?.code == .processExited, "\(String(describing: error))")
                }
                // The loop's thread is gone; these tasks carry on on the global pool.
                #expect(!transport.eventLoop.isCurrentThread)
                #expect(transport.exitStatus == .exited(3))
            }
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var results: [T] = []
        for element in self { results.append(await transform(element)) }
        return results
    }
}
