import Foundation
import Synchronization
import MCPTestSupport

/// Tests/Fixtures/python/http_chaos.py on 127.0.0.1, started by a test and killed when it ends
/// (it also exits by itself if this process dies).
final class ChaosHTTPServer: Sendable {
    let port: Int
    private let process = Mutex<Process?>(nil)

    var url: String { "http://127.0.0.1:\(port)/mcp" }

    init() async throws {
        var lastError: (any Error)?
        for _ in 0..<5 {
            let candidate = Int.random(in: 20_000..<60_000)
            do {
                let launched = try await Self.launch(port: candidate)
                port = candidate
                process.withLock { $0 = launched }
                return
            } catch {
                lastError = error
            }
        }
        throw lastError ?? FaultTestFailure("could not start http_chaos.py")
    }

    private static func launch(port: Int) async throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try FaultPaths.python())
        process.arguments = ["-B", try FaultPaths.fixture("python/http_chaos.py"), "--port", String(port)]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let ready = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            OwnThread.detach {
                var collected = Data()
                let handle = stderr.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    collected.append(chunk)
                    if String(decoding: collected, as: UTF8.self).contains("READY") {
                        // Keep draining so the server never blocks on a full pipe; ends at its exit.
                        OwnThread.detach { while !handle.availableData.isEmpty {} }
                        continuation.resume(returning: true)
                        return
                    }
                }
                continuation.resume(returning: false)
            }
        }
        guard ready else {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw FaultTestFailure("http_chaos.py did not start on port \(port)")
        }
        return process
    }

    /// The server's open descriptors (its listening socket, connections, pipes), or `nil` once
    /// it is gone.
    var descriptorCount: Int? {
        guard let pid = process.withLock({ $0?.processIdentifier }) else { return nil }
        return ResourceProbe.descriptorTargets(of: String(pid)).count
    }

    /// Kills the server at once (SIGKILL: a crash) and reaps it.
    func kill() {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return }
        Foundation.kill(running.processIdentifier, SIGKILL)
        running.waitUntilExit()
    }

    /// Starts the server again on the same port, with no memory of earlier sessions.
    func restart() async throws {
        kill()
        let launched = try await Self.launch(port: port)
        process.withLock { $0 = launched }
    }

    deinit {
        kill()
    }
}
