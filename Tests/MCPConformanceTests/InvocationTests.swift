import Testing

extension ConformanceTests {
    /// How the executable reads the runner's invocation and reports what it cannot do.
    @Suite("Conformance client invocation")
    struct InvocationTests {
        /// A URL nothing listens on: these runs must fail before connecting, or fail to connect.
        private let unusedURL = "http://127.0.0.1:9/mcp"

        private func expectOneLineError(_ run: ClientRun, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(run.status != 0, "\(run)", sourceLocation: sourceLocation)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.hasPrefix("mcp-conformance-client: error: "), "\(run)", sourceLocation: sourceLocation)
            #expect(run.stderr.contains(text), "\(run)", sourceLocation: sourceLocation)
        }

        @Test("an unknown scenario fails with one line naming it")
        func unknownScenario() async throws {
            let run = try await Harness.runClient(scenario: "no-such-scenario", protocolVersion: nil, context: nil, arguments: [unusedURL])
            expectOneLineError(run, containing: "unknown scenario 'no-such-scenario'")
        }

        @Test("authorization scenarios are declined, not attempted")
        func authScenario() async throws {
            let run = try await Harness.runClient(scenario: "auth/basic-cimd", protocolVersion: "2025-11-25", context: nil, arguments: [unusedURL])
            expectOneLineError(run, containing: "authorization scenarios are not supported")
        }

        @Test("the server URL is the last argument; without one the run fails")
        func missingURL() async throws {
            let run = try await Harness.runClient(scenario: "initialize", protocolVersion: "2025-11-25", context: nil, arguments: [])
            expectOneLineError(run, containing: "usage: mcp-conformance-client")
        }

        @Test("an unknown protocol version is refused")
        func unknownVersion() async throws {
            let run = try await Harness.runClient(scenario: "initialize", protocolVersion: "1999-01-01", context: nil, arguments: [unusedURL])
            expectOneLineError(run, containing: "1999-01-01")
        }

        @Test("options before the URL are ignored (the runner appends the URL to its command)")
        func optionsBeforeURL() async throws {
            let server = try await MockScenarioServer(scenario: "initialize", specVersion: "2025-11-25")
            defer { server.stop() }
            let run = try await Harness.runClient(scenario: "initialize", protocolVersion: "2025-11-25", context: nil, arguments: ["--verbose", server.url])
            #expect(run.status == 0, "\(run)")
            #expect(try server.checks().contains { $0.id == "mcp-client-initialization" && $0.status == "SUCCESS" })
        }

        @Test("a context made for another scenario is refused")
        func mismatchedContext() async throws {
            let run = try await Harness.runClient(
                scenario: "http-custom-headers",
                protocolVersion: "2026-07-28",
                context: ["toolCalls": []],
                contextName: "tools_call",
                arguments: [unusedURL]
            )
            expectOneLineError(run, containing: "is for scenario 'tools_call'")
        }

        @Test("a connection failure is one line and a non-zero exit")
        func connectionRefused() async throws {
            let run = try await Harness.runClient(scenario: "initialize", protocolVersion: "2025-11-25", context: nil, arguments: [unusedURL])
            expectOneLineError(run, containing: "could not reach")
        }
    }
}
