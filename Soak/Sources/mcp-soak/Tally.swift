import MCPClient
import MCPCore
import Synchronization

/// Counts how calls ended, and keeps the first few failures (hangs, untyped errors).
final class Tally: Sendable {
    private struct Counts {
        var succeeded = 0
        var typedErrors: [String: Int] = [:]
        var cancelled = 0
        var reconnections = 0
        var failures: [String] = []
    }

    private let counts = Mutex(Counts())

    /// Runs a call and records its outcome.
    func record(_ what: String, cancelled: Bool, _ call: () async throws -> Void) async {
        do {
            try await call()
            counts.withLock { $0.succeeded += 1 }
        } catch is Hang {
            counts.withLock { $0.failures.append("\(what): no answer, error or timeout after 30 s") }
        } catch let error as ClientError {
            counts.withLock { $0.typedErrors[error.code.description, default: 0] += 1 }
        } catch is CancellationError where cancelled {
            counts.withLock { $0.cancelled += 1 }
        } catch {
            counts.withLock { $0.failures.append("\(what): untyped error \(type(of: error)): \(error)") }
        }
    }

    func reconnected() { counts.withLock { $0.reconnections += 1 } }

    func failure(_ text: String) { counts.withLock { $0.failures.append(text) } }

    var failures: [String] { counts.withLock { $0.failures } }

    var summary: String {
        counts.withLock { counts in
            let total = counts.succeeded + counts.cancelled + counts.typedErrors.values.reduce(0, +) + counts.failures.count
            let typed = counts.typedErrors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "\(total) calls: \(counts.succeeded) succeeded, \(counts.cancelled) cancelled, typed errors [\(typed)], "
                + "\(counts.failures.count) failures, \(counts.reconnections) reconnections"
        }
    }
}
