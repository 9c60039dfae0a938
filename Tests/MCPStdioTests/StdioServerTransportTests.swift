#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPClient
import MCPCore
import MCPDemo
import MCPServer
@testable import MCPStdio
import Testing

private func demoServer(stdinGrace: Duration = .seconds(2)) throws -> StdioServerParameters {
    StdioServerParameters(
        command: try Paths.mcpExecutable(),
        arguments: ["demo-server"],
        stderr: .discard,
        stdinCloseGracePeriod: stdinGrace,
        terminateGracePeriod: .seconds(1)
    )
}

/// `MCPServer` served over `StdioServerTransport` in a real process (`mcp demo-server`), and a
/// `Client` talking to it over `StdioTransport`: both ends of stdio are this package's.
@Suite("mcp demo-server over stdio")
struct DemoServerProcessTests {
    @Test func theWholeDemoServerWorksOverStdio() async throws {
        let logs = Box<[String]>([])
        let handlers = ClientHandlers(onLogMessage: { message in logs.mutate { $0.append(message.data.stringValue ?? "") } })
        try await withStdioClient(try demoServer(), handlers: handlers) { client, transport in
            #expect(client.serverInfo?.name == "swift-mcp-demo")
            #expect(client.serverInfo?.version == "1.0.0")
            #expect(client.protocolVersion == .latestLegacy)
            #expect(client.instructions?.isEmpty == false)
            let pid = try #require(transport.processID)
            #expect(ProcessSnapshot.of(pid)?.processGroup == pid)

            let tools = try await client.listAllTools().map(\.name)
            #expect(Set(["echo", "add", "countdown", "fail"]).isSubset(of: Set(tools)), "\(tools)")
            #expect(try await client.callTool("echo", arguments: ["text": "héllo 😀"]).text == "héllo 😀")
            let sum = try await client.callTool("add", arguments: DemoServer.AddInput(a: 2, b: 40), as: DemoServer.AddOutput.self)
            #expect(sum.sum == 42)
            let failed = try await client.callTool("fail")
            #expect(failed.isError == true)

            try await client.setLoggingLevel(.info)
            var progress: [Double] = []
            var final: CallToolResult?
            for try await update in try client.callToolWithProgress("countdown", arguments: ["n": 3, "delayMilliseconds": 5]) {
                switch update {
                case .progress(let report):
                    progress.append(report.progress)
                    #expect(report.total == 3)
                case .result(let result):
                    final = result
                }
            }
            #expect(progress == [1, 2, 3])
            #expect(final?.text == "Liftoff after 3 steps")
            #expect(await waitUntil { logs.value.contains("countdown from 3 finished") }, "\(logs.value)")

            let resources = try await client.listAllResources().map(\.uri)
            #expect(resources.contains("demo://readme"))
            let readme = try await client.readResource("demo://readme")
            #expect(readme.contents.first?.text?.hasPrefix("# Swift MCP demo") == true)
            let templates = try await client.listAllResourceTemplates().map(\.uriTemplate)
            #expect(templates.contains("demo://greeting/{name}"))
            #expect(try await client.readResource("demo://greeting/Swift").contents.first?.text == "Hello, Swift!")

            let prompt = try await client.getPrompt("summarize", arguments: ["text": "MCP over stdio"])
            #expect(prompt.messages.first?.content.text?.contains("MCP over stdio") == true)
            let completion = try await client.complete(argument: "style", value: "b", in: .prompt(named: "summarize"))
            #expect(completion.completion.values.contains("brief"))
            try await client.ping()
        }
    }

    @Test func manyConcurrentRequestsAndLargeMessagesInBothDirections() async throws {
        try await withStdioClient(try demoServer()) { client, _ in
            // Larger than a pipe holds, both ways: the writers on both sides queue and drain.
            let large = String(repeating: "0123456789abcdef", count: 256 * 1024)  // 4 MiB
            let echoed = try await client.callTool("echo", arguments: ["text": .string(large)])
            #expect(sameBytes(echoed.text, large))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let text = "request \(index) " + String(repeating: "·", count: index * 37)
                        let result = try await client.callTool("echo", arguments: ["text": .string(text)])
                        #expect(result.text == text)
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func theServerProcessExitsAsSoonAsItsStdinCloses() async throws {
        let transport = StdioTransport(try demoServer(stdinGrace: .seconds(30)))
        let client = Client(configuration: testConfiguration())
        try await client.connect(transport)
        let server = try ObservedProcess(pid: try #require(transport.processID))
        try await client.ping()
        let (_, elapsed) = await measure { await client.close() }
        #expect(transport.exitStatus == .exited(0))
        #expect(elapsed < .seconds(30), "close took \(elapsed): the server did not exit on end of input")
        #expect(server.isGone)
        #expect(!isUnreapedChild(server.pid))
    }
}

/// The peer of a `StdioServerTransport` served in this process over two pipes: writes raw
/// lines to it and reads what it answers.
private final class RawPeer: Sendable {
    let serverInput: Int32
    let serverOutput: Int32
    private let input: Int32
    private let received: AsyncStream<TransportEvent>
    private let ended: Box<Bool>
    /// The input pipe's identity (both ends share it).
    private let inputPipe: (device: UInt64, inode: UInt64)

    init() throws {
        let toServer = try ServerProcess.makePipe()
        let fromServer = try ServerProcess.makePipe()
        var info = stat()
        guard fstat(toServer.read, &info) == 0 else { throw TestFailure("fstat failed (errno \(errno))") }
        inputPipe = (UInt64(info.st_dev), UInt64(info.st_ino))
        serverInput = toServer.read
        serverOutput = fromServer.write
        input = toServer.write
        let (stream, continuation) = AsyncStream.makeStream(of: TransportEvent.self)
        received = stream
        let ended = Box(false)
        self.ended = ended
        let output = fromServer.read
        try startThread(name: "test-raw-peer") {
            _ = readFrames(from: output, maximumFrameLength: .max, peer: "server") { continuation.yield($0) }
            _ = systemClose(output)
            ended.set(true)
            continuation.finish()
        }
    }

    /// Whether the server closed its output.
    var outputEnded: Bool { ended.value }

    /// Whether the server's end of the input pipe is still open (its descriptor still refers
    /// to this pipe: a reused descriptor number would refer to something else).
    var serverInputOpen: Bool {
        var info = stat()
        guard stat("/proc/self/fd/\(serverInput)", &info) == 0 else { return false }
        return UInt64(info.st_dev) == inputPipe.device && UInt64(info.st_ino) == inputPipe.inode
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(input, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    func closeInput() { _ = systemClose(input) }

    /// The next message the server sends, or a failure after `timeout`.
    func next(timeout: Duration = .seconds(30)) async throws -> JSONRPCMessage {
        let stream = received
        return try await withDeadline(timeout, "a message from the server transport") {
            for await event in stream {
                if case .message(let message) = event { return message }
            }
            throw TestFailure("the server transport closed its output")
        }
    }

    func initialize() async throws {
        write(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"# + "\n")
        guard case .response(let response) = try await next(), response.id == .int(1) else {
            throw TestFailure("no initialize response")
        }
        write(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"# + "\n")
    }
}

/// `StdioServerTransport` in this process, driven through pipes byte by byte.
@Suite("StdioServerTransport")
struct StdioServerTransportTests {
    @Test func servesRequestsArrivingInPiecesAndAnswersInvalidRequestsWithAnError() async throws {
        let peer = try RawPeer()
        let transport = StdioServerTransport(input: peer.serverInput, output: peer.serverOutput)
        let serving = Task { try await DemoServer.make().serve(transport) }
        try await peer.initialize()

        // A request split into single bytes.
        let request = #"{"jsonrpc":"2.0","id":"é-2","method":"tools/call","params":{"name":"add","arguments":{"a":1.5,"b":2}}}"# + "\r\n"
        for character in request { peer.write(String(character)) }
        guard case .response(let response) = try await peer.next() else { throw TestFailure("expected a response") }
        #expect(response.id == .string("é-2"))
        #expect(response.result["structuredContent"] == ["sum": 3.5])

        // Garbage is skipped; an invalid request with a readable id gets an error answer.
        peer.write("not json at all\n\n{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":5}\n")
        guard case .errorResponse(let error) = try await peer.next() else { throw TestFailure("expected an error response") }
        #expect(error.id == .int(9))
        #expect(error.error.code == .invalidRequest)

        // Still serving.
        peer.write(#"{"jsonrpc":"2.0","id":10,"method":"ping"}"# + "\n")
        guard case .response(let pong) = try await peer.next() else { throw TestFailure("expected a ping response") }
        #expect(pong.id == .int(10))

        // End of input ends the session: serve returns, the output closes, and the transport
        // closes the input it owns.
        #expect(peer.serverInputOpen)
        peer.closeInput()
        try await withDeadline(.seconds(30), "serve returning after end of input") { try await serving.value }
        #expect(await waitUntil { peer.outputEnded })
    }

    @Test func aMessageOverTheLimitEndsTheSession() async throws {
        let peer = try RawPeer()
        let transport = StdioServerTransport(input: peer.serverInput, output: peer.serverOutput, maximumMessageSize: 4096)
        let serving = Task { try await DemoServer.make().serve(transport) }
        try await peer.initialize()
        peer.write(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":""# + String(repeating: "x", count: 5000) + "\"}}}\n")
        try await withDeadline(.seconds(30), "serve returning after an oversized message") { try await serving.value }
        #expect(await waitUntil { peer.outputEnded })
        #expect(await waitUntil { !peer.serverInputOpen }, "the transport stopped reading, so it closes its input")
        peer.closeInput()
    }

    @Test func connectsOnceAndRefusesToSendAfterClose() async throws {
        let peer = try RawPeer()
        let transport = StdioServerTransport(input: peer.serverInput, output: peer.serverOutput)
        _ = try await transport.connect()
        let error = await #expect(throws: TransportError.self) { try await transport.connect() }
        #expect(error?.code == .connectionFailed)
        try await transport.send(.notification(JSONRPCNotification(method: "notifications/hello", params: nil)))
        guard case .notification(let hello) = try await peer.next() else { throw TestFailure("expected the notification") }
        #expect(hello.method == "notifications/hello")
        await transport.close()
        await transport.close()
        #expect(await waitUntil { peer.outputEnded }, "close closes the output")
        let late = await #expect(throws: TransportError.self) {
            try await transport.send(.notification(JSONRPCNotification(method: "notifications/late", params: nil)))
        }
        #expect(late?.code == .closed)
        // Its reader stops at the end of input, and closes it.
        #expect(peer.serverInputOpen)
        peer.closeInput()
        #expect(await waitUntil { !peer.serverInputOpen })
    }
}
