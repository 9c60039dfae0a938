import Foundation
import Synchronization
import Testing
import MCPTestSupport

/// A Python MCP server (Tests/Fixtures/python/http_server.py, PyPI `mcp` 2.3.0) on 127.0.0.1,
/// started by a test and stopped when it ends.
final class PythonHTTPServer: Sendable {
    let port: Int
    let arguments: [String]
    let scriptName: String
    private let process = Mutex<Process?>(nil)

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var mcpURL: String { baseURL + "/mcp" }
    var sseURL: String { baseURL + "/sse" }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var python: String {
        get throws {
            if let path = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON"] { return path }
            let candidates = [packageRoot.appendingPathComponent(".test-env/venv/bin/python").path]
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw TestSetupError("the test venv is missing: run scripts/provision-python (looked at \(candidates))")
            }
            return found
        }
    }

    static func script(_ name: String) throws -> String {
        do {
            let candidates = [packageRoot.appendingPathComponent("Tests/Fixtures/python/\(name)").path]
            guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                throw TestSetupError("\(name) not found (looked at \(candidates))")
            }
            return found
        }
    }

    /// Starts the server with `arguments`, on `port` if given (else a free one).
    init(_ arguments: [String] = [], script: String = "http_server.py", port: Int? = nil) async throws {
        self.arguments = arguments
        self.scriptName = script
        let (chosen, launched) = try await Self.start(port: port, script: script, arguments: arguments)
        self.port = chosen
        process.withLock { $0 = launched }
    }

    private static func start(port: Int?, script: String, arguments: [String]) async throws -> (Int, Process) {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let candidate = port ?? Int.random(in: 20_000..<60_000)
            do {
                return (candidate, try await launch(port: candidate, script: script, arguments: arguments))
            } catch {
                lastError = error
            }
        }
        throw lastError ?? TestSetupError("could not start the Python server")
    }

    private static func launch(port: Int, script: String, arguments: [String]) async throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python)
        process.arguments = [try Self.script(script), "--port", String(port)] + arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let ready = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            OwnThread.detach {
                var collected = Data()
                let handle = stderr.fileHandleForReading
                let deadline = Date().addingTimeInterval(20)
                while Date() < deadline {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    collected.append(chunk)
                    if String(decoding: collected, as: UTF8.self).contains("READY") {
                        // Keep draining so the server never blocks on a full pipe.
                        OwnThread.detach { while !handle.availableData.isEmpty {} }
                        continuation.resume(returning: true)
                        return
                    }
                }
                continuation.resume(returning: false)
            }
        }
        guard ready else {
            kill(process.processIdentifier, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(process.processIdentifier, &status, 0)
            throw TestSetupError("the Python server did not start on port \(port)")
        }
        return process
    }

    /// Stops the server at once (SIGKILL: uvicorn would wait for open event streams) and reaps it.
    func stop() {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return }
        let pid = running.processIdentifier
        if running.isRunning { kill(pid, SIGKILL) }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// Starts the same server again on the same port (its sessions are gone).
    func restart() async throws {
        stop()
        let launched = try await Self.launch(port: port, script: scriptName, arguments: arguments)
        process.withLock { $0 = launched }
    }

    deinit {
        stop()
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
