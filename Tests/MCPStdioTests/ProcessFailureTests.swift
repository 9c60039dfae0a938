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

/// Seconds since the epoch, comparable with Python's `time.time()` in another process.
func wallClockSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// What happened to the requests pending when `exit_mid_request.py` exited.
struct ExitScenarioOutcome {
    /// Each request's error.
    var errors: [(name: String, error: any Error)]
    /// How long after the server's exit each request failed.
    var delays: [Double]
    var exitStatus: MCPStdio.ExitStatus?
    var stillConnected: Bool
}

/// Three requests hang in the server, then a fourth makes it exit with status 3: returns how
/// each of the four failed, and how long after the exit (the server stamps the moment it exits
/// on stderr).
func runExitMidRequestScenario() async throws -> ExitScenarioOutcome {
    let parameters = try StdioServerParameters.python(try Paths.fault("exit_mid_request.py"))
    return try await withStdioClient(parameters) { client, transport in
        let failures = Box<[(String, any Error, Double)]>([])
        let hanging = (0..<3).map { index in
            Task {
                do {
                    _ = try await client.callTool("hang")
                } catch {
                    failures.mutate { $0.append(("hang \(index)", error, wallClockSeconds())) }
                }
            }
        }
        // The server has all three before it is told to die.
        guard await waitUntil(timeout: .seconds(30), { transport.recentStderr.filter { $0.hasPrefix("hanging on request") }.count == 3 }) else {
            throw TestFailure("the server did not receive the hanging requests: \(transport.recentStderr)")
        }
        do {
            _ = try await client.callTool("die", arguments: ["code": 3])
            throw TestFailure("the call that killed the server succeeded")
        } catch let error as TestFailure {
            throw error
        } catch {
            failures.mutate { $0.append(("die", error, wallClockSeconds())) }
        }
        for task in hanging { await task.value }
        let stamp = transport.recentStderr.first { $0.hasPrefix("exit at ") }
        guard let exitedAt = stamp.flatMap({ Double($0.dropFirst("exit at ".count)) }) else {
            throw TestFailure("the server did not stamp its exit: \(transport.recentStderr)")
        }
        let all = failures.value
        return ExitScenarioOutcome(
            errors: all.map { ($0.0, $0.1) },
            delays: all.map { $0.2 - exitedAt },
            exitStatus: transport.exitStatus,
            stillConnected: client.isConnected
        )
    }
}

/// A server that dies, crashes, breaks its pipes or cannot be started.
@Suite("Server failures")
struct ProcessFailureTests {
    @Test func aServerThatExitsMidRequestFailsEveryPendingRequestWithItsStatusAndStderr() async throws {
        let outcome = try await runExitMidRequestScenario()
        #expect(outcome.exitStatus == .exited(3))
        #expect(outcome.errors.count == 4)
        for (name, error) in outcome.errors {
            #expect((error as? ClientError)?.code == .connectionClosed, "\(name): \(error)")
            let underlying = transportError(in: error)
            #expect(underlying?.code == .processExited, "\(name): \(error)")
            let message = underlying?.message ?? ""
            #expect(message.contains("exited with status 3"), "\(name): \(message)")
            #expect(message.contains("fatal: the disk is on fire\nexiting with status 3\nexit at "), "\(name): \(message)")
        }
        // Promptly, even with the rest of the suite running alongside; the 100 ms bound is
        // checked in a process of its own (HelperProcessTests).
        #expect(outcome.delays.allSatisfy { $0 < 10 }, "failed \(outcome.delays) s after the exit")
        #expect(!outcome.stillConnected)
    }

    @Test func aServerThatCrashesReportsTheSignalAndItsLastWords() async throws {
        let parameters = try StdioServerParameters.python(try Paths.fault("exit_mid_request.py"))
        try await withStdioClient(parameters) { client, transport in
            let error = await #expect(throws: ClientError.self) { try await client.callTool("crash") }
            let underlying = try #require(error.flatMap { transportError(in: $0) })
            #expect(underlying.code == .processExited)
            #expect(underlying.message.contains("was killed by signal 11 (SIGSEGV)"), "\(underlying.message)")
            #expect(underlying.message.contains("about to crash with SIGSEGV"), "\(underlying.message)")
            #expect(transport.exitStatus == .signaled(SIGSEGV))
            #expect(transport.recentStderr.last == "about to crash with SIGSEGV")
        }
    }

    @Test func aServerThatExitsBeforeTheHandshakeFailsConnect() async throws {
        let transport = StdioTransport(StdioServerParameters(
            command: "/bin/sh",
            arguments: ["-c", "echo 'boom: no configuration file' >&2; exit 7"],
            stderr: .discard
        ))
        let client = Client(configuration: testConfiguration())
        let error = await #expect(throws: (any Error).self) { try await client.connect(transport) }
        let description = error.map { "\($0)" } ?? ""
        #expect(description.contains("exited with status 7"), "\(description)")
        #expect(transport.exitStatus == .exited(7))
        #expect(transport.recentStderr == ["boom: no configuration file"])
        await client.close()
    }

    @Test func aServerThatExitsCleanlyByItselfStillEndsTheStreamWithItsStatus() async throws {
        let transport = StdioTransport(StdioServerParameters(command: "/bin/sh", arguments: ["-c", "echo bye >&2"], stderr: .discard))
        let events = try await transport.connect()
        let error = await #expect(throws: TransportError.self) {
            for try await _ in events {}
        }
        #expect(error?.code == .processExited)
        #expect(error?.message.contains("exited with status 0") == true, "\(String(describing: error))")
        #expect(error?.message.contains("bye") == true, "\(String(describing: error))")
        await transport.close()
    }

    @Test func aServerThatClosesStdoutButKeepsRunningIsReported() async throws {
        let parameters = try StdioServerParameters.python(
            try Paths.fault("broken_pipes.py"),
            stdinCloseGracePeriod: .milliseconds(200),
            terminateGracePeriod: .milliseconds(500)
        )
        let pid = try await withStdioClient(parameters) { client, transport in
            let pid = try #require(transport.processID)
            let server = try ObservedProcess(pid: pid)
            let (error, elapsed) = await measure {
                await #expect(throws: ClientError.self) { try await client.callTool("close_stdout") }
            }
            let underlying = try #require(error.flatMap { transportError(in: $0) }, "\(String(describing: error))")
            #expect(underlying.code == .ioFailed)
            #expect(underlying.message.contains("closed its stdout but is still running"), "\(underlying.message)")
            #expect(server.isAlive, "the server is still running when its request fails")
            #expect(transport.exitStatus == nil)
            #expect(elapsed < .seconds(60))
            return server
        }
        // Closing stopped it and reaped it.
        #expect(pid.isGone, "\(pid)")
        #expect(!isUnreapedChild(pid.pid))
    }

    @Test func writingToAServerThatClosedItsStdinFailsWithoutSIGPIPE() async throws {
        let parameters = try StdioServerParameters.python(
            try Paths.fault("broken_pipes.py"),
            stdinCloseGracePeriod: .milliseconds(100),
            terminateGracePeriod: .milliseconds(500)
        )
        try await withStdioClient(parameters) { client, transport in
            let closing = try await client.callTool("close_stdin")
            #expect(closing.text == "closing stdin")
            #expect(await waitUntil { transport.recentStderr.contains("stdin closed; still running") })
            // Straight through the transport: EPIPE, reported as an error.
            let direct = await #expect(throws: TransportError.self) {
                try await transport.send(.notification(JSONRPCNotification(method: "notifications/ping-test", params: nil)))
            }
            #expect(direct?.code == .ioFailed)
            #expect(direct?.message.contains("stdin is closed") == true, "\(String(describing: direct))")
            // Through the client: the request fails, this process lives on.
            let viaClient = await #expect(throws: ClientError.self) { try await client.ping() }
            #expect(viaClient?.code == .connectionClosed)
            #expect(viaClient.flatMap { transportError(in: $0) }?.code == .ioFailed, "\(String(describing: viaClient))")
        }
        var action = sigaction()
        sigaction(SIGPIPE, nil, &action)
        #expect(unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self),
            "the transport ignores SIGPIPE in this process")
    }

    @Test func aLargeWriteToAServerThatDiesFailsInsteadOfKillingUs() async throws {
        let parameters = try StdioServerParameters.python(try Paths.fault("broken_pipes.py"))
        try await withStdioClient(parameters) { client, transport in
            let stopped = try await client.callTool("stop_reading", arguments: ["seconds": 0.3])
            #expect(stopped.text == "no longer reading")
            // 4 MB does not fit in the pipe: the rest waits in the writer until the server exits.
            let payload = String(repeating: "z", count: 4 << 20)
            let notification = JSONRPCMessage.notification(JSONRPCNotification(method: "notifications/big", params: ["payload": .string(payload)]))
            let (error, elapsed) = await measure {
                await #expect(throws: TransportError.self) { try await transport.send(notification) }
            }
            #expect(error?.code == .ioFailed, "\(String(describing: error))")
            #expect(elapsed < .seconds(60))
            #expect(await waitUntil { transport.exitStatus != nil })
            #expect(transport.exitStatus == .exited(4))
            // Once the exit is known, a failed write says how the server ended.
            let after = await #expect(throws: TransportError.self) { try await transport.send(notification) }
            #expect(after?.message.contains("exited with status 4") == true, "\(String(describing: after))")
        }
    }

    @Test func theServerDoesNotInheritIgnoredSIGPIPEOrABlockedSignalMask() async throws {
        // `sleep` leaves its signal dispositions as it found them (Python would ignore SIGPIPE).
        let transport = StdioTransport(StdioServerParameters(command: "sleep", arguments: ["600"], stderr: .discard, stdinCloseGracePeriod: .milliseconds(10)))
        _ = try await transport.connect()
        let pid = try #require(transport.processID)
        // Read until it opens: under a full parallel run, descriptors can be short for a moment.
        var statusText: String?
        for _ in 0..<100 where statusText == nil {
            statusText = Files.readText("/proc/\(pid)/status")
            if statusText == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let status = try #require(statusText, "cannot read /proc/\(pid)/status (errno \(errno)); exit status: \(String(describing: transport.exitStatus))")
        func mask(_ name: String) -> UInt64? {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { UInt64($0.split(separator: "\t").last.map(String.init) ?? "", radix: 16) }
        }
        let ignored = try #require(mask("SigIgn"))
        let blocked = try #require(mask("SigBlk"))
        #expect(ignored & (1 << (UInt64(SIGPIPE) - 1)) == 0, "SIGPIPE is ignored in the server: SigIgn \(String(ignored, radix: 16))")
        #expect(blocked == 0, "signals blocked in the server: SigBlk \(String(blocked, radix: 16))")
        await transport.close()
        #expect(transport.exitStatus == .signaled(SIGTERM))
    }

    @Test func aCommandThatDoesNotExistFailsToConnectClearly() async throws {
        let transport = StdioTransport(StdioServerParameters(command: "mcp-server-that-does-not-exist-\(getpid())", stderr: .discard))
        let error = await #expect(throws: TransportError.self) { try await Client().connect(transport) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message == "command not found: mcp-server-that-does-not-exist-\(getpid()) (searched PATH of the server's environment)")
        #expect(transport.processID == nil)

        let missingPath = StdioTransport(StdioServerParameters(command: "/nonexistent/bin/mcp-server", stderr: .discard))
        let pathError = await #expect(throws: TransportError.self) { try await missingPath.connect() }
        #expect(pathError?.code == .connectionFailed)
        #expect(pathError?.description.contains("No such file or directory") == true, "\(String(describing: pathError))")
        #expect(missingPath.processID == nil)
    }

    @Test func aFileThatIsNotExecutableFailsToConnectClearly() async throws {
        let script = try Paths.fault("garbage.py")  // mode 644
        let transport = StdioTransport(StdioServerParameters(command: script, stderr: .discard))
        let error = await #expect(throws: TransportError.self) { try await transport.connect() }
        #expect(error?.code == .connectionFailed)
        #expect(error?.description.contains("Permission denied") == true, "\(String(describing: error))")
    }

    @Test func aWorkingDirectoryThatDoesNotExistFailsToConnectClearly() async throws {
        let transport = StdioTransport(StdioServerParameters(command: "/bin/sh", arguments: ["-c", "exit 0"], workingDirectory: "/nonexistent/directory", stderr: .discard))
        let error = await #expect(throws: TransportError.self) { try await transport.connect() }
        #expect(error?.code == .connectionFailed)
        #expect(error?.description.contains("No such file or directory") == true, "\(String(describing: error))")
    }
}
