@testable import MCPHTTP
import Testing

/// Inputs the fuzzer (scripts/fuzz, FuzzSSEParser) found, kept as regression tests.
@Suite("Event-stream parser: fuzz regressions")
struct ServerSentEventParserFuzzRegressionTests {
    /// Feeds `bytes` whole, byte by byte, and in chunks of every size, expecting the same events.
    func eventsAnyHowSplit(_ bytes: [UInt8]) -> [[ServerSentEvent]] {
        var results: [[ServerSentEvent]] = []
        var whole = ServerSentEventParser()
        results.append(whole.feed(bytes))
        for size in 1...4 {
            var parser = ServerSentEventParser()
            var events: [ServerSentEvent] = []
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + size)
                events += parser.feed(bytes[offset..<end])
                offset = end
            }
            results.append(events)
        }
        return results
    }

    /// FuzzSSEParser crash 213092ef: a byte order mark split across chunks was kept as part of
    /// the first field name, and the first event was lost.
    @Test func aByteOrderMarkSplitAcrossChunksIsStillRemoved() {
        let stream = Array("\u{FEFF}data: {\"a\":1}\n\ndata: two\n\n".utf8)
        for events in eventsAnyHowSplit(stream) {
            #expect(events.map(\.text) == ["{\"a\":1}", "two"])
        }
    }

    @Test func bytesThatOnlyStartLikeAByteOrderMarkAreKept() {
        let stream: [UInt8] = [0xEF, 0xBB] + Array("x\ndata: y\n\n".utf8)
        let all = eventsAnyHowSplit(stream)
        for events in all {
            #expect(events == all[0])
            #expect(events.map(\.text) == ["y"])
        }
    }
}
