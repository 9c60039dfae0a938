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

private let startLines = ["start one", "start two", "start three: ünïcødé ✓"]

/// The server's stderr: each way of handling it, the tail kept for errors, and floods.
/// (Passing it through to this process's stderr is tested from a helper process, in
/// `HelperProcessTests`.)
@Suite("Server stderr")
struct StderrTests {
    @Test func linesGoToTheCallbackOneByOneInOrder() async throws {
        let lines = Box<[String]>([])
        let parameters = try StdioServerParameters.python(
            try Paths.fault("stderr_lines.py"),
            stderr: .lines { line in lines.mutate { $0.append(line) } }
        )
        try await withStdioClient(parameters) { client, _ in
            #expect(await waitUntil { lines.value.count >= 3 })
            _ = try await client.callTool("say", arguments: ["lines": ["first", "", "third with\ttab"]])
            #expect(await waitUntil { lines.value.count >= 6 })
        }
        #expect(lines.value == startLines + ["first", "", "third with\ttab"])
    }

    @Test func theStreamDeliversLinesAndEndsWhenTheServerClosesStderr() async throws {
        let parameters = try StdioServerParameters.python(try Paths.fault("stderr_lines.py"), stderr: .stream)
        try await withStdioClient(parameters) { client, transport in
            let collector = Task {
                var lines: [String] = []
                for await line in transport.stderrLines { lines.append(line) }
                return lines
            }
            _ = try await client.callTool("say", arguments: ["lines": ["via the stream"]])
            _ = try await client.callTool("close_stderr")
            let lines = try await withDeadline(.seconds(30), "the stderr stream ending") { await collector.value }
            #expect(lines == startLines + ["via the stream"])
            // The server still works without its stderr.
            #expect(try await client.callTool("say", arguments: ["lines": []]).text == "said")
        }
    }

    @Test func aFileGetsTheBytesAppended() async throws {
        let directory = try Files.makeTemporaryDirectory()
        defer { Files.removeTree(directory) }
        let path = directory + "/server.log"
        try Files.write("earlier run\n", to: path)
        let parameters = try StdioServerParameters.python(try Paths.fault("stderr_lines.py"), stderr: .file(path: path))
        try await withStdioClient(parameters) { client, transport in
            _ = try await client.callTool("say", arguments: ["lines": ["to the file"]])
            #expect(await waitUntil { Files.readText(path)?.contains("to the file") == true })
            #expect(transport.recentStderr.last == "to the file", "the tail is kept whatever the handling")
        }
        #expect(Files.readText(path) == "earlier run\nstart one\nstart two\r\nstart three: ünïcødé ✓\nto the file\n")
    }

    @Test func aFileThatCannotBeOpenedFailsToConnect() async throws {
        let parameters = try StdioServerParameters.python(try Paths.fault("stderr_lines.py"), stderr: .file(path: "/nonexistent/dir/server.log"))
        let transport = StdioTransport(parameters)
        let error = await #expect(throws: (any Error).self) { try await transport.connect() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("/nonexistent/dir/server.log"), "\(String(describing: error))")
        await transport.close()
    }

    @Test func discardedStderrStillKeepsTheTail() async throws {
        let parameters = try StdioServerParameters.python(try Paths.fault("stderr_lines.py"), stderr: .discard)
        try await withStdioClient(parameters) { client, transport in
            _ = try await client.callTool("say", arguments: ["lines": ["kept in the tail"]])
            #expect(await waitUntil { transport.recentStderr.last == "kept in the tail" })
            #expect(transport.recentStderr == startLines + ["kept in the tail"])
            // Not `.stream`: the stream has nothing and ends with stderr.
            _ = try await client.callTool("close_stderr")
            let streamed = try await withDeadline(.seconds(30), "the unused stderr stream ending") {
                var count = 0
                for await _ in transport.stderrLines { count += 1 }
                return count
            }
            #expect(streamed == 0)
        }
    }

    @Test func theTailKeepsTheConfiguredNumberOfLastLines() async throws {
        var parameters = try StdioServerParameters.python(try Paths.fault("stderr_lines.py"), stderr: .discard)
        parameters.stderrTailLineCount = 4
        try await withStdioClient(parameters) { client, transport in
            let said = (1...50).map { "line \($0)" }
            _ = try await client.callTool("say", arguments: ["lines": .array(said.map { .string($0) })])
            #expect(await waitUntil { transport.recentStderr.last == "line 50" })
            #expect(transport.recentStderr == ["line 47", "line 48", "line 49", "line 50"])
        }
    }

    @Test func aStderrFloodDoesNotDisturbTheSession() async throws {
        let count = Box(0)
        var parameters = try StdioServerParameters.python(
            try Paths.fault("flood_stderr.py"),
            stderr: .lines { _ in count.mutate { $0 += 1 } }
        )
        parameters.stderrTailLineCount = 20
        try await withStdioClient(parameters) { client, transport in
            _ = try await client.callTool("flood", arguments: JSONObject())
            // The session answers throughout the flood (which lasts until it is stopped).
            for index in 0..<20 {
                let echo = try await client.callTool("echo", arguments: ["text": .string("ping \(index)")])
                #expect(echo.text == "ping \(index)")
            }
            let status = try await client.callTool("flood_status")
            #expect(status.text == "running")
            let stopped = try await client.callTool("stop_flood")
            let written = try #require(stopped.structuredContent?["lines"]?.intValue, "\(stopped)")
            let bytes = try #require(stopped.structuredContent?["bytes"]?.intValue, "\(stopped)")
            #expect(written >= 1000)
            #expect(await waitUntil(timeout: .seconds(30)) { transport.recentStderr.last?.hasPrefix("flood done") == true })
            let tail = transport.recentStderr
            #expect(tail.count == 20)
            #expect(tail.last == "flood done: \(written) lines, \(bytes) bytes")
            #expect(tail.dropLast().allSatisfy { $0.hasPrefix("flood line ") && $0.utf8.count == 61 }, "\(tail)")
            #expect(tail.dropLast().last == "flood line \(String(repeating: "0", count: 9 - String(written - 1).count))\(written - 1) " + String(repeating: "x", count: 40))
            // Every line reached the callback.
            #expect(await waitUntil(timeout: .seconds(30)) { count.value == written + 1 }, "\(count.value) lines delivered of \(written + 1)")
            print("[StderrTests] stderr flood of \(bytes >> 10) KiB (\(written) lines) with 20 requests answered meanwhile")
        }
    }

    @Test func aFloodWithoutNewlinesIsCutIntoBoundedPieces() async throws {
        let longest = Box(0)
        let parameters = try StdioServerParameters.python(
            try Paths.fault("flood_stderr.py"),
            stderr: .lines { line in longest.mutate { $0 = max($0, line.utf8.count) } }
        )
        try await withStdioClient(parameters) { client, transport in
            _ = try await client.callTool("flood_raw", arguments: ["bytes": .int(8 << 20)])
            #expect(await waitUntil(timeout: .seconds(60)) { transport.recentStderr.last == "flood done" })
            // Pieces of at most 128 KiB (the reader cuts once 64 KiB are pending; one more read
            // fills its buffer at most), never the whole 8 MiB.
            #expect(longest.value <= 128 * 1024, "longest piece \(longest.value) bytes")
            #expect(longest.value >= 64 * 1024, "longest piece \(longest.value) bytes")
            #expect(transport.recentStderr.allSatisfy { $0.utf8.count <= 128 * 1024 })
            #expect(try await client.callTool("echo", arguments: ["text": "fine"]).text == "fine")
        }
    }
}
