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

/// Parameters for `lifecycle.py` with the given reactions and grace periods.
private func lifecycleServer(
    onEOF: String = "exit",
    onSIGTERM: String = "exit",
    stdinGrace: Duration = .seconds(2),
    terminateGrace: Duration = .seconds(2)
) throws -> StdioServerParameters {
    try StdioServerParameters.python(
        try Paths.fault("lifecycle.py"),
        ["--on-eof", onEOF, "--on-sigterm", onSIGTERM],
        stdinCloseGracePeriod: stdinGrace,
        terminateGracePeriod: terminateGrace
    )
}

/// Asks the lifecycle server to start a grandchild in its process group.
private func spawnGrandchild(_ client: Client, serverPID: Int32) async throws -> ObservedProcess {
    let result = try await client.callTool("spawn_grandchild")
    let pid = try #require(result.structuredContent?["pid"]?.intValue, "no pid in \(result)")
    let grandchild = try ObservedProcess(pid: Int32(pid))
    #expect(result.structuredContent?["group"]?.intValue == Int(serverPID), "the grandchild is in the server's group")
    #expect(grandchild.snapshot?.parent == serverPID)
    return grandchild
}

/// Checks that a server is completely gone after close: exited, reaped by the transport (no
/// zombie), no child of ours any more.
private func expectReaped(_ server: ObservedProcess, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(server.isGone, "\(server) is still in the process table", sourceLocation: sourceLocation)
    #expect(!isUnreapedChild(server.pid), "\(server.pid) is still an unreaped child", sourceLocation: sourceLocation)
}

/// The close sequence (stdin, SIGTERM, SIGKILL to the process group), process groups, and that
/// nothing is ever left behind.
@Suite("Lifecycle")
struct LifecycleTests {
    @Test func theServerRunsInItsOwnProcessGroup() async throws {
        try await withStdioClient(try lifecycleServer()) { client, transport in
            let pid = try #require(transport.processID)
            let snapshot = try #require(ProcessSnapshot.of(pid))
            #expect(snapshot.processGroup == pid)
            #expect(snapshot.processGroup != getpgrp())
            #expect(snapshot.parent == getpid())
            let reported = try await client.callTool("pid")
            #expect(reported.structuredContent == ["pid": .int(Int(pid)), "group": .int(Int(pid))])
        }
    }

    @Test func closeLetsAServerThatExitsOnEndOfInputExitByItself() async throws {
        let transport = StdioTransport(try lifecycleServer(stdinGrace: .seconds(30)))
        let client = Client(configuration: testConfiguration())
        try await client.connect(transport)
        let server = try ObservedProcess(pid: try #require(transport.processID))
        let (_, elapsed) = await measure { await client.close() }
        #expect(transport.exitStatus == .exited(0), "it exited on end of input, before any signal")
        #expect(elapsed < .seconds(30), "close took \(elapsed): it waited out the grace period instead of returning at the exit")
        #expect(transport.recentStderr.last == "stdin closed")
        expectReaped(server)
    }

    @Test func closeSendsSIGTERMAfterTheStdinGracePeriod() async throws {
        let transport = StdioTransport(try lifecycleServer(onEOF: "linger", stdinGrace: .milliseconds(300), terminateGrace: .seconds(30)))
        let client = Client(configuration: testConfiguration())
        try await client.connect(transport)
        let server = try ObservedProcess(pid: try #require(transport.processID))
        let (_, elapsed) = await measure { await client.close() }
        #expect(transport.exitStatus == .signaled(SIGTERM))
        #expect(elapsed >= .milliseconds(300), "SIGTERM came before the stdin grace period ended: \(elapsed)")
        #expect(elapsed < .milliseconds(300) + .seconds(30), "close took \(elapsed)")
        expectReaped(server)
    }

    @Test func closeEscalatesToSIGKILLForAServerThatIgnoresSIGTERM() async throws {
        let transport = StdioTransport(
            try lifecycleServer(onEOF: "linger", onSIGTERM: "ignore", stdinGrace: .milliseconds(200), terminateGrace: .milliseconds(300))
        )
        let client = Client(configuration: testConfiguration())
        try await client.connect(transport)
        let serverPID = try #require(transport.processID)
        let server = try ObservedProcess(pid: serverPID)
        // Its child ignores SIGTERM too.
        let grandchild = try await spawnGrandchild(client, serverPID: serverPID)
        let (_, elapsed) = await measure { await client.close() }
        #expect(transport.exitStatus == .signaled(SIGKILL))
        #expect(elapsed >= .milliseconds(500), "SIGKILL came before both grace periods ended: \(elapsed)")
        #expect(elapsed < .seconds(30), "close took \(elapsed)")
        expectReaped(server)
        // The whole group got SIGKILL: the grandchild is dead too (reaped by init, or about to be).
        #expect(await waitUntil { !grandchild.isAlive }, "\(grandchild) survived close")
    }

    @Test func closeLeavesNoGrandchildBehindWhenTheServerExitsOnEndOfInput() async throws {
        let transport = StdioTransport(try lifecycleServer(stdinGrace: .seconds(2), terminateGrace: .milliseconds(300)))
        let client = Client(configuration: testConfiguration())
        try await client.connect(transport)
        let serverPID = try #require(transport.processID)
        let server = try ObservedProcess(pid: serverPID)
        let grandchild = try await spawnGrandchild(client, serverPID: serverPID)
        await client.close()
        #expect(transport.exitStatus == .exited(0))
        expectReaped(server)
        #expect(await waitUntil { !grandchild.isAlive }, "\(grandchild) survived close")
    }

    @Test func closeLeavesNoGrandchildBehindWhenTheServerAlreadyDied() async throws {
        let transport = StdioTransport(try lifecycleServer(onEOF: "linger", stdinGrace: .milliseconds(100), terminateGrace: .milliseconds(300)))
        let client = Client(configuration: testConfiguration())
        try await client.connect(transport)
        let serverPID = try #require(transport.processID)
        let server = try ObservedProcess(pid: serverPID)
        let grandchild = try await spawnGrandchild(client, serverPID: serverPID)
        kill(serverPID, SIGKILL)  // the server alone dies; its child lives on in the group
        #expect(await waitUntil { transport.exitStatus != nil })
        #expect(grandchild.isAlive)
        await client.close()
        expectReaped(server)
        #expect(await waitUntil { !grandchild.isAlive }, "\(grandchild) survived close")
    }

    @Test func droppingTheTransportWithoutClosingKillsAndReapsTheServer() async throws {
        var server: ObservedProcess?
        do {
            let transport = StdioTransport(try lifecycleServer(onEOF: "linger", onSIGTERM: "ignore"))
            _ = try await transport.connect()
            server = try ObservedProcess(pid: try #require(transport.processID))
        }
        let dropped = try #require(server)
        #expect(await waitUntil { dropped.isGone }, "\(dropped) outlived its transport")
        #expect(!isUnreapedChild(dropped.pid))
    }

    @Test func closeIsIdempotentAndEndsTheInboundStreamCleanly() async throws {
        let transport = StdioTransport(try lifecycleServer())
        let events = try await transport.connect()
        let server = try ObservedProcess(pid: try #require(transport.processID))
        let reader = Task {
            var count = 0
            for try await _ in events { count += 1 }
            return count
        }
        await transport.close()
        let (_, second) = await measure { await transport.close() }
        #expect(second < .milliseconds(100))
        // Our own close ends the stream without an error.
        let received = try await withDeadline(.seconds(30), "the inbound stream ending") { try await reader.value }
        #expect(received == 0)
        expectReaped(server)
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(.notification(JSONRPCNotification(method: "late", params: nil)))
        }
        #expect(error?.code == .closed)
    }

    @Test func aTransportConnectsOnce() async throws {
        let transport = StdioTransport(try lifecycleServer())
        _ = try await transport.connect()
        let error = await #expect(throws: TransportError.self) { try await transport.connect() }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("connects once") == true)
        await transport.close()
    }

    @Test func sendingBeforeConnectingAndClosingBeforeConnectingAreHarmless() async throws {
        let transport = StdioTransport(try lifecycleServer())
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(.notification(JSONRPCNotification(method: "early", params: nil)))
        }
        #expect(error?.code == .closed)
        let (_, elapsed) = await measure { await transport.close() }
        #expect(elapsed < .milliseconds(100))
        #expect(transport.processID == nil)
    }

    @Test func aClientCanUseTheProcessIDAndStatusOfItsServer() async throws {
        let transport = StdioTransport(try lifecycleServer())
        #expect(transport.processID == nil)
        try await withClient(connectingTo: transport, configuration: testConfiguration()) { client in
            #expect(transport.processID != nil)
            #expect(transport.exitStatus == nil)
            #expect(client.isConnected)
        }
        #expect(transport.exitStatus == .exited(0))
        #expect(transport.processID != nil, "the pid stays known after the exit")
    }
}
