@testable import MCPHTTP
import Testing

@Suite("ServerSentEventParser")
struct ServerSentEventParserTests {
    func parse(_ chunks: [String]) -> (events: [ServerSentEvent], parser: ServerSentEventParser) {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for chunk in chunks { events += parser.feed(Array(chunk.utf8)) }
        return (events, parser)
    }

    @Test("events, types, multi-line data and ids")
    func basics() {
        let (events, parser) = parse(["event: endpoint\ndata: /messages?x=1\n\nid: 7\ndata: line one\ndata: line two\n\n"])
        #expect(events.count == 2)
        #expect(events[0].type == "endpoint")
        #expect(events[0].text == "/messages?x=1")
        #expect(events[1].type == "message")
        #expect(events[1].text == "line one\nline two")
        #expect(events[1].lastEventID == "7")
        #expect(parser.lastEventID == "7")
    }

    @Test("chunks split anywhere, including inside CRLF, give the same events", arguments: [1, 2, 3, 5, 7, 64])
    func splitAnywhere(size: Int) {
        let stream = "id: a\r\nevent: message\r\ndata: {\"x\":1}\r\n\r\n:keep-alive\r\ndata:  two spaces\rdata:\n\nretry: 250\n\n"
        let bytes = Array(stream.utf8)
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        var index = 0
        while index < bytes.count {
            events += parser.feed(bytes[index..<min(index + size, bytes.count)])
            index += size
        }
        #expect(events.map(\.text) == ["{\"x\":1}", " two spaces\n"])
        #expect(events[0].lastEventID == "a")
        #expect(parser.retryMilliseconds == 250)
    }

    @Test("comments are ignored; an event without data is not dispatched but its id is kept")
    func primingEvent() {
        let (events, parser) = parse([": ping\n\nid: 0:1\nretry: 100\n\n"])
        #expect(events.isEmpty)
        #expect(parser.lastEventID == "0:1")
        #expect(parser.retryMilliseconds == 100)
    }

    @Test("an empty data line is an event with empty data")
    func emptyData() {
        let (events, _) = parse(["id: 1\ndata: \n\n"])
        #expect(events.count == 1)
        #expect(events[0].data.isEmpty)
    }

    @Test("a byte order mark, fields without colon, unknown fields, bad retry")
    func oddities() {
        let (events, parser) = parse(["\u{FEFF}data\n\nfoo: bar\nretry: 1x\ndata: z\n\n"])
        #expect(events.map(\.text) == ["", "z"])
        #expect(parser.retryMilliseconds == nil)
    }

    @Test("an event cut off by the end of the stream is discarded")
    func truncated() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("data: partial".utf8)).isEmpty)
        parser.finish()
        #expect(parser.feed(Array("\n\n".utf8)).isEmpty)
    }

    @Test("a 32 MB event arriving in 4 KB chunks parses in linear time")
    func hugeEvent() {
        var parser = ServerSentEventParser()
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        let clock = ContinuousClock()
        let start = clock.now
        _ = parser.feed(Array("data: ".utf8))
        for _ in 0..<(32 * 256) { _ = parser.feed(chunk) }
        let events = parser.feed(Array("\n\n".utf8))
        #expect(events.first?.data.count == 32 << 20)
        #expect(clock.now - start < .seconds(20))
    }

    @Test("reconnection delays honour retry, grow, cap and jitter")
    func reconnectionPolicy() {
        let policy = ReconnectionPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1), multiplier: 2, jitter: 0)
        #expect(policy.delay(attempt: 0, serverRetryMilliseconds: 250) == .milliseconds(250))
        #expect(policy.delay(attempt: 0, serverRetryMilliseconds: nil) == .milliseconds(100))
        #expect(policy.delay(attempt: 3, serverRetryMilliseconds: nil) == .milliseconds(800))
        #expect(policy.delay(attempt: 10, serverRetryMilliseconds: nil) == .seconds(1))
        let jittered = ReconnectionPolicy(initialDelay: .seconds(1), jitter: 0.2)
        for _ in 0..<20 {
            let delay = jittered.delay(attempt: 0, serverRetryMilliseconds: nil)
            #expect(delay >= .milliseconds(800) && delay <= .milliseconds(1200))
            // The server's retry is a minimum: jitter never shortens it.
            let serverDelay = jittered.delay(attempt: 0, serverRetryMilliseconds: 500)
            #expect(serverDelay >= .milliseconds(500) && serverDelay <= .milliseconds(600))
        }
    }

    @Test("NO_PROXY matching")
    func noProxy() {
        #expect(HTTPExchange.bypassesProxy(host: "localhost", noProxy: "localhost,127.0.0.1"))
        #expect(HTTPExchange.bypassesProxy(host: "api.example.com", noProxy: ".example.com"))
        #expect(HTTPExchange.bypassesProxy(host: "example.com", noProxy: "example.com:443"))
        #expect(HTTPExchange.bypassesProxy(host: "anything", noProxy: "*"))
        #expect(!HTTPExchange.bypassesProxy(host: "example.org", noProxy: "example.com"))
        #expect(!HTTPExchange.bypassesProxy(host: "notexample.com", noProxy: "example.com"))
    }

    @Test("origins and relative references")
    func origins() {
        #expect(HTTPExchange.origin("http://Example.com/a") == "http://example.com:80")
        #expect(HTTPExchange.origin("https://example.com:8443/x") == "https://example.com:8443")
        #expect(HTTPExchange.resolve("/messages/?session_id=1", against: "http://h:1/sse") == "http://h:1/messages/?session_id=1")
        #expect(HTTPExchange.origin(HTTPExchange.resolve("https://evil.test/m", against: "http://h:1/sse")!) != HTTPExchange.origin("http://h:1/sse"))
    }
}
