@testable import MCPCore
import Testing

/// A frame written into the storage of the string it becomes (the stdio reader's large frames)
/// decodes exactly as the same frame does the usual way.
@Suite("Frames decoded in place")
struct InPlaceFrameTests {
    /// Decodes `frame` in place, with `extra` bytes of room after it.
    private func inPlace(
        _ frame: [UInt8],
        extra: Int = 4096,
        minimumAdoptedLength: Int = 256 * 1024
    ) -> [Result<JSONRPCMessage, InvalidMessageError>]? {
        JSONRPCMessage.decodeFrameInPlace(capacity: frame.count + extra, minimumAdoptedLength: minimumAdoptedLength) { storage in
            frame.withUnsafeBytes { storage.copyMemory(from: $0) }
            return frame.count
        }
    }

    /// The usual decoding, for comparison.
    private func usual(_ frame: [UInt8]) -> [Result<JSONRPCMessage, InvalidMessageError>] {
        frame.withUnsafeBytes { JSONRPCMessage.decodeFrame($0) }
    }

    private func response(_ result: String) -> [UInt8] {
        Array(#"{"jsonrpc":"2.0","id":1,"result":"#.utf8) + Array(result.utf8) + Array("}".utf8)
    }

    /// A large text that is `unit` repeated: ASCII, or with multi-byte characters that straddle
    /// the 256 KB pieces the string is checked in.
    private func largeText(_ unit: String, bytes: Int = 3 << 20) -> String {
        String(repeating: unit, count: bytes / unit.utf8.count + 1)
    }

    private func resultValue(_ results: [Result<JSONRPCMessage, InvalidMessageError>]?) -> JSONValue? {
        guard let results, results.count == 1, case .success(.response(let response)) = results[0] else { return nil }
        return response.result
    }

    /// Room for the frame and a little more (the string stays in place), or room for many such
    /// frames (the string is copied out, so as not to keep all that room).
    static let rooms = [4096, 64 << 20]

    @Test("a large string is read back whole, with the rest of the message", arguments: ["abcdefghij", "aé€😀"], rooms)
    func largeString(unit: String, room: Int) throws {
        let text = largeText(unit)
        let frame = response(#"{"contents":[{"uri":"a","mimeType":"text/plain","text":""# + text + #""}],"x":1}"#)
        let result = try #require(resultValue(inPlace(frame, extra: room)))
        #expect(same(result["contents"]?[0]?["text"]?.stringValue, text))
        #expect(result["contents"]?[0]?["uri"] == "a")
        #expect(result["x"] == 1)
        #expect(same(inPlace(frame), usual(frame)))
    }

    @Test("escape sequences in a large string are decoded as the usual parser decodes them", arguments: rooms)
    func escapedString(room: Int) throws {
        let written = #"line \"quoted\" \\ back\/slash\n\ttab \u00e9\u20AC \ud83d\ude00 lone \ud800 end\r\b\f"#
        let expected = "line \"quoted\" \\ back/slash\n\ttab é€ 😀 lone \u{FFFD} end\r\u{08}\u{0C}"
        let count = (1 << 20) / written.utf8.count + 1
        let frame = response(#"{"content":[{"type":"text","text":""# + String(repeating: written, count: count) + #""}]}"#)
        let result = try #require(resultValue(inPlace(frame, extra: room)))
        #expect(same(result["content"]?[0]?["text"]?.stringValue, String(repeating: expected, count: count)))
        #expect(same(inPlace(frame, extra: room), usual(frame)))
    }

    @Test("of two large strings the first is taken in place and the second copied")
    func twoLargeStrings() throws {
        // FastMCP repeats a tool's text in structuredContent.
        let text = largeText("0123456789")
        let frame = response(#"{"content":[{"type":"text","text":""# + text + #""}],"structuredContent":{"result":""# + text + #""}}"#)
        let result = try #require(resultValue(inPlace(frame)))
        #expect(same(result["content"]?[0]?["text"]?.stringValue, text))
        #expect(same(result["structuredContent"]?["result"]?.stringValue, text))
    }

    @Test("a later member of the same name replaces the one holding the large string")
    func duplicateKeys() throws {
        let big = largeText("x")
        let other = largeText("y")
        let cases: [(String, JSONValue)] = [
            (#"{"a":""# + big + #"","a":"small"}"#, "small"),
            (#"{"a":{"t":[""# + big + #""]},"a":1}"#, 1),
            (#"{"a":""# + big + #"","a":""# + other + #""}"#, .string(other)),
            (#"{"a":""# + big + #"","b":2}"#, .string(big)),
        ]
        for (result, expected) in cases {
            let frame = response(result)
            #expect(same(resultValue(inPlace(frame))?["a"], expected))
            #expect(same(inPlace(frame), usual(frame)))
        }
        // Replaced, a string must still be valid: the frame is as invalid as it is the usual way.
        for damage in [[UInt8(0xFF)], Array(#"\q"#.utf8)] {
            let frame = Array(#"{"jsonrpc":"2.0","id":1,"result":{"a":""#.utf8) + Array(big.utf8) + damage + Array(#"","a":1}}"#.utf8)
            let results = try #require(inPlace(frame))
            guard results.count == 1, case .failure = results[0] else {
                Issue.record("expected an invalid message for damage \(damage)")
                continue
            }
        }
    }

    @Test("a batch keeps each message whole")
    func batch() throws {
        let text = largeText("b")
        let frame = Array(
            (#"[{"jsonrpc":"2.0","method":"small"},{"jsonrpc":"2.0","method":"notifications/message","params":{"data":[1,""#
                + text + #""]}},{"jsonrpc":"2.0","id":"r","result":{}}]"#).utf8
        )
        let results = try #require(inPlace(frame))
        #expect(results.count == 3)
        guard case .success(.notification(let notification)) = results[1] else {
            Issue.record("not a notification: \(results[1])")
            return
        }
        #expect(same(notification.params?["data"]?[1]?.stringValue, text))
        #expect(same(results, usual(frame)))
    }

    @Test("a frame without a large string decodes as usual")
    func noLargeString() throws {
        let items = (0..<40_000).map { #"{"name":"tool\#($0)","n":\#($0)}"# }.joined(separator: ",")
        let frame = response(#"{"tools":["# + items + "]}")
        #expect(frame.count > 1 << 20)
        let result = try #require(resultValue(inPlace(frame)))
        #expect(result["tools"]?.arrayValue?.count == 40_000)
        #expect(same(inPlace(frame), usual(frame)))
    }

    @Test("invalid UTF-8 deep inside a large string is an error, with an excerpt of the frame")
    func invalidUTF8() throws {
        var text = Array(largeText("a").utf8)
        text[2 << 20] = 0xFF
        let frame = Array(#"{"jsonrpc":"2.0","id":1,"result":{"text":""#.utf8) + text + Array(#""}}"#.utf8)
        let results = try #require(inPlace(frame))
        guard results.count == 1, case .failure(let error) = results[0] else {
            Issue.record("expected an invalid message: \(results)")
            return
        }
        #expect(error.reason.contains("UTF-8"), "reason: \(error.reason)")
        #expect(error.excerpt.hasPrefix(#"{"jsonrpc":"2.0""#))
    }

    @Test("an invalid escape, an unterminated string and bad syntax after the string are errors")
    func invalidFrames() throws {
        let big = largeText("z")
        let frames = [
            response(#"{"text":""# + big + #"\q"}"#),
            response(#"{"text":""# + big + #"\u12"}"#),
            Array((#"{"jsonrpc":"2.0","id":1,"result":{"text":""# + big).utf8),
            response(#"{"text":""# + big + #"" "x":1}"#),
        ]
        for frame in frames {
            let results = try #require(inPlace(frame))
            guard results.count == 1, case .failure(let error) = results[0] else {
                Issue.record("expected an invalid message: \(results.map { "\($0)".prefix(200) })")
                continue
            }
            #expect(error.excerpt.hasPrefix(#"{"jsonrpc":"2.0""#))
        }
    }

    @Test("a large string as the whole frame is an invalid message, not a crash")
    func bareString() throws {
        let frame = Array(("\"" + largeText("s") + "\"").utf8)
        let results = try #require(inPlace(frame))
        guard results.count == 1, case .failure = results[0] else {
            Issue.record("expected an invalid message")
            return
        }
    }

    @Test("no frame gives nil")
    func noFrame() {
        #expect(JSONRPCMessage.decodeFrameInPlace(capacity: 1 << 20) { _ in nil } == nil)
    }

    @Test("random frames, small strings taken in place, decode as the usual decoder decodes them; damaged ones fail alike")
    func randomStructures() throws {
        var json = RandomJSON(generator: SplitMix64(seed: 0x6164_6F70_7469_6F6E))
        var adopted = 0
        for round in 0..<3000 {
            var frame = json.frame()
            // A third are damaged: cut short, or one byte changed.
            switch Int.random(in: 0..<6, using: &json.generator) {
            case 0: frame.removeLast(Int.random(in: 1...frame.count, using: &json.generator))
            case 1: frame[Int.random(in: 0..<frame.count, using: &json.generator)] = UInt8.random(in: 0...255, using: &json.generator)
            default: break
            }
            let minimum = Int.random(in: 1...16, using: &json.generator)
            let room = Bool.random(using: &json.generator) ? 16 : 64 * frame.count
            let expected = usual(frame)
            let results = try #require(inPlace(frame, extra: room, minimumAdoptedLength: minimum))
            // Valid frames decode the same; damaged ones fail the same way, though not always
            // with the same reason: a changed byte can make two faults, and the large string's
            // escapes and UTF-8 are checked after the rest of the frame.
            let sameOutcome = results.map(\.isSuccess) == expected.map(\.isSuccess)
                && zip(results, expected).allSatisfy { !$0.0.isSuccess || $0.0 == $0.1 }
            #expect(sameOutcome, "round \(round): \(String(decoding: frame, as: UTF8.self))\nin place: \(results)\nusual: \(expected)")
            if !sameOutcome { break }
            if frame.contains(UInt8(ascii: "\"")), expected.allSatisfy(\.isSuccess) { adopted += 1 }
        }
        #expect(adopted > 1000, "too few valid frames with strings: \(adopted)")
    }

    @Test("random large frames decode as the usual decoder decodes them")
    func randomFrames() throws {
        var generator = SplitMix64(seed: 0x4D43_5020_696E_706C)
        let pieces = ["a", "é", "€", "😀", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "\\ud800", " ", "0123456789abcdef"]
        for round in 0..<24 {
            var members: [String] = []
            for member in 0..<Int.random(in: 1...4, using: &generator) {
                var text = ""
                let length = Bool.random(using: &generator) ? Int.random(in: 0...64, using: &generator) : Int.random(in: 1 << 17...1 << 19, using: &generator)
                while text.utf8.count < length { text += pieces.randomElement(using: &generator)! }
                members.append(#""m\#(member)":"# + (Bool.random(using: &generator) ? #"[""# + text + #"",\#(round)]"# : #"""# + text + #"""#))
            }
            let frame = response("{" + members.joined(separator: ",") + "}")
            let expected = usual(frame)
            let room = Bool.random(using: &generator) ? Int.random(in: 0...8192, using: &generator) : 4 * frame.count
            #expect(same(inPlace(frame, extra: room), expected), "round \(round)")
            if case .failure(let error) = expected.first { Issue.record("round \(round) is not valid: \(error)") }
        }
    }
}

/// Random JSON text for the structural tests: nested objects (their keys often repeated) and
/// arrays, and strings with every kind of escape sequence and multi-byte characters.
private struct RandomJSON {
    var generator: SplitMix64
    static let pieces = ["a", "bc", "é", "€", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", "\\ud800", " "]

    mutating func string() -> String {
        var text = "\""
        for _ in 0..<Int.random(in: 0...12, using: &generator) { text += Self.pieces.randomElement(using: &generator)! }
        return text + "\""
    }

    mutating func value(depth: Int = 0) -> String {
        switch Int.random(in: 0..<(depth > 3 ? 6 : 10), using: &generator) {
        case 0: return String(Int.random(in: -1000...1000, using: &generator))
        case 1: return ["true", "false", "null", "1.5e3"].randomElement(using: &generator)!
        case 2...5: return string()
        case 6, 7:
            return "[" + (0..<Int.random(in: 0...4, using: &generator)).map { _ in value(depth: depth + 1) }.joined(separator: ",") + "]"
        default:
            return "{" + (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                "\"" + ["a", "b", "c"].randomElement(using: &generator)! + "\":" + value(depth: depth + 1)
            }.joined(separator: ",") + "}"
        }
    }

    mutating func message() -> String {
        Bool.random(using: &generator)
            ? #"{"jsonrpc":"2.0","id":1,"result":"# + value(depth: 1) + "}"
            : #"{"jsonrpc":"2.0","method":"m","params":{"p":"# + value(depth: 1) + "}}"
    }

    /// A message, or a batch of one to three.
    mutating func frame() -> [UInt8] {
        guard Int.random(in: 0..<4, using: &generator) == 0 else { return Array(message().utf8) }
        var parts: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &generator) { parts.append(message()) }
        return Array(("[" + parts.joined(separator: ",") + "]").utf8)
    }
}

/// Whether `a` and `b` are equal, compared outside `#expect`, whose failure message would
/// otherwise print megabytes of text.
private func same<T: Equatable>(_ a: @autoclosure () -> T, _ b: @autoclosure () -> T) -> Bool { a() == b() }

/// A small, seedable generator, so random tests repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Result {
    fileprivate var isSuccess: Bool {
        if case .success = self { true } else { false }
    }
}
