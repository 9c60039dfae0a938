import Foundation

/// Blocking work of the test harness (reading a child process's pipe, waiting for it to exit)
/// runs on a thread of its own: never on Swift's cooperative pool, nor on `DispatchQueue.global()`,
/// which on Linux shares that pool's few threads (about one per core). Blocked there for seconds,
/// a test stalls every test running beside it.
public enum OwnThread {
    /// Starts `work` on a new thread and returns at once.
    public static func detach(_ work: @escaping @Sendable () -> Void) {
        Thread.detachNewThread(work)
    }

    /// Runs `work` on a new thread and returns its result.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
