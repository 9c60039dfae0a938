@testable import MCPCore
import Testing

/// The hand-written conversions of `tools/call` parameters and results give exactly what their
/// Codable conformances give (member order included), or step aside for them.
@Suite("Hand-written conversions")
struct FastConversionTests {
    static let results = [
        #"{"content":[{"type":"text","text":"hi"}],"isError":false}"#,
        #"{"content":[{"type":"text","text":"hi","_meta":{"a":1},"x":2}],"structuredContent":{"k":[1,2.5]},"isError":true,"_meta":{"m":null},"extra":"e"}"#,
        #"{}"#,
        #"{"content":null,"isError":null,"_meta":null,"structuredContent":null}"#,
        #"{"content":[{"type":"text","text":"a","annotations":null},{"type":"text","text":"b"}],"structuredContent":[1]}"#,
        #"{"content":[{"type":"text","text":"a","annotations":{"audience":["user"]}}]}"#,
        #"{"content":[{"type":"image","data":"AA==","mimeType":"image/png"}]}"#,
        #"{"content":[{"type":"text","text":1}]}"#,
        #"{"content":[{"text":"no type"}]}"#,
        #"{"content":{},"isError":"no"}"#,
        #"{"content":[],"isError":1}"#,
    ]

    static let params = [
        #"{"name":"echo","arguments":{"text":"x"}}"#,
        #"{"name":"echo"}"#,
        #"{"name":"echo","arguments":null,"task":null,"inputResponses":{"a":{}},"requestState":"s","_meta":{"progressToken":1},"x-extra":[1]}"#,
        #"{"name":"echo","task":{"ttl":1000}}"#,
        #"{"arguments":{}}"#,
        #"{"name":"echo","requestState":5}"#,
        #"{"name":"echo","arguments":[1]}"#,
    ]

    @Test("tool results", arguments: results)
    func toolResults(_ json: String) throws {
        try check(CallToolResult.self, json)
    }

    @Test("tool call parameters", arguments: params)
    func toolCallParams(_ json: String) throws {
        try check(CallToolRequestParams.self, json)
    }

    @Test("a modelled member wins over an additional field of the same name")
    func modelledMemberWins() throws {
        var params = CallToolRequestParams(name: "echo", arguments: ["text": "x"])
        params.additionalFields = ["name": "shadow", "arguments": 1, "other": true]
        let fast = try #require(params.fastEncoded)
        #expect(JSONValue.object(fast).jsonString() == #"{"name":"echo","arguments":{"text":"x"},"other":true}"#)
        #expect(try codableEncoding(params) == .object(fast))
    }

    /// Decodes `json` through the fast path and through Codable alone, and re-encodes both ways.
    private func check<T: JSONFastDecodable & JSONFastEncodable & Equatable>(_ type: T.Type, _ json: String) throws {
        let value = try JSONValue(parsing: json)
        guard case .object(let object) = value else { throw FixtureError("not an object") }
        let viaCodable: T?
        do {
            viaCodable = try T(from: JSONValueDecoderImpl(value: value, path: .root, options: JSONValueDecoder().options))
        } catch {
            viaCodable = nil
        }
        let fast = T(fastDecoding: object)
        if let fast {
            #expect(fast == viaCodable, "\(json): the fast path reads \(fast), Codable \(String(describing: viaCodable))")
        }
        // The public entry point agrees with Codable either way.
        #expect((try? value.decode(T.self)) == viaCodable)

        guard let decoded = viaCodable else { return }
        if let encoded = decoded.fastEncoded {
            // Compared as text: member order matters too.
            #expect(JSONValue.object(encoded).jsonString() == (try codableEncoding(decoded)).jsonString(), "\(json)")
        }
        #expect(try JSONValue(encoding: decoded).jsonString() == (try codableEncoding(decoded)).jsonString())
    }

    private func codableEncoding(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONValueEncoderImpl(path: .root, options: JSONValueEncoder().options)
        try value.encode(to: encoder)
        return encoder.storage.resolved()
    }
}

/// A frame whose pages the parser may give back as it copies large strings out (the stdio
/// reader's frames) reads exactly as any other frame.
@Suite("Frames whose memory is released while parsing")
struct ReleasingFrameTests {
    /// `body` with a frame in freshly allocated, writable memory (as the stdio framer's is).
    private func withFrame<R>(_ text: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: text.count, alignment: 4096)
        defer { memory.deallocate() }
        text.withUnsafeBytes { memory.copyMemory(from: $0) }
        return try body(UnsafeRawBufferPointer(memory))
    }

    private func frame(text: [UInt8]) -> [UInt8] {
        Array(#"{"jsonrpc":"2.0","id":1,"result":{"contents":[{"uri":"a","text":""#.utf8) + text + Array(#""}],"x":1}}"#.utf8)
    }

    @Test("a large string, ASCII or not, reads back whole", arguments: [false, true])
    func largeString(nonASCII: Bool) throws {
        // 3 MB, with multi-byte characters straddling the pieces' boundaries when not ASCII.
        let unit = nonASCII ? Array("aé€😀".utf8) : Array("abcdefghij".utf8)
        var text: [UInt8] = []
        while text.count < 3 << 20 { text += unit }
        let results = withFrame(frame(text: text)) { JSONRPCMessage.decodeFrame($0, releasingInput: true) }
        guard results.count == 1, case .success(.response(let response)) = results[0] else {
            Issue.record("not a response: \(results)")
            return
        }
        #expect(response.result["contents"]?[0]?["text"]?.stringValue?.utf8.elementsEqual(text) == true)
        #expect(response.result["x"] == 1)
    }

    @Test("invalid UTF-8 deep inside a large string is still an error")
    func invalidUTF8() {
        var text = [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
        text[2 << 20] = 0xFF
        let results = withFrame(frame(text: text)) { JSONRPCMessage.decodeFrame($0, releasingInput: true) }
        guard results.count == 1, case .failure(let error) = results[0] else {
            Issue.record("expected an invalid message: \(results)")
            return
        }
        #expect(error.reason.contains("UTF-8"))
        // The excerpt comes from the frame's first page, which is kept.
        #expect(error.excerpt.hasPrefix(#"{"jsonrpc":"2.0""#))
    }
}
