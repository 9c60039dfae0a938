// FoundationEssentials has Date and its ISO 8601 style: the full Foundation would map ICU and
// libFoundation into every process that links the server (some 6 MB resident).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The wall-clock timestamps and identifiers of tasks.
enum TaskClock {
    /// Now, as the ISO 8601 UTC timestamp tasks carry (`createdAt`, `lastUpdatedAt`), with
    /// milliseconds so successive updates stay distinguishable.
    static func timestamp() -> String {
        Date.now.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A fresh task identifier: 128 bits from the system's secure generator, as 32 hex digits.
    /// Identifiers are bearer tokens for the task (both specifications require them
    /// unguessable), so they must not come from a counter or a seeded generator.
    static func newTaskID() -> String {
        var generator = SystemRandomNumberGenerator()
        return RequestStateCodec.hex((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
