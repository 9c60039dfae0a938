import Foundation
import MCPCore
import MCPDemo
import Testing
import MCPTestSupport

/// The `mcp` binary against real servers: output and exit codes.
@Suite("mcp command line")
struct CommandLineTests {
    /// `-- <mcp> demo-server`: our demo server as a real stdio process.
    func demoServer() throws -> [String] { ["--", try CommandRunner.executable, "demo-server"] }
    func timeServer() throws -> [String] { ["--", try CommandRunner.venvTool("mcp-server-time")] }

    @Test("--protocol: auto detects, legacy forces the handshake, a version pins it, anything else is a usage error")
    func protocolSetting() async throws {
        let legacy = try #require(try await CommandRunner.run(["info", "--json", "--protocol", "legacy"] + timeServer()).json)
        #expect(legacy["era"] == "legacy")
        #expect(legacy["protocolVersion"] == "2025-11-25")
        let older = try #require(try await CommandRunner.run(["info", "--json", "--protocol", "2025-03-26"] + timeServer()).json)
        #expect(older["protocolVersion"] == "2025-03-26")
        let pinned = try #require(try await CommandRunner.run(["info", "--json", "--protocol", "2026-07-28"] + timeServer()).json)
        #expect(pinned["era"] == "modern")
        let bad = try await CommandRunner.run(["info", "--protocol", "1999-01-01"] + timeServer())
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unknown protocol"))
        // Tools work the same in both eras.
        for mode in ["legacy", "auto"] {
            let call = try await CommandRunner.run(["tools", "call", "get_current_time", "timezone=UTC", "--protocol", mode] + timeServer())
            #expect(call.status == 0, "\(mode): \(call.stderr)")
            #expect(call.stdout.contains("UTC"), "\(mode)")
        }
    }

    @Test("listen prints list changes through a subscription in either era")
    func listen() async throws {
        for mode in ["legacy", "auto"] {
            let result = try await CommandRunner.run(["listen", "--duration", "1.5", "--json", "--protocol", mode] + timeServer())
            #expect(result.status == 0, "\(mode): \(result.stderr)")
        }
    }

    @Test("info names the server, protocol and counts; --json gives stable fields")
    func info() async throws {
        let text = try await CommandRunner.run(["info"] + demoServer())
        #expect(text.status == 0)
        #expect(text.stdout.contains("swift-mcp-demo 1.0.0"))
        #expect(text.stdout.contains("protocol:     2026-07-28 (modern era)"))
        #expect(text.stdout.contains("tools 7"))
        let json = try #require(try await CommandRunner.run(["info", "--json"] + timeServer()).json)
        #expect(json["server"]?["name"] == "mcp-time")
        // mcp-server-time runs on PyPI mcp 2.3.0, which speaks both eras: detection picks 2026-07-28.
        #expect(json["protocolVersion"] == "2026-07-28")
        #expect(json["era"] == "modern")
        #expect(json["counts"]?["tools"] == 2)
    }

    @Test("tools list as a table and as JSON")
    func toolsList() async throws {
        let text = try await CommandRunner.run(["tools", "list"] + timeServer())
        #expect(text.status == 0)
        #expect(text.stdout.contains("get_current_time"))
        #expect(!text.stdout.contains("\u{1B}["), "no colour when piped")
        let json = try #require(try await CommandRunner.run(["tools", "list", "--json"] + timeServer()).json)
        #expect(json["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.sorted() == ["convert_time", "get_current_time"])
    }

    @Test("tools call coerces key=value by the input schema and prints the result")
    func toolsCall() async throws {
        let sum = try #require(try await CommandRunner.run(["tools", "call", "add", "a=2", "b=3.5", "--json"] + demoServer()).json)
        #expect(sum["structuredContent"]?["sum"] == 5.5)
        let time = try await CommandRunner.run(["tools", "call", "get_current_time", "timezone=Asia/Tokyo"] + timeServer())
        #expect(time.status == 0)
        #expect(time.stdout.contains("Asia/Tokyo"))
        let object = try await CommandRunner.run(["tools", "call", "echo", #"{"text":"as JSON"}"#] + demoServer())
        #expect(object.stdout == "as JSON\n")
        let stdin = try await CommandRunner.run(["tools", "call", "echo", "-"] + demoServer(), input: #"{"text":"from stdin"}"#)
        #expect(stdin.stdout == "from stdin\n")
        let raw = try await CommandRunner.run(["tools", "call", "echo", "text:=\"raw\""] + demoServer())
        #expect(raw.stdout == "raw\n")
    }

    @Test("a bad argument is a usage error (1) naming the argument")
    func badArgument() async throws {
        let result = try await CommandRunner.run(["tools", "call", "add", "a=two", "b=1"] + demoServer())
        #expect(result.status == 1)
        #expect(result.stderr.contains("a: expected number"))
    }

    @Test("exit codes: usage 1, connection 2, authorization 3, server error 4, tool error 5")
    func exitCodes() async throws {
        #expect(try await CommandRunner.run(["tools", "list"]).status == 1)
        #expect(try await CommandRunner.run(["tools", "frobnicate"] + demoServer()).status == 1)
        let missing = try await CommandRunner.run(["tools", "list", "--", "/nonexistent/server"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("command not found") || missing.stderr.contains("could not start"))
        #expect(try await CommandRunner.run(["tools", "list", "--url", "http://127.0.0.1:1/mcp"]).status == 2)
        let unknownTool = try await CommandRunner.run(["tools", "call", "nope"] + demoServer())
        #expect(unknownTool.status == 4)
        let failing = try await CommandRunner.run(["tools", "call", "fail"] + demoServer())
        #expect(failing.status == 5)
        #expect(failing.stdout.contains("This tool always fails."))
    }

    @Test("an HTTP 401 exits with 3")
    func unauthorized() async throws {
        let port = Int.random(in: 20_000..<60_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: try CommandRunner.python)
        server.arguments = [CommandRunner.fixture("python/http_faults.py"), "--port", String(port), "--fault", "unauthorized"]
        let pipe = Pipe()
        server.standardError = pipe
        try server.run()
        defer { server.terminate() }
        _ = await OwnThread.run { pipe.fileHandleForReading.availableData }  // READY
        let result = try await CommandRunner.run(["tools", "list", "--url", "http://127.0.0.1:\(port)/mcp"])
        #expect(result.status == 3)
    }

    @Test("with --json a failure is one JSON line on stderr")
    func jsonFailure() async throws {
        let result = try await CommandRunner.run(["tools", "call", "nope", "--json"] + demoServer())
        #expect(result.status == 4)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        let error = try JSONValue(parsing: String(lines[0]))
        #expect(error["exitCode"] == 4)
        #expect(error["details"]?["code"] == -32602)
    }

    @Test("resources: list, templates, read text, binary to a file or a pipe")
    func resources() async throws {
        let list = try await CommandRunner.run(["resources", "list"] + demoServer())
        #expect(list.stdout.contains("demo://readme"))
        #expect(try await CommandRunner.run(["resources", "templates"] + demoServer()).stdout.contains("demo://greeting/{name}"))
        #expect(try await CommandRunner.run(["resources", "read", "demo://greeting/Ada"] + demoServer()).stdout == "Hello, Ada!\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("logo-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        let saved = try await CommandRunner.run(["resources", "read", "demo://logo.png", "--output", file.path] + demoServer())
        #expect(saved.status == 0)
        #expect(try Array(Data(contentsOf: file)) == DemoServer.logoPNG)
        let piped = try await CommandRunner.run(["resources", "read", "demo://logo.png"] + demoServer())
        #expect(Array(piped.stdout.utf8).prefix(4) == [0xEF, 0xBF, 0xBD, 0x50] || piped.stdout.hasSuffix("IEND\u{FFFD}B`\u{FFFD}"))
        #expect(try await CommandRunner.run(["resources", "read", "demo://nothing"] + demoServer()).status == 4)
    }

    @Test("prompts list and get; complete")
    func promptsAndCompletion() async throws {
        #expect(try await CommandRunner.run(["prompts", "list"] + demoServer()).stdout.contains("summarize"))
        let prompt = try await CommandRunner.run(["prompts", "get", "summarize", "text=Swift is fast."] + demoServer())
        #expect(prompt.stdout.contains("user: Summarize in one sentence:"))
        #expect(prompt.stdout.contains("Swift is fast."))
        let completion = try await CommandRunner.run(["complete", "--prompt", "summarize", "--argument", "style", "--value", "b"] + demoServer())
        #expect(completion.stdout == "brief\nbullet points\n")
    }

    @Test("ping, and elicitation declined when not interactive")
    func pingAndNonInteractive() async throws {
        #expect(try await CommandRunner.run(["ping"] + demoServer()).stdout.contains("ok ("))
        let booking = try await CommandRunner.run(["tools", "call", "book_table"] + demoServer())
        #expect(booking.stdout.contains("No booking made (decline)."))
        #expect(booking.stderr.contains("not interactive"))
    }

    @Test("sampling is refused with a clear message unless a sampling command is given")
    func sampling() async throws {
        // The handshake era: the server's sampling request is refused and the tool fails (5).
        let refused = try await CommandRunner.run(["tools", "call", "haiku", "topic=tea", "--protocol", "legacy"] + demoServer())
        #expect(refused.status == 5)
        #expect(refused.stderr.contains("--sampling-command"))
        // The stateless era: the server refuses the call for the missing capability (4).
        let statelessRefusal = try await CommandRunner.run(["tools", "call", "haiku", "topic=tea"] + demoServer())
        #expect(statelessRefusal.status == 4)
        #expect(statelessRefusal.stderr.contains("--sampling-command"))
        let answered = try await CommandRunner.run(["tools", "call", "haiku", "topic=tea", "--sampling-command", "echo green leaves steep slowly"] + demoServer())
        #expect(answered.status == 0)
        #expect(answered.stdout == "green leaves steep slowly\n")
    }

    @Test("a configuration file: every server at once, one by name, and servers' status")
    func configuration() async throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: config) }
        let file: JSONValue = ["mcpServers": [
            "demo": ["command": .string(try CommandRunner.executable), "args": ["demo-server"]],
            "time": ["command": "${TIME_SERVER}"],
            "broken": ["command": "/nonexistent/mcp-server"],
        ]]
        try file.jsonBytes().writeTo(config)
        let environment = ["TIME_SERVER": try CommandRunner.venvTool("mcp-server-time")]
        let servers = try await CommandRunner.run(["servers", "--config", config.path, "--json"], environment: environment)
        #expect(servers.status == 2)
        let entries = try #require(servers.json?["servers"]?.arrayValue)
        #expect(entries.map { $0["connected"]?.boolValue } == [true, true, false])
        let tools = try await CommandRunner.run(["tools", "list", "--config", config.path, "--json"], environment: environment)
        #expect(tools.status == 0)
        let names = try #require(tools.json?["tools"]?.arrayValue).compactMap { $0["name"]?.stringValue }
        #expect(names.contains("get_current_time") && names.contains("echo"))
        let routed = try await CommandRunner.run(["tools", "call", "echo", "text=routed", "--config", config.path], environment: environment)
        #expect(routed.stdout == "routed\n")
        let one = try await CommandRunner.run(["tools", "list", "--config", config.path, "--server", "time", "--json"], environment: environment)
        #expect(one.json?["tools"]?.arrayValue?.count == 2)
        let unset = try await CommandRunner.run(["tools", "list", "--config", config.path])
        #expect(unset.status == 1)
        #expect(unset.stderr.contains("TIME_SERVER"))
    }

    @Test("mcp demo runs the whole tour with no setup")
    func demo() async throws {
        let result = try await CommandRunner.run(["demo"])
        #expect(result.status == 0)
        for section in ["Tools", "Elicitation", "Sampling", "Resources", "Prompts", "Completion"] {
            #expect(result.stdout.contains("▶ \(section)"))
        }
        #expect(result.stdout.contains("Liftoff after 5 steps"))
        #expect(result.stdout.contains("Booked Chez MCP on 2026-12-24 for 2, inside."))
    }

    @Test("on a terminal: a progress bar, colour, and elicitation asked interactively")
    func terminal() async throws {
        let progress = try await CommandRunner.runInTerminal(["tools", "call", "countdown", "n=3", "delayMilliseconds=50"] + demoServer(), script: [])
        #expect(progress.status == 0)
        #expect(progress.stdout.contains("█"))
        #expect(progress.stdout.contains("100%"))
        #expect(progress.stdout.contains("\u{1B}["))
        let booking = try await CommandRunner.runInTerminal(
            ["tools", "call", "book_table", "restaurant=Swifty"] + demoServer(),
            script: [("Answer?", "y"), ("Date", "not-a-date"), ("expected", "2027-01-15"), ("Guests", "3"), ("Seating", "2")]
        )
        #expect(booking.status == 0)
        #expect(booking.stdout.contains("expected a date as YYYY-MM-DD"))
        #expect(booking.stdout.contains("Booked Swifty on 2027-01-15 for 3, terrace."))
    }
}
