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
import Testing

/// Properties observed from outside a process, each test running its scenario in a helper
/// process (this test bundle again, see ``HelperProcess``) and checking what it reports.
///
/// Each test is also the helper's code: run with the helper role set, it plays that part instead.
@Suite("Seen from another process")
struct HelperProcessTests {
    private static func filter(_ test: String) -> String { "HelperProcessTests/\(test)" }

    // MARK: Parent death

    @Test func theServerDiesWhenTheProcessThatStartedItIsKilled() async throws {
        if HelperProcess.isHelper(for: "parent-death") {
            // Ignores SIGTERM, SIGHUP and end of input: only SIGKILL ends it.
            let transport = StdioTransport(try StdioServerParameters.python(
                try Paths.fault("lifecycle.py"), ["--on-eof", "linger", "--on-sigterm", "ignore"]
            ))
            _ = try await transport.connect()
            try HelperProcess.report("server", "\(try #require(transport.processID))")
            try await Task.sleep(for: .seconds(60))
            return
        }
        try await HelperProcess.run(role: "parent-death", test: Self.filter("theServerDiesWhenTheProcessThatStartedItIsKilled")) { helper in
            let helperPID = try #require(helper.transport.processID)
            let serverPID = try #require(Int32(try await helper.value(for: "server")))
            let server = try ObservedProcess(pid: serverPID)
            #expect(server.isAlive)
            #expect(server.snapshot?.parent == helperPID, "the server is the helper's child")

            kill(helperPID, SIGKILL)
            #expect(await waitUntil { helper.transport.exitStatus != nil })
            #expect(helper.transport.exitStatus == .signaled(SIGKILL))
            // The kernel kills it (PR_SET_PDEATHSIG); init reaps it.
            #expect(await waitUntil { !server.isAlive }, "\(server) outlived the process that started it")
            if server.isAlive { kill(serverPID, SIGKILL) }
        }
    }

    // MARK: Stderr passed through

    @Test func passedThroughStderrReachesThisProcesssStderr() async throws {
        if HelperProcess.isHelper(for: "passthrough") {
            let marker = try #require(getenv("MCP_STDIO_TEST_MARKER").map { String(cString: $0) })
            // The default handling: passed through.
            let parameters = StdioServerParameters(command: try Paths.python(), arguments: ["-B", "-u", try Paths.fault("stderr_lines.py")])
            try await withStdioClient(parameters) { client, transport in
                _ = try await client.callTool("say", arguments: ["lines": [.string(marker)]])
                guard await waitUntil(timeout: .seconds(30), { transport.recentStderr.last == marker }) else {
                    throw TestFailure("the marker never reached the stderr reader")
                }
            }
            try HelperProcess.report("done", "1")
            return
        }
        let marker = "passed through \(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let lines = Box<[String]>([])
        try await HelperProcess.run(
            role: "passthrough",
            test: Self.filter("passedThroughStderrReachesThisProcesssStderr"),
            environment: ["MCP_STDIO_TEST_MARKER": marker],
            stderr: .lines { line in lines.mutate { $0.append(line) } }
        ) { helper in
            _ = try await helper.value(for: "done")
            #expect(await waitUntil(timeout: .seconds(30)) { lines.value.contains(marker) }, "the helper's stderr: \(lines.value.suffix(20))")
            let seen = lines.value
            // The server's own lines, in order.
            let start = try #require(seen.firstIndex(of: "start one"), "\(seen.suffix(20))")
            #expect(Array(seen[start..<min(start + 3, seen.count)]) == ["start one", "start two", "start three: ünïcødé ✓"])
        }
    }

    // MARK: Environment

    @Test func theServerEnvironmentIsMinimalUnlessInheritedOrGiven() async throws {
        if HelperProcess.isHelper(for: "environment") {
            func environment(of parameters: StdioServerParameters) async throws -> String {
                try await withStdioClient(parameters) { client, _ in
                    let result = try await client.callTool("environment")
                    return try #require(result.structuredContent?["environment"]).jsonString()
                }
            }
            let script = try Paths.fault("report_env.py")
            var minimal = try StdioServerParameters.python(script)
            try HelperProcess.report("minimal", try await environment(of: minimal))
            try HelperProcess.report("resolved", try JSONValue(encoding: minimal.resolvedEnvironment()).jsonString())
            minimal.inheritsEnvironment = true
            try HelperProcess.report("inherited", try await environment(of: minimal))
            try HelperProcess.report("given", try await environment(of: try .python(script, environment: ["MCP_TEST_SECRET_TOKEN": "given on purpose"])))
            return
        }
        let secret = "hunter2-\(getpid())"
        try await HelperProcess.run(
            role: "environment",
            test: Self.filter("theServerEnvironmentIsMinimalUnlessInheritedOrGiven"),
            environment: ["MCP_TEST_SECRET_TOKEN": secret, "AWS_SECRET_ACCESS_KEY": secret]
        ) { helper in
            func decode(_ key: String) async throws -> [String: String] {
                try JSONValue(parsing: try await helper.value(for: key)).decode([String: String].self)
            }
            let given = try await decode("given")
            let minimal = try await decode("minimal")
            let resolved = try await decode("resolved")
            let inherited = try await decode("inherited")

            // By default: the six basic variables and nothing else (Python adds LC_CTYPE itself when
            // the locale is C, PEP 538), so neither secret nor the helper's own variables.
            var withoutPython = minimal
            withoutPython.removeValue(forKey: "LC_CTYPE")
            #expect(withoutPython == resolved)
            #expect(Set(withoutPython.keys).isSubset(of: StdioServerParameters.defaultEnvironmentKeys))
            #expect(withoutPython["PATH"] != nil)
            #expect(minimal["MCP_TEST_SECRET_TOKEN"] == nil)
            #expect(minimal["AWS_SECRET_ACCESS_KEY"] == nil)
            #expect(minimal[HelperProcess.roleVariable] == nil)
            // Inheriting passes everything.
            #expect(inherited["MCP_TEST_SECRET_TOKEN"] == secret)
            #expect(inherited["AWS_SECRET_ACCESS_KEY"] == secret)
            #expect(inherited[HelperProcess.roleVariable] == "environment")
            #expect(inherited["PATH"] == minimal["PATH"])
            // Given explicitly: passed, the other secret still not.
            #expect(given["MCP_TEST_SECRET_TOKEN"] == "given on purpose")
            #expect(given["AWS_SECRET_ACCESS_KEY"] == nil)
        }
    }

    // MARK: Idle CPU

    @Test func anIdleSessionUsesNoCPU() async throws {
        if HelperProcess.isHelper(for: "idle-cpu") {
            // A real Swift MCPServer (`mcp demo-server`, over StdioServerTransport) at the far end.
            let parameters = StdioServerParameters(command: try Paths.mcpExecutable(), arguments: ["demo-server"], stderr: .discard)
            try await withStdioClient(parameters) { client, transport in
                // Warm up everything a session uses: requests, progress, notifications, timers.
                _ = try await client.listAllTools()
                _ = try await client.callTool("countdown", arguments: ["n": 2, "delayMilliseconds": 10])
                try await client.setLoggingLevel(.info)
                try await client.ping()
                let serverPID = try #require(transport.processID)
                try await Task.sleep(for: .milliseconds(300))
                let before = processCPUTime()
                let serverBefore = try Self.cpuTicks(of: serverPID)
                let clock = ContinuousClock()
                let start = clock.now
                try await Task.sleep(for: .seconds(1))
                let elapsed = clock.now - start
                let used = processCPUTime() - before
                let serverUsed = try Self.cpuTicks(of: serverPID) - serverBefore
                try HelperProcess.report("clientMicroseconds", "\(Int(used.seconds * 1e6))")
                try HelperProcess.report("serverTicks", "\(serverUsed)")
                try HelperProcess.report("idleMilliseconds", "\(Int(elapsed.seconds * 1000))")
                try HelperProcess.report("threads", Self.busyThreads())
                // Still working after the pause.
                try await client.ping()
            }
            return
        }
        try await HelperProcess.run(role: "idle-cpu", test: Self.filter("anIdleSessionUsesNoCPU")) { helper in
            let client = try #require(Int(try await helper.value(for: "clientMicroseconds")))
            let serverTicks = try #require(Int(try await helper.value(for: "serverTicks")))
            let idle = try #require(Int(try await helper.value(for: "idleMilliseconds")))
            let threads = helper.report["threads"] ?? ""
            print("[HelperProcessTests] idle session: client process used \(client) µs of CPU in \(idle) ms; the server \(serverTicks) clock ticks; threads: \(threads)")
            #expect(idle >= 1000)
            // A polling loop would burn a large share of a core; blocked threads use none.
            #expect(client < 20_000, "the client process used \(client) µs of CPU in \(idle) ms idle; threads: \(threads)")
            #expect(serverTicks <= 1, "the server used \(serverTicks) ticks (10 ms each) idle")
        }
    }

    /// User + system CPU time of a process, in clock ticks (/proc/<pid>/stat fields 14 and 15).
    private static func cpuTicks(of pid: Int32) throws -> Int {
        try cpuTicks(statPath: "/proc/\(pid)/stat")
    }

    private static func cpuTicks(statPath: String) throws -> Int {
        guard let text = Files.readText(statPath), let close = text.lastIndex(of: ")") else {
            throw TestFailure("no \(statPath)")
        }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else {
            throw TestFailure("unreadable \(statPath)")
        }
        return user + system
    }

    /// This process's threads that have used CPU, for diagnostics: "name:ticks,…".
    private static func busyThreads() -> String {
        guard let directory = opendir("/proc/self/task") else { return "" }
        defer { closedir(directory) }
        var result: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let tid = Int32(name), let ticks = try? cpuTicks(statPath: "/proc/self/task/\(tid)/stat") else { continue }
            let comm = Files.readText("/proc/self/task/\(tid)/comm")?.trimmingCharacters(in: "\n") ?? "?"
            result.append("\(comm):\(ticks)")
        }
        return result.sorted().joined(separator: ",")
    }

    // MARK: Failing fast

    @Test func everyPendingRequestFailsWithin100msOfTheServersExit() async throws {
        if HelperProcess.isHelper(for: "exit-timing") {
            var delays: [Double] = []
            var reported: [Bool] = []
            for _ in 0..<3 {
                let reportsBefore = TestSanitizer.reportBytes()
                let outcome = try await runExitMidRequestScenario()
                let stalled = TestSanitizer.reportBytes() != reportsBefore
                guard outcome.errors.count == 4, outcome.errors.allSatisfy({ transportError(in: $0.error)?.code == .processExited }) else {
                    throw TestFailure("unexpected outcome: \(outcome.errors)")
                }
                delays += outcome.delays
                reported += outcome.delays.map { _ in stalled }
            }
            try HelperProcess.report("delays", delays.map { String(Int($0 * 1e6)) }.joined(separator: ","))
            try HelperProcess.report("reported", reported.map { $0 ? "1" : "0" }.joined(separator: ","))
            return
        }
        try await HelperProcess.run(role: "exit-timing", test: Self.filter("everyPendingRequestFailsWithin100msOfTheServersExit")) { helper in
            let delays = try await helper.value(for: "delays").split(separator: ",").compactMap { Int($0) }
            print("[HelperProcessTests] pending requests failed \(delays.map { "\($0 / 1000) ms" }) after the server's exit")
            let reported = try await helper.value(for: "reported").split(separator: ",").map { $0 == "1" }
            #expect(delays.count == 12)
            #expect(reported.count == 12)
            // 100 ms, scaled under a sanitizer (where everything runs 5-15x slower); 10 s for a
            // scenario during which the helper wrote a sanitizer report, which stops the reporting
            // thread for seconds under load (see TestSanitizer.reportBytes()).
            let bounds = reported.map { $0 ? 10_000_000 : 100_000 * TestSanitizer.timeScale }
            #expect(zip(delays, bounds).allSatisfy { $0 >= 0 && $0 < $1 }, "delays in µs: \(delays), with a report: \(reported)")
        }
    }

    // MARK: A busy concurrency pool

    @Test func aServersLastWordsAreReadEvenWhenTheConcurrencyPoolIsBusy() async throws {
        if HelperProcess.isHelper(for: "busy-pool") {
            // Occupy every thread of the global concurrent executor for 400 ms, so nothing that
            // needs it (such as resuming `connect()`) runs meanwhile; the server exits at once.
            let clock = ContinuousClock()
            let until = clock.now + .milliseconds(400)
            let spinners = (0..<max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)).map { _ in
                Task.detached {
                    while clock.now < until {}
                }
            }
            let transport = StdioTransport(StdioServerParameters(
                command: "/bin/sh",
                arguments: ["-c", "echo 'fatal: last words' >&2; exit 1"],
                stderr: .discard
            ))
            let events = try await transport.connect()
            var message = "no error"
            do {
                for try await _ in events {}
            } catch {
                message = "\(error)"
            }
            for spinner in spinners { await spinner.value }
            try HelperProcess.report("pool-busy-until-connect-returned", clock.now >= until ? "yes" : "no")
            try HelperProcess.report("error", message.split(separator: "\n").joined(separator: " | "))
            await transport.close()
            return
        }
        try await HelperProcess.run(role: "busy-pool", test: Self.filter("aServersLastWordsAreReadEvenWhenTheConcurrencyPoolIsBusy")) { helper in
            let error = try await helper.value(for: "error")
            #expect(error.contains("exited with status 1"), "\(error)")
            #expect(error.contains("fatal: last words"), "the stderr tail is missing: \(error)")
        }
    }

    // MARK: Memory under a stderr flood

    @Test func aStderrFloodKeepsMemoryBounded() async throws {
        if HelperProcess.isHelper(for: "flood-memory") {
            let count = Box(0)
            let parameters = try StdioServerParameters.python(
                try Paths.fault("flood_stderr.py"),
                stderr: .lines { _ in count.mutate { $0 += 1 } }
            )
            try await withStdioClient(parameters) { client, transport in
                try await client.ping()
                let baseline = memoryInUseKilobytes()
                _ = try await client.callTool("flood", arguments: JSONObject())
                var highest = baseline
                // Until 32 MiB have gone through (or 30 s have passed, on a very busy machine).
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(30)
                while clock.now < deadline {
                    highest = max(highest, memoryInUseKilobytes())
                    let status = try await client.callTool("flood_status")
                    if (status.structuredContent?["bytes"]?.intValue ?? 0) >= 32 << 20 { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                let stopped = try await client.callTool("stop_flood")
                let written = stopped.structuredContent?["lines"]?.intValue ?? -1
                guard await waitUntil(timeout: .seconds(30), { count.value == written + 1 }) else {
                    throw TestFailure("\(count.value) stderr lines delivered, \(written + 1) written")
                }
                highest = max(highest, memoryInUseKilobytes())
                try HelperProcess.report("baseline", "\(baseline)")
                try HelperProcess.report("highest", "\(highest)")
                try HelperProcess.report("bytes", "\(stopped.structuredContent?["bytes"]?.intValue ?? -1)")
                try HelperProcess.report("lines", "\(count.value)")
                try HelperProcess.report("tail", "\(transport.recentStderr.count)")
            }
            return
        }
        try await HelperProcess.run(role: "flood-memory", test: Self.filter("aStderrFloodKeepsMemoryBounded")) { helper in
            let lines = try #require(Int(try await helper.value(for: "lines", timeout: .seconds(90))))
            let baseline = try #require(Int(try await helper.value(for: "baseline")))
            let highest = try #require(Int(try await helper.value(for: "highest")))
            let bytes = try #require(Int(try await helper.value(for: "bytes")))
            let tail = try #require(Int(try await helper.value(for: "tail")))
            print("[HelperProcessTests] stderr flood of \(bytes >> 20) MiB (\(lines) lines): memory in use \(baseline) kB before, at most \(highest) kB during")
            #expect(bytes > 8 << 20, "the flood was too small to tell: \(bytes) bytes")
            #expect(tail == 20, "the kept tail has \(tail) lines")
            // Keeping the lines would grow memory by more than the bytes that flowed; a bounded
            // reader grows it by its buffers only.
            let growth = highest - baseline
            #expect(growth < min(16 * 1024, bytes / 1024 / 4), "resident memory grew by \(growth) kB while \(bytes >> 20) MiB went through")
        }
    }

    // MARK: No zombies

    @Test func noZombieIsLeftWhateverHappensToTheServers() async throws {
        if HelperProcess.isHelper(for: "zombies") {
            let python = try Paths.python()
            let lifecycle = try Paths.fault("lifecycle.py")
            // Servers that cannot start (the forked child fails before exec).
            for parameters in [
                StdioServerParameters(command: "/nonexistent/server"),
                StdioServerParameters(command: try Paths.fault("garbage.py")),
                StdioServerParameters(command: "/bin/sh", workingDirectory: "/nonexistent"),
            ] {
                let transport = StdioTransport(parameters)
                _ = try? await transport.connect()
                await transport.close()
            }
            // A server that crashes, then is closed.
            let crashing = StdioTransport(StdioServerParameters(command: "/bin/sh", arguments: ["-c", "kill -SEGV $$"], stderr: .discard))
            _ = try await crashing.connect()
            _ = await waitUntil { crashing.exitStatus != nil }
            await crashing.close()
            // Closed normally, closed after ignoring SIGTERM (with a grandchild), dropped unclosed.
            try await withStdioClient(StdioServerParameters(command: python, arguments: ["-B", lifecycle], stderr: .discard)) { client, _ in
                try await client.ping()
            }
            let stubborn = StdioServerParameters(
                command: python,
                arguments: ["-B", lifecycle, "--on-eof", "linger", "--on-sigterm", "ignore"],
                stderr: .discard,
                stdinCloseGracePeriod: .milliseconds(50),
                terminateGracePeriod: .milliseconds(50)
            )
            try await withStdioClient(stubborn) { client, _ in
                _ = try await client.callTool("spawn_grandchild")
            }
            do {
                let dropped = StdioTransport(stubborn)
                _ = try await dropped.connect()
            }
            // Reaping is asynchronous for the dropped one: give it a moment.
            _ = await waitUntil(timeout: .seconds(30)) { Self.children().isEmpty }
            try HelperProcess.report("children", Self.children().map { "\($0.pid):\($0.state)" }.joined(separator: ","))
            return
        }
        try await HelperProcess.run(role: "zombies", test: Self.filter("noZombieIsLeftWhateverHappensToTheServers")) { helper in
            let children = try await helper.value(for: "children")
            #expect(children.isEmpty, "children left (pid:state, Z for zombie): \(children)")
        }
    }

    /// This process's children, from /proc.
    private static func children() -> [(pid: Int32, state: Character)] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var result: [(Int32, Character)] = []
        let me = getpid()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = Int32(name), let snapshot = ProcessSnapshot.of(pid), snapshot.parent == me else { continue }
            // A sanitizer's runtime starts `llvm-symbolizer` as a child of the process at its first
            // report (to symbolize it) and keeps it for the process's life: not a server's.
            if TestSanitizer.name != nil, Files.readText("/proc/\(pid)/comm")?.hasPrefix("llvm-symbolizer") == true { continue }
            result.append((pid, snapshot.state))
        }
        return result
    }
}

extension String {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var result = Substring(self)
        while let last = result.last, characters.contains(last) { result = result.dropLast() }
        while let first = result.first, characters.contains(first) { result = result.dropFirst() }
        return String(result)
    }
}
