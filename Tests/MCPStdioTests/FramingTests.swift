#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MCPClient
import MCPCore
@testable import MCPStdio
import Testing

/// Whether two strings hold the same UTF-8 bytes (a memcmp, not a per-character loop: these
/// strings can be 64 MB long).
func sameBytes(_ left: String, _ right: String) -> Bool {
    var left = left
    var right = right
    return left.withUTF8 { l in
        right.withUTF8 { r in
            l.count == r.count && (l.count == 0 || memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0)
        }
    }
}

/// Newline-delimited JSON from real server processes: partial reads, bursts, garbage, invalid
/// UTF-8, huge messages and the size limit.
@Suite("Framing over a real pipe")
struct FramingTests {
    @Test func garbageIsReportedAndSkippedWhileTheSessionGoesOn() async throws {
        let log = IncomingLog()
        let parameters = try StdioServerParameters.python(try Paths.fault("garbage.py"))
        try await withStdioClient(parameters, handlers: ClientHandlers(onMessage: log.handler)) { client, _ in
            // The line printed before the handshake did not stop it.
            #expect(client.serverInfo?.name == "garbage.py")
            let result = try await client.callTool("emit_garbage")
            #expect(result.text == "answer after garbage")
            let echo = try await client.callTool("echo", arguments: ["text": "still talking"])
            #expect(echo.text == "still talking")

            #expect(await waitUntil { log.invalidMessages.count >= 6 }, "reported: \(log.invalidMessages)")
            let reported = log.invalidMessages
            #expect(reported.count == 6, "blank lines are not reported; got \(reported.map(\.excerpt))")
            guard reported.count == 6 else { return }
            #expect(reported[0].excerpt == "garbage before the handshake")
            #expect(reported[1].excerpt == "this is not json")
            #expect(reported[2].excerpt.hasPrefix("{\"jsonrpc\": \"2.0\", \"id\":"))
            #expect(reported[3].reason.contains("empty batch"), "\(reported[3])")
            #expect(reported[4].excerpt == "42")
            #expect(reported[5].reason.contains("jsonrpc"), "\(reported[5])")
            #expect(client.isConnected)
        }
    }

    @Test func theTransportItselfReportsGarbageAsInvalidMessageEvents() async throws {
        let transport = StdioTransport(try StdioServerParameters.python(try Paths.fault("garbage.py")))
        let events = try await transport.connect()
        let received = Box<[TransportEvent]>([])
        let reader = Task {
            for try await event in events { received.mutate { $0.append(event) } }
        }
        #expect(await waitUntil(timeout: .seconds(30)) { !received.value.isEmpty })
        guard case .invalidMessage(let error)? = received.value.first else {
            throw TestFailure("expected an invalid message first, got \(received.value)")
        }
        #expect(error.excerpt == "garbage before the handshake")
        #expect(error.requestID == nil)
        // The transport carries on: a request still gets its answer.
        try await transport.send(.request(JSONRPCRequest(id: .int(1), method: "ping", params: nil)))
        #expect(await waitUntil(timeout: .seconds(30)) {
            received.value.contains { event in
                if case .message(.response(let response)) = event { return response.id == .int(1) }
                return false
            }
        })
        await transport.close()
        _ = await reader.result
    }

    @Test func aLineOfInvalidUTF8IsReportedAndTheNextMessagesArrive() async throws {
        let log = IncomingLog()
        let logMessages = Box<[String]>([])
        let handlers = ClientHandlers(
            onLogMessage: { message in logMessages.mutate { $0.append(message.data.stringValue ?? "?") } },
            onMessage: log.handler
        )
        let parameters = try StdioServerParameters.python(try Paths.fault("garbage.py"))
        try await withStdioClient(parameters, handlers: handlers) { client, _ in
            let result = try await client.callTool("emit_invalid_utf8")
            #expect(result.text == "answer after invalid UTF-8")
            #expect(await waitUntil { log.invalidMessages.count >= 2 && !logMessages.value.isEmpty })
            // The handshake garbage line, then the invalid UTF-8 line.
            let invalid = try #require(log.invalidMessages.last)
            #expect(invalid.reason.contains("UTF-8"), "reason: \(invalid.reason)")
            #expect(logMessages.value == ["valid after invalid UTF-8"])
            #expect(try await client.callTool("echo", arguments: ["text": "ok"]).text == "ok")
        }
    }

    @Test func messagesArrivingInPiecesAreReassembled() async throws {
        let text = String(repeating: "héllo wörld € 😀 ", count: 8)
        let parameters = try StdioServerParameters.python(try Paths.fault("chunked_writer.py"))
        let log = IncomingLog()
        try await withStdioClient(parameters, handlers: ClientHandlers(onMessage: log.handler)) { client, _ in
            for chunk in [1, 2, 3, 7, 64] {
                let result = try await client.callTool("chunked", arguments: ["text": .string(text), "chunk": .int(chunk)])
                #expect(result.text == text, "pieces of \(chunk) bytes")
            }
        }
        #expect(log.invalidMessages.isEmpty, "CRLF endings and split characters are not errors: \(log.invalidMessages)")
    }

    @Test func manyMessagesAndBlankLinesInOneWrite() async throws {
        let words = Box<[String]>([])
        let log = IncomingLog()
        let handlers = ClientHandlers(
            onLogMessage: { message in words.mutate { $0.append(message.data.stringValue ?? "?") } },
            onMessage: log.handler
        )
        let parameters = try StdioServerParameters.python(try Paths.fault("chunked_writer.py"))
        try await withStdioClient(parameters, handlers: handlers) { client, _ in
            let result = try await client.callTool("burst")
            #expect(result.text == "burst done")
            #expect(await waitUntil { words.value.count == 3 })
            #expect(words.value == ["one", "two", "three"])
        }
        #expect(log.invalidMessages.isEmpty, "blank lines are skipped silently: \(log.invalidMessages)")
    }

    /// 10 MB is read into the storage of its string; 64 MB outgrows the room reserved for that
    /// and goes through the framer.
    @Test(arguments: [10, 64])
    func aLargeResultIsReadCorrectly(megabytes: Int) async throws {
        // Quotes, a backslash, control characters and multi-byte characters: the JSON escapes and
        // the UTF-8 sequences both get split across reads.
        let block = "The quick brown fox \"jumps\" over the lazy dog \\ é€😀\n\t0123456789abcdefghij"
        let target = megabytes << 20
        let repeatCount = (target + block.utf8.count - 1) / block.utf8.count
        let parameters = try StdioServerParameters.python(try Paths.fault("big_result.py"), stderr: .stream)
        try await withStdioClient(parameters, configuration: testConfiguration(timeout: .seconds(300))) { client, transport in
            let (result, elapsed) = try await measure {
                try await client.callTool("big", arguments: ["block": .string(block), "repeat": .int(repeatCount)])
            }
            let text = try #require(result.content.first?.text)
            #expect(text.utf8.count == repeatCount * block.utf8.count)
            #expect(text.utf8.count >= target)
            #expect(sameBytes(text, String(repeating: block, count: repeatCount)), "the text came back altered")
            #expect(result.structuredContent == ["repeat": .int(repeatCount), "blockLength": .int(block.count)])
            // The server says how long the line was (in characters).
            let sent = transport.recentStderr.last ?? ""
            print("[FramingTests] \(megabytes) MiB tool result (\(text.utf8.count) bytes of text; server: \(sent)) read and decoded in \(elapsed)")
            #expect(elapsed < .seconds(240), "a sanity bound only: see the timing printed")
            // The connection is still in order afterwards.
            #expect(try await client.callTool("echo", arguments: ["text": "after"]).text == "after")
        }
    }

    @Test func aMessageOverTheMaximumSizeFailsPendingRequestsWithMessageTooLarge() async throws {
        let limit = 1 << 20
        let parameters = try StdioServerParameters.python(try Paths.fault("big_result.py"), maximumMessageSize: limit)
        try await withStdioClient(parameters) { client, transport in
            // Under the limit is fine.
            let fits = try await client.callTool("big", arguments: ["block": "0123456789", "repeat": 50_000])
            #expect(fits.content.first?.text?.utf8.count == 500_000)

            let error = await #expect(throws: ClientError.self) {
                try await client.callTool("big", arguments: ["block": "0123456789", "repeat": 200_000])
            }
            #expect(error?.code == .connectionClosed)
            let underlying = try #require(error.flatMap { transportError(in: $0) }, "no transport error under \(String(describing: error))")
            #expect(underlying.code == .messageTooLarge)
            #expect(underlying.message.contains("\(limit)-byte limit"), "message: \(underlying.message)")
            // The session is over; later requests fail the same way at once.
            #expect(!client.isConnected)
            let later = await #expect(throws: ClientError.self) { try await client.ping() }
            #expect(later?.code == .connectionClosed)
            #expect(transport.processID != nil)
        }
    }
}
