import Foundation
import MCPClient
import MCPCore
import MCPWebSocket
import Synchronization
import Testing
import MCPTestSupport

/// WebSocket against the PyPI `mcp` 1.30.0 server's WebSocket transport (its own venv).
@Suite("WebSocket against the Python SDK 1.x server", .serialized)
struct WebSocketInteropTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    final class Server: Sendable {
        let port: Int
        let process: Mutex<Process?>

        init() async throws {
            let python = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON_WS"]
                ?? [Self.root(".test-env/venv-ws/bin/python")].first { FileManager.default.isExecutableFile(atPath: $0) }
            guard let python else { throw SetupError("the WebSocket test venv is missing: run scripts/provision-python") }
            let script = Self.root("Tests/Fixtures/python-ws/ws_server.py")
            guard FileManager.default.fileExists(atPath: script) else { throw SetupError("\(script) is missing") }
            for _ in 0..<5 {
                let port = Int.random(in: 20_000..<60_000)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: python)
                process.arguments = [script, "--port", String(port)]
                let pipe = Pipe()
                process.standardError = pipe
                try process.run()
                // Wait for READY on a thread of its own: a blocked pool thread starves other tests.
                let ready = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                    OwnThread.detach {
                        var collected = Data()
                        let deadline = Date().addingTimeInterval(20)
                        while Date() < deadline {
                            let chunk = pipe.fileHandleForReading.availableData
                            if chunk.isEmpty { break }
                            collected.append(chunk)
                            if String(decoding: collected, as: UTF8.self).contains("READY") {
                                OwnThread.detach { while !pipe.fileHandleForReading.availableData.isEmpty {} }
                                continuation.resume(returning: true)
                                return
                            }
                        }
                        continuation.resume(returning: false)
                    }
                }
                if ready {
                    self.port = port
                    self.process = Mutex(process)
                    return
                }
                kill(process.processIdentifier, SIGKILL)
            }
            throw SetupError("the Python WebSocket server did not start")
        }

        static func root(_ path: String) -> String { packageRoot.appendingPathComponent(path).path }

        func stop() {
            guard let process = process.withLock({ $0 }) else { return }
            kill(process.processIdentifier, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(process.processIdentifier, &status, 0)
        }
    }

    @Test("handshake with subprotocol mcp, calls, progress, a 20 MB message, clean close")
    func roundTrips() async throws {
        let server = try await Server()
        defer { server.stop() }
        let transport = try WebSocketTransport(url: "ws://127.0.0.1:\(server.port)/ws")
        try await withClient(connectingTo: transport) { client in
            #expect(client.serverInfo?.name == "python-ws-test-server")
            let echoed = try await client.callTool("echo", arguments: ["text": "over websocket"])
            #expect(echoed.text == "over websocket")
            let steps = Mutex<[Double]>([])
            let result = try await client.callTool("progress", arguments: ["steps": 3], options: .init(onProgress: { update in
                steps.withLock { $0.append(update.progress) }
            }))
            #expect(result.text == "done 3")
            #expect(steps.withLock { $0 } == [1, 2, 3])
            let big = try await client.callTool("big", arguments: ["size": .int(20 << 20)])
            #expect(big.text.utf8.count == 20 << 20)
        }
    }

    @Test("the server going away fails pending requests promptly")
    func serverDies() async throws {
        let server = try await Server()
        let transport = try WebSocketTransport(url: "ws://127.0.0.1:\(server.port)/ws")
        let client = Client()
        try await client.connect(transport)
        let clock = ContinuousClock()
        let start = clock.now
        server.stop()
        do {
            _ = try await client.callTool("echo", arguments: ["text": "x"], options: .init(timeout: .after(.seconds(10))))
            Issue.record("expected a failure")
        } catch let error as ClientError {
            #expect(error.code == .connectionClosed)
        }
        #expect(clock.now - start < .seconds(3))
        await client.close()
    }

    @Test("a URL that is not ws(s) is refused; a closed port fails to connect")
    func badURLs() async throws {
        #expect(throws: TransportError.self) { try WebSocketTransport(url: "http://x") }
        let transport = try WebSocketTransport(url: "ws://127.0.0.1:1/ws")
        await #expect(throws: TransportError.self) { _ = try await transport.connect() }
    }
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
