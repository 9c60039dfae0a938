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

/// Starts `report_env.py` with `parameters` and returns the environment and working directory
/// it reports.
private func reportedEnvironment(_ parameters: StdioServerParameters) async throws -> (environment: [String: String], cwd: String) {
    try await withStdioClient(parameters) { client, _ in
        let result = try await client.callTool("environment")
        let structured = try #require(result.structuredContent, "no structured content in \(result)")
        let environment = try #require(structured["environment"]).decode([String: String].self)
        let cwd = try #require(structured["cwd"]?.stringValue)
        return (environment, cwd)
    }
}

/// What the server process gets: environment, working directory, command lookup. (That
/// secrets in this process's environment stay out of it is checked from a helper process whose
/// environment the test controls, in `HelperProcessTests`.)
@Suite("Server environment and working directory")
struct EnvironmentTests {
    @Test func theServerGetsExactlyTheResolvedEnvironment() async throws {
        let parameters = try StdioServerParameters.python(
            try Paths.fault("report_env.py"),
            environment: ["MCP_GIVEN": "given value", "MCP_EMPTY": "", "MCP_UNICODE": "é€😀 = spaces & symbols"]
        )
        var (environment, _) = try await reportedEnvironment(parameters)
        // Python sets LC_CTYPE itself when the locale is C (PEP 538).
        environment.removeValue(forKey: "LC_CTYPE")
        #expect(environment == parameters.resolvedEnvironment())
        #expect(environment["MCP_GIVEN"] == "given value")
        #expect(environment["MCP_EMPTY"] == "")
        #expect(environment["MCP_UNICODE"] == "é€😀 = spaces & symbols")
        #expect(Set(environment.keys).subtracting(["MCP_GIVEN", "MCP_EMPTY", "MCP_UNICODE"]).isSubset(of: StdioServerParameters.defaultEnvironmentKeys))
    }

    @Test func inheritingGivesTheServerThisProcesssWholeEnvironment() async throws {
        var parameters = try StdioServerParameters.python(try Paths.fault("report_env.py"), environment: ["MCP_GIVEN": "over the top"])
        parameters.inheritsEnvironment = true
        var (environment, _) = try await reportedEnvironment(parameters)
        let ours = ProcessEnvironment.current
        if ours["LC_CTYPE"] == nil { environment.removeValue(forKey: "LC_CTYPE") }
        var expected = ours
        expected["MCP_GIVEN"] = "over the top"
        #expect(environment == expected)
    }

    @Test func theWorkingDirectoryIsHonoured() async throws {
        let directory = try Files.makeTemporaryDirectory()
        defer { Files.removeTree(directory) }
        var parameters = try StdioServerParameters.python(try Paths.fault("report_env.py"))
        parameters.workingDirectory = directory
        let (_, cwd) = try await reportedEnvironment(parameters)
        #expect(cwd == directory)
    }

    @Test func withoutAWorkingDirectoryTheServerSharesOurs() async throws {
        let (_, cwd) = try await reportedEnvironment(try StdioServerParameters.python(try Paths.fault("report_env.py")))
        var buffer = [CChar](repeating: 0, count: 4096)
        let ours = try #require(getcwd(&buffer, buffer.count).map { String(cString: $0) })
        #expect(Files.realPath(cwd) == Files.realPath(ours))
    }

    @Test func aBareCommandIsLookedUpInTheServersPath() async throws {
        let directory = try Files.makeTemporaryDirectory()
        defer { Files.removeTree(directory) }
        let name = "mcp-env-reporter-\(getpid())"
        let script = "#!/bin/sh\nexec '\(try Paths.python())' -B -u '\(try Paths.fault("report_env.py"))'\n"
        try Files.write(script, to: directory + "/" + name)
        chmod(directory + "/" + name, 0o755)
        let parameters = StdioServerParameters(
            command: name,
            environment: ["PATH": "/nonexistent:\(directory):/usr/bin:/bin"],
            stderr: .discard
        )
        let (environment, _) = try await reportedEnvironment(parameters)
        #expect(environment["PATH"] == "/nonexistent:\(directory):/usr/bin:/bin")
        // Not in this process's PATH, so only the server's PATH could have found it.
        #expect(ServerProcess.resolveExecutable(name, environment: ProcessEnvironment.current) == nil)
    }

    @Test func argumentsArePassedAsGivenWithoutAShell() async throws {
        let tricky = ["two words", "$HOME", "*", "'quoted'", "", "é€😀", "--flag=value; rm -rf /"]
        let transport = StdioTransport(StdioServerParameters(
            command: try Paths.python(),
            arguments: ["-c", "import sys, json; sys.stderr.write(json.dumps(sys.argv[1:]) + '\\n')"] + tricky,
            stderr: .discard
        ))
        let events = try await transport.connect()
        do {
            for try await _ in events {}
        } catch {
            // The script exits at once: expected.
        }
        let line = try #require(transport.recentStderr.last)
        #expect(try JSONValue(parsing: line).decode([String].self) == tricky)
        await transport.close()
    }
}
