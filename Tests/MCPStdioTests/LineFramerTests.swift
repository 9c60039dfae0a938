#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPCore
@testable import MCPStdio
import Testing

/// Feeds `chunks` to a framer one at a time, collecting every complete frame after each.
private func frames(of chunks: [[UInt8]], maximum: Int = .max, initialCapacity: Int = 16) throws -> [[UInt8]] {
    let framer = LineFramer(initialCapacity: initialCapacity, maximumFrameLength: maximum)
    var result: [[UInt8]] = []
    for chunk in chunks {
        chunk.withUnsafeBytes { framer.append($0) }
        while let frame = try framer.nextFrame() { result.append(Array(frame)) }
    }
    return result
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite("LineFramer")
struct LineFramerTests {
    /// Messages with multi-byte characters, CRLF and LF endings.
    static let stream = bytes("{\"a\":\"é€😀\"}\n{\"b\":2}\r\n\n{\"c\":\"line with \\r inside\"}\r\n")
    static let expected = [bytes("{\"a\":\"é€😀\"}"), bytes("{\"b\":2}"), [], bytes("{\"c\":\"line with \\r inside\"}")]

    @Test func aFrameIsHandedOutOnlyOnceItsNewlineArrives() throws {
        let framer = LineFramer(maximumFrameLength: .max)
        bytes("{\"partial\":").withUnsafeBytes { framer.append($0) }
        #expect(try framer.nextFrame() == nil)
        #expect(framer.pendingByteCount == 11)
        bytes("true}\n").withUnsafeBytes { framer.append($0) }
        let frame = try #require(try framer.nextFrame())
        #expect(Array(frame) == bytes("{\"partial\":true}"))
        #expect(try framer.nextFrame() == nil)
        #expect(framer.pendingByteCount == 0)
    }

    @Test func splittingTheStreamAnywhereGivesTheSameFrames() throws {
        let stream = Self.stream
        for split in 0...stream.count {
            let result = try frames(of: [Array(stream[..<split]), Array(stream[split...])])
            #expect(result == Self.expected, "split at byte \(split)")
        }
        for first in stride(from: 0, through: stream.count, by: 3) {
            for second in stride(from: first, through: stream.count, by: 5) {
                let chunks = [Array(stream[..<first]), Array(stream[first..<second]), Array(stream[second...])]
                #expect(try frames(of: chunks) == Self.expected, "split at \(first) and \(second)")
            }
        }
    }

    @Test func byteByByteReadsGiveTheSameFrames() throws {
        #expect(try frames(of: Self.stream.map { [$0] }) == Self.expected)
    }

    @Test func carriageReturnsAreStrippedOnlyBeforeTheNewline() throws {
        let result = try frames(of: [bytes("a\r\n\r\nb\rc\n\r\r\n")])
        #expect(result == [bytes("a"), [], bytes("b\rc"), bytes("\r")])
    }

    @Test func blankLinesAreEmptyFrames() throws {
        #expect(try frames(of: [bytes("\n\n{}\n\n")]) == [[], [], bytes("{}"), []])
    }

    @Test func manyFramesInOneRead() throws {
        var chunk: [UInt8] = []
        for index in 0..<10_000 { chunk += bytes("{\"n\":\(index)}\n") }
        let result = try frames(of: [chunk])
        #expect(result.count == 10_000)
        #expect(result.first == bytes("{\"n\":0}"))
        #expect(result.last == bytes("{\"n\":9999}"))
    }

    @Test func aFrameLongerThanTheBufferGrowsIt() throws {
        let big = [UInt8](repeating: 0x61, count: 1_000_000)
        var chunks: [[UInt8]] = [bytes("{}\n")]
        stride(from: 0, to: big.count, by: 4093).forEach { chunks.append(Array(big[$0..<min($0 + 4093, big.count)])) }
        chunks.append(bytes("\nafter\n"))
        let result = try frames(of: chunks, initialCapacity: 16)
        #expect(result.count == 3)
        #expect(result[0] == bytes("{}"))
        #expect(result[1] == big)
        #expect(result[2] == bytes("after"))
    }

    @Test func theLimitAppliesToTheFrameWithoutItsLineEnding() throws {
        let exact = [UInt8](repeating: 0x62, count: 100)
        #expect(try frames(of: [exact + bytes("\r\n")], maximum: 100) == [exact])
        #expect(try frames(of: [exact + bytes("\n")], maximum: 100) == [exact])
        #expect(throws: LineFramer.FrameTooLarge.self) {
            try frames(of: [exact + bytes("b\n")], maximum: 100)
        }
    }

    @Test func anIncompleteFrameOverTheLimitFailsBeforeItsNewline() throws {
        let framer = LineFramer(initialCapacity: 64, maximumFrameLength: 100)
        [UInt8](repeating: 0x63, count: 100).withUnsafeBytes { framer.append($0) }
        #expect(try framer.nextFrame() == nil, "100 bytes are within the limit")
        bytes("c").withUnsafeBytes { framer.append($0) }
        let error = #expect(throws: LineFramer.FrameTooLarge.self) { try framer.nextFrame() }
        #expect(error?.limit == 100)
    }

    @Test func framesBeforeAnOversizedOneAreStillDelivered() throws {
        let framer = LineFramer(maximumFrameLength: 10)
        bytes("short\nok\n").withUnsafeBytes { framer.append($0) }
        bytes(String(repeating: "x", count: 11) + "\n").withUnsafeBytes { framer.append($0) }
        #expect(try framer.nextFrame().map(Array.init) == bytes("short"))
        #expect(try framer.nextFrame().map(Array.init) == bytes("ok"))
        #expect(throws: LineFramer.FrameTooLarge.self) { try framer.nextFrame() }
    }

    @Test func remainderAndDiscard() throws {
        let framer = LineFramer(maximumFrameLength: .max)
        bytes("one\ntwo-without-newline").withUnsafeBytes { framer.append($0) }
        #expect(try framer.nextFrame().map(Array.init) == bytes("one"))
        #expect(try framer.nextFrame() == nil)
        #expect(Array(framer.remainder()) == bytes("two-without-newline"))
        framer.discardPending()
        #expect(framer.pendingByteCount == 0)
        bytes("three\n").withUnsafeBytes { framer.append($0) }
        #expect(try framer.nextFrame().map(Array.init) == bytes("three"))
    }

    @Test func fillReadsIntoFreeSpaceOfAtLeastTheMinimum() throws {
        let framer = LineFramer(initialCapacity: 16, maximumFrameLength: .max)
        var offered: [Int] = []
        for piece in ["abc", "def\nghi", "\n"] {
            let data = bytes(piece)
            let count = framer.fill(minimum: 1024) { space in
                offered.append(space.count)
                data.withUnsafeBytes { space.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                return data.count
            }
            #expect(count == data.count)
        }
        #expect(offered.allSatisfy { $0 >= 1024 }, "offered \(offered)")
        #expect(try framer.nextFrame().map(Array.init) == bytes("abcdef"))
        #expect(try framer.nextFrame().map(Array.init) == bytes("ghi"))
        // A read that returns 0 (end of file) or -1 (error) records nothing.
        #expect(framer.fill { _ in 0 } == 0)
        #expect(framer.fill { _ in -1 } == -1)
        #expect(framer.pendingByteCount == 0)
    }

    @Test func aHugeFrameIsFramedInLinearTime() throws {
        // A 64 MiB frame arrives in 64 KiB reads, and the framer is asked for a frame after each
        // read, as the stdio reader does. Linear framing costs the same for every read (bar the
        // occasional doubling of the buffer); rescanning or recopying what is already buffered
        // would make the last reads cost about a thousand times the first ones.
        let size = 64 << 20
        let chunk = [UInt8](repeating: 0x7A, count: 64 * 1024)
        let framer = LineFramer(maximumFrameLength: .max)
        let clock = ContinuousClock()
        var costs: [Duration] = []
        var delivered = 0
        var frameLength = -1
        let cpuStart = threadCPUTime()
        while frameLength < 0 {
            let before = clock.now
            let count = framer.fill { space in
                let count = min(space.count, chunk.count, size + 1 - delivered)
                chunk.withUnsafeBytes { space.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
                if delivered + count == size + 1 { space[count - 1] = 0x0A }
                return count
            }
            delivered += count
            if let frame = try framer.nextFrame() { frameLength = frame.count }
            costs.append(clock.now - before)
        }
        // CPU time of this thread: what other tests running meanwhile do not inflate.
        let total = threadCPUTime() - cpuStart
        #expect(frameLength == size)
        #expect(costs.count >= 1024)
        func median(_ values: ArraySlice<Duration>) -> Duration { values.sorted()[values.count / 2] }
        let early = median(costs[8..<136])
        let late = median(costs[(costs.count - 128)...])
        #expect(late < early * 10 + .microseconds(50), "per-read cost grew from \(early) to \(late)")
        #expect(total < .seconds(2), "framing 64 MiB took \(total) of CPU time")
        print("[LineFramerTests] 64 MiB frame in 64 KiB reads: \(total) of CPU in all; median read \(early) early, \(late) late")
    }
}

/// `readFrames`, the loop under both stdio transports, on a real pipe.
@Suite("readFrames")
struct FrameReadingTests {
    /// Writes `data` to a pipe (from another thread, closing it afterwards) and reads it back
    /// with `readFrames`.
    private static func read(_ data: [UInt8], limit: Int = .max) async throws -> ([TransportEvent], TransportError?) {
        let pipe = try ServerProcess.makePipe()
        try startThread(name: "test-writer") {
            var offset = 0
            while offset < data.count {
                let written = data.withUnsafeBytes { systemWrite(pipe.write, $0.baseAddress! + offset, $0.count - offset) }
                if written <= 0 { break }
                offset += written
            }
            _ = systemClose(pipe.write)
        }
        let outcome = await Task.detached {
            var events: [TransportEvent] = []
            let failure = readFrames(from: pipe.read, maximumFrameLength: limit, peer: "test") { events.append($0) }
            return (events, failure)
        }.value
        _ = systemClose(pipe.read)
        return outcome
    }

    @Test func messagesBlankLinesGarbageAndAFinalLineWithoutNewline() async throws {
        let input = bytes(
            "{\"jsonrpc\":\"2.0\",\"method\":\"a\"}\n  \n\r\n\t\nnot json\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\r\n[{\"jsonrpc\":\"2.0\",\"method\":\"b\"},7]\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"last\"}"
        )
        let (events, failure) = try await Self.read(input)
        #expect(failure == nil)
        var summary: [String] = []
        for event in events {
            if case .message(.notification(let notification)) = event {
                summary.append("notification \(notification.method)")
            } else if case .message(.response(let response)) = event {
                summary.append("response \(response.id)")
            } else if case .invalidMessage(let error) = event {
                summary.append("invalid \(error.excerpt)")
            } else {
                summary.append("other \(event)")
            }
        }
        #expect(summary == ["notification a", "invalid not json", "response 1", "notification b", "invalid 7", "notification last"])
    }

    @Test func invalidUTF8IsReportedAndReadingGoesOn() async throws {
        var input = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"s\":\"")
        input += [0xFF, 0xFE, 0xC3]
        input += bytes("\"}}\n{\"jsonrpc\":\"2.0\",\"method\":\"after\"}\n")
        let (events, failure) = try await Self.read(input)
        #expect(failure == nil)
        #expect(events.count == 2)
        guard case .invalidMessage(let error)? = events.first else {
            Issue.record("expected an invalid message first, got \(events)")
            return
        }
        #expect(error.reason.contains("UTF-8"), "reason: \(error.reason)")
        guard case .message(.notification(let notification))? = events.last else {
            Issue.record("expected the valid notification after the invalid line, got \(events)")
            return
        }
        #expect(notification.method == "after")
    }

    @Test func aMessageOverTheLimitStopsReadingWithMessageTooLarge() async throws {
        let small = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"fits\"}\n")
        let large = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"params\":{\"s\":\"" + String(repeating: "x", count: 5000) + "\"}}\n")
        let (events, failure) = try await Self.read(small + large + small, limit: 1000)
        #expect(events.count == 1, "only the message before the oversized one is delivered")
        let error = try #require(failure)
        #expect(error.code == .messageTooLarge)
        #expect(error.message.contains("1000-byte limit"), "message: \(error.message)")
    }

    @Test func endOfFileWithNothingIsClean() async throws {
        let (events, failure) = try await Self.read([])
        #expect(events.isEmpty)
        #expect(failure == nil)
    }
}
