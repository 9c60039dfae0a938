import Foundation
import MCPCore
import Synchronization
import Testing
import MCPTestSupport

/// Every conformance test, one at a time: the sse-retry timing window is tight, this machine is
/// small, and the mock servers and client processes add up.
@Suite("MCP conformance", .serialized)
enum ConformanceTests {}

/// One check a mock server recorded, in the suite's terms.
struct RecordedCheck: CustomStringConvertible {
    var id: String
    var name: String
    var status: String
    var errorMessage: String?

    var description: String { "\(status) \(id) (\(name))\(errorMessage.map { ": \($0)" } ?? "")" }
}

/// A mock server from Tests/Fixtures/conformance/mock_server.py playing one scenario on
/// 127.0.0.1, stopped when the test ends (and by itself if the test process dies).
final class MockScenarioServer: Sendable {
    let scenario: String
    let specVersion: String
    let port: Int
    /// What the suite would pass in `MCP_CONFORMANCE_CONTEXT`, if anything.
    let context: JSONObject?
    private let checksFile: URL
    private let process: Mutex<Process?>

    var url: String { "http://127.0.0.1:\(port)/mcp" }

    init(scenario: String, specVersion: String? = nil) async throws {
        self.scenario = scenario
        checksFile = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString).json")
        let launched = Process()
        launched.executableURL = URL(fileURLWithPath: try Harness.python)
        launched.arguments = [
            Harness.fixture("conformance/mock_server.py"), "--scenario", scenario, "--checks", checksFile.path,
            "--spec-dir", try Harness.specDirectory,
        ] + (specVersion.map { ["--spec-version", $0] } ?? [])
        let stderr = Pipe()
        launched.standardError = stderr
        launched.standardOutput = FileHandle.nullDevice
        try launched.run()
        guard let line = await Self.readyLine(stderr.fileHandleForReading) else {
            kill(launched.processIdentifier, SIGKILL)
            launched.waitUntilExit()
            throw HarnessError("the \(scenario) mock server did not start")
        }
        let ready = try JSONValue(parsing: line)
        guard let port = ready["port"]?.intValue, let version = ready["specVersion"]?.stringValue else {
            throw HarnessError("unexpected READY line: \(line)")
        }
        self.port = port
        self.specVersion = version
        self.context = ready["context"]?.objectValue
        process = Mutex(launched)
    }

    /// Reads stderr until `READY {…}`, then keeps draining it so the server never blocks.
    private static func readyLine(_ handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            OwnThread.detach {
                var collected = ""
                let deadline = Date().addingTimeInterval(20)
                while Date() < deadline {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    collected += String(decoding: chunk, as: UTF8.self)
                    if let range = collected.range(of: "READY "), let end = collected[range.upperBound...].firstIndex(of: "\n") {
                        OwnThread.detach { while !handle.availableData.isEmpty {} }
                        continuation.resume(returning: String(collected[range.upperBound..<end]))
                        return
                    }
                }
                continuation.resume(returning: nil)
            }
        }
    }

    /// The checks as recorded so far (the server rewrites them before every response).
    func checks() throws -> [RecordedCheck] {
        let value = try JSONValue(parsing: Array(try Data(contentsOf: checksFile)))
        return (value.arrayValue ?? []).map { entry in
            RecordedCheck(
                id: entry["id"]?.stringValue ?? "",
                name: entry["name"]?.stringValue ?? "",
                status: entry["status"]?.stringValue ?? "",
                errorMessage: entry["errorMessage"]?.stringValue
            )
        }
    }

    /// Stops the server at once (its event streams would hold a graceful stop) and reaps it.
    func stop() {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return }
        if running.isRunning { kill(running.processIdentifier, SIGKILL) }
        running.waitUntilExit()
        try? FileManager.default.removeItem(at: checksFile)
    }

    deinit { stop() }
}

/// How a run of the conformance client ended.
struct ClientRun: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

enum Harness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) -> String { packageRoot.appendingPathComponent("Tests/Fixtures/\(path)").path }

    /// The test venv's Python (the mocks need only its standard library).
    static var python: String {
        get throws {
            let path = ProcessInfo.processInfo.environment["MCP_TEST_PYTHON"] ?? packageRoot.appendingPathComponent(".test-env/venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: path) else { throw HarnessError("the test venv is missing: run scripts/provision-python") }
            return path
        }
    }

    /// The protocol schemas (one directory per version) the mocks validate traffic against.
    static var specDirectory: String {
        get throws {
            let shared = ProcessInfo.processInfo.environment["MCP_SHARED_DIR"].map { URL(fileURLWithPath: $0) }
                ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
            let path = shared.appendingPathComponent("spec").path
            guard FileManager.default.fileExists(atPath: path + "/2025-11-25/schema.json") else {
                throw HarnessError("the protocol schemas are missing at \(path) (set MCP_SHARED_DIR)")
            }
            return path
        }
    }

    /// The `mcp-conformance-client` binary next to the test bundle.
    static var executable: String {
        get throws {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("mcp-conformance-client").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                directory.deleteLastPathComponent()
            }
            throw HarnessError("mcp-conformance-client was not built next to the tests (looked from \(CommandLine.arguments[0]))")
        }
    }

    /// Runs the client the way the suite's runner does: scenario, version and context in the
    /// environment, the server URL as the last argument.
    static func runClient(
        scenario: String,
        protocolVersion: String?,
        context: JSONObject?,
        contextName: String? = nil,
        arguments: [String],
        misbehaving: Bool = false,
        timeout: TimeInterval = 45
    ) async throws -> ClientRun {
        var environment = ProcessInfo.processInfo.environment
        environment["MCP_CONFORMANCE_SCENARIO"] = scenario
        environment["MCP_CONFORMANCE_PROTOCOL_VERSION"] = protocolVersion
        if let context {
            // The runner adds the scenario's name to the context it passes.
            var named = context
            named["name"] = .string(contextName ?? scenario)
            environment["MCP_CONFORMANCE_CONTEXT"] = JSONValue.object(named).jsonString()
        } else {
            environment["MCP_CONFORMANCE_CONTEXT"] = nil
        }
        if misbehaving {
            return try await run(try python, [fixture("conformance/misbehaving_client.py")] + arguments, environment: environment, timeout: timeout)
        }
        return try await run(try executable, arguments, environment: environment, timeout: timeout)
    }

    private static func run(_ executable: String, _ arguments: [String], environment: [String: String], timeout: TimeInterval) async throws -> ClientRun {
        try await withCheckedThrowingContinuation { continuation in
            OwnThread.detach {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    process.environment = environment
                    let stdout = Pipe(), stderr = Pipe()
                    process.standardInput = FileHandle.nullDevice
                    process.standardOutput = stdout
                    process.standardError = stderr
                    try process.run()
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
                    continuation.resume(returning: ClientRun(
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

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Plays `scenario` against its mock at `specVersion` (the suite's default for the scenario when
/// `nil`) with the conformance client (or the deliberately wrong Python one) and returns the
/// client's run and the mock's checks.
func playScenario(_ scenario: String, specVersion: String? = nil, misbehaving: Bool = false) async throws -> (ClientRun, [RecordedCheck]) {
    let server = try await MockScenarioServer(scenario: scenario, specVersion: specVersion)
    defer { server.stop() }
    let run = try await Harness.runClient(
        scenario: scenario,
        protocolVersion: server.specVersion,
        context: server.context,
        arguments: [server.url],
        misbehaving: misbehaving
    )
    return (run, try server.checks())
}

/// Asserts what the suite asserts of a passing client: it exited cleanly (unless the scenario
/// allows an error), no check failed, each of `required` was recorded and every instance of it
/// succeeded, and no check warned except those in `warningsAllowed`.
func expectConformant(
    _ scenario: String,
    specVersion: String? = nil,
    required: [String],
    warningsAllowed: Set<String> = [],
    allowsClientError: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let (run, checks) = try await playScenario(scenario, specVersion: specVersion)
    let report = "client: \(run)\nchecks:\n" + checks.map { "  \($0)" }.joined(separator: "\n")
    if !allowsClientError {
        #expect(run.status == 0, "\(report)", sourceLocation: sourceLocation)
    }
    #expect(!checks.isEmpty, "the mock recorded no checks\n\(report)", sourceLocation: sourceLocation)
    for check in checks {
        #expect(check.status != "FAILURE", "\(check)\n\(report)", sourceLocation: sourceLocation)
        if check.status == "WARNING" {
            #expect(warningsAllowed.contains(check.id), "\(check)\n\(report)", sourceLocation: sourceLocation)
        }
    }
    for id in required {
        let matching = checks.filter { $0.id == id }
        #expect(!matching.isEmpty, "check \(id) was not recorded\n\(report)", sourceLocation: sourceLocation)
        #expect(matching.allSatisfy { $0.status == "SUCCESS" }, "check \(id) did not succeed\n\(report)", sourceLocation: sourceLocation)
    }
}
