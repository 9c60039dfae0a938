import Testing

/// Every fault-injection case, one at a time: the 64 MB cases are CPU-heavy on a small machine,
/// and the timing bounds of the others must not depend on them.
@Suite("Fault injection", .serialized)
enum FaultInjection {}
