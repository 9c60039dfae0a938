import Foundation

/// The sanitizer `scripts/sanitizers` runs the suite under, from `MCP_TEST_SANITIZER` (`thread` or
/// `address`); nil in normal runs.
///
/// Under a sanitizer code runs 5–15× slower, so a test that bounds how long something may take
/// scales the bound with ``scaled(_:)``: the assertion stays (a real hang still fails it), and
/// normal runs keep their bounds unchanged.
enum TestSanitizer {
    static let name: String? = ProcessInfo.processInfo.environment["MCP_TEST_SANITIZER"].flatMap { $0.isEmpty ? nil : $0 }
    static var isThread: Bool { name == "thread" }
    static var isAddress: Bool { name == "address" }
    /// 1 in normal runs, 5 under a sanitizer.
    static var timeScale: Int { name == nil ? 1 : 5 }
    /// `duration` in normal runs, five times it under a sanitizer.
    static func scaled(_ duration: Duration) -> Duration { duration * timeScale }
}

extension TestSanitizer {
    /// How many bytes of sanitizer reports this process has written so far (`scripts/sanitizers`
    /// sends them to `<log_path>.<pid>`); 0 outside a sanitizer run.
    ///
    /// A ThreadSanitizer report stops the thread that made the access while the runtime
    /// symbolizes and writes it (starting `llvm-symbolizer` at the first one): 219 ms on a quiet
    /// machine and 3.6 s under load were measured on the thread that fails pending requests at a
    /// server's exit (the `Mutex` blind spot, see RELIABILITY.md), against 1–4 ms without a report.
    static func reportBytes() -> Int {
        let environment = ProcessInfo.processInfo.environment
        guard let options = environment[isThread ? "TSAN_OPTIONS" : "ASAN_OPTIONS"],
              let logPath = options.split(separator: " ").first(where: { $0.hasPrefix("log_path=") })?.dropFirst("log_path=".count)
        else { return 0 }
        let attributes = try? FileManager.default.attributesOfItem(atPath: "\(logPath).\(ProcessInfo.processInfo.processIdentifier)")
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }
}
