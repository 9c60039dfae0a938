#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import MCPClient
import MCPCore
import Synchronization
import Testing

/// A test failure with a readable explanation (thrown where a test cannot go on).
struct FaultTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where the fixtures and the test Python are.
enum FaultPaths {
    /// The package root, derived from this file's path.
    static let packageRoot: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    static func fixture(_ relativePath: String) throws -> String {
        let path = packageRoot + "/Tests/Fixtures/" + relativePath
        guard access(path, R_OK) == 0 else { throw FaultTestFailure("the fixture \(path) is missing") }
        return path
    }

    /// The venv Python: `MCP_TEST_PYTHON`, else `<root>/.test-env/venv/bin/python`.
    static func python() throws -> String {
        let configured = getenv("MCP_TEST_PYTHON").map { String(cString: $0) }
        let candidate = (configured?.isEmpty == false ? configured : nil) ?? packageRoot + "/.test-env/venv/bin/python"
        guard access(candidate, X_OK) == 0 else {
            throw FaultTestFailure("the test Python \(candidate) is missing: run scripts/provision-python (or set MCP_TEST_PYTHON)")
        }
        return candidate
    }
}

/// Runs `operation`, failing if it has not finished after `timeout`: the "no hang" rule.
func withinDeadline<Result: Sendable>(
    _ timeout: Duration,
    _ what: String,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() ?? nil else {
            throw FaultTestFailure("\(what) did not finish within \(timeout)")
        }
        return result
    }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while !condition() {
        if clock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}

/// Times `body` on the continuous clock.
func timed<R>(_ body: () async throws -> R) async rethrows -> (R, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, clock.now - start)
}

/// The outcome of a request that must fail: its typed error, or a description of what went wrong.
func expectTypedFailure(
    _ code: ClientError.Code? = nil,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ request: () async throws -> Void
) async -> ClientError? {
    do {
        try await request()
        Issue.record("\(what) succeeded but should have failed", sourceLocation: sourceLocation)
        return nil
    } catch let error as ClientError {
        if let code {
            #expect(error.code == code, "\(what): \(error)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("\(what) failed with an untyped error: \(type(of: error)) \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The transport error at the bottom of a client error.
func underlyingTransportError(_ error: (any Error)?) -> TransportError? {
    if let error = error as? TransportError { return error }
    if let error = error as? ClientError { return underlyingTransportError(error.underlyingError) }
    return nil
}

/// A value shared between a test and the tasks it starts.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value { storage.withLock { $0 } }
    func mutate<R>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}
