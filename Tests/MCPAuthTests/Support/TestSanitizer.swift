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
