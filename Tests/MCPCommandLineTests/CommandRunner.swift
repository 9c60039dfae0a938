import Foundation
import MCPCore
import Synchronization
import Testing
import MCPTestSupport

/// Runs the built `mcp` executable and captures what it prints and how it exits.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var json: JSONValue? { try? JSONValue(parsing: stdout) }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `mcp` binary next to the test bundle.
    static var executable: String {
        get throws {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("mcp").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                directory.deleteLastPathComponent()
            }
            throw RunnerError("the mcp executable was not built next to the tests (looked from \(CommandLine.arguments[0]))")
        }
    }

    static var python: String {
        get throws {
            let path = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON"] ?? packageRoot.appendingPathComponent(".test-env/venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: path) else { throw RunnerError("the test venv is missing: run scripts/provision-python") }
            return path
        }
    }

    static func venvTool(_ name: String) throws -> String {
        URL(fileURLWithPath: try python).deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("Tests/Fixtures/\(path)").path }

    /// `mcp ARGUMENTS`, with `input` on stdin (stdin, stdout and stderr are pipes: not a terminal).
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:], timeout: TimeInterval = 60) async throws -> Result {
        try await execute(try executable, arguments, input: input, environment: environment, timeout: timeout)
    }

    /// Runs `mcp ARGUMENTS` under a pseudo-terminal, answering prompts as `script` says.
    static func runInTerminal(_ arguments: [String], script: [(String, String)]) async throws -> Result {
        let scriptFile = FileManager.default.temporaryDirectory.appendingPathComponent("pty-\(UUID().uuidString).json")
        try JSONValue.array(script.map { .array([.string($0.0), .string($0.1)]) }).jsonBytes().writeTo(scriptFile)
        defer { try? FileManager.default.removeItem(at: scriptFile) }
        return try await execute(try python, [fixture("pty_driver.py"), scriptFile.path, "--", try executable] + arguments, input: "", environment: ["TERM": "xterm-256color"], timeout: 60)
    }

    private static func execute(_ executable: String, _ arguments: [String], input: String, environment: [String: String], timeout: TimeInterval) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            OwnThread.detach {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    var env = ProcessInfo.processInfo.environment
                    env.merge(environment) { _, new in new }
                    process.environment = env
                    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
                    process.standardInput = stdin
                    process.standardOutput = stdout
                    process.standardError = stderr
                    try process.run()
                    // `write(_:)` traps on EPIPE (a command that exits without reading); the
                    // throwing form does not.
                    try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
                    try? stdin.fileHandleForWriting.close()
                    let timer = DispatchWorkItem { process.terminate() }
                    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
                    let errorData = Mutex(Data())
                    let group = DispatchGroup()
                    group.enter()
                    OwnThread.detach {
                        let data = stderr.fileHandleForReading.readDataToEndOfFile()
                        errorData.withLock { $0 = data }
                        group.leave()
                    }
                    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
                    group.wait()
                    process.waitUntilExit()
                    timer.cancel()
                    continuation.resume(returning: Result(
                        status: process.terminationStatus,
                        stdout: String(decoding: outputData, as: UTF8.self),
                        stderr: String(decoding: errorData.withLock { $0 }, as: UTF8.self)
                    ))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

struct RunnerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Array where Element == UInt8 {
    func writeTo(_ url: URL) throws { try Data(self).write(to: url) }
}
