import Testing

extension ConformanceTests {
    /// The negative control: each mock server's checks fail for a client that lacks the behaviour
    /// they look for (Tests/Fixtures/conformance/misbehaving_client.py), so the scenario tests
    /// passing means something.
    @Suite("Mock servers catch a misbehaving client")
    struct MockServerControlTests {
        /// Check ids that must be recorded as failures (at least one instance) for each scenario.
        static let cases: [(scenario: String, specVersion: String?, failures: [String])] = [
            ("initialize", "2025-11-25", ["mcp-client-initialization"]),
            ("tools_call", "2025-11-25", ["tool-add-numbers", "wire-schema-valid"]),
            ("json-schema-2020-12-preservation", "2025-11-25", [
                "json-schema-2020-12-client-$schema-preserved", "json-schema-2020-12-client-$defs-preserved",
                "json-schema-2020-12-client-additionalProperties-preserved",
            ]),
            ("elicitation-sep1034-client-defaults", "2025-11-25", [
                "client-elicitation-sep1034-string-default", "client-elicitation-sep1034-integer-default",
                "client-elicitation-sep1034-number-default", "client-elicitation-sep1034-enum-default",
                "client-elicitation-sep1034-boolean-default",
            ]),
            ("sse-retry", "2025-11-25", ["client-sse-retry-timing"]),
            ("request-metadata", nil, ["sep-2575-http-client-sends-version-header", "sep-2575-client-populates-meta"]),
            ("sep-2322-client-request-state", nil, [
                "sep-2322-client-request-state-echoed", "sep-2322-client-jsonrpc-id-different", "sep-2322-client-no-state-omitted",
                "sep-2322-client-parallel-isolation", "sep-2322-default-result-type-complete",
            ]),
            ("http-standard-headers", nil, ["sep-2243-client-includes-standard-headers"]),
            ("http-custom-headers", nil, [
                "sep-2243-client-mirrors-designated-params",
                "sep-2243-client-encode-values", "sep-2243-client-base64-unsafe", "sep-2243-client-omit-null",
            ]),
            ("http-invalid-tool-headers", nil, ["sep-2243-client-reject-invalid-tool", "sep-2243-x-mcp-header-not-empty"]),
            ("json-schema-ref-no-deref", nil, ["sep-2106-no-network-ref-deref"]),
        ]

        @Test("the scenario's checks fail", arguments: cases.map(\.scenario))
        func checksFail(scenario: String) async throws {
            let entry = try #require(Self.cases.first { $0.scenario == scenario })
            let (run, checks) = try await playScenario(scenario, specVersion: entry.specVersion, misbehaving: true)
            let report = "client: \(run)\nchecks:\n" + checks.map { "  \($0)" }.joined(separator: "\n")
            #expect(run.status == 0, "the misbehaving client itself broke\n\(report)")
            for id in entry.failures {
                #expect(checks.contains { $0.id == id && $0.status == "FAILURE" }, "\(id) did not fail\n\(report)")
            }
        }
    }
}
