import MCPClient
import MCPCore
import MCPHTTP
import Synchronization

/// Plays the client's part of each conformance scenario. The suite's mock server records what
/// arrives and judges it; this side only has to do what a well-behaved client would.
struct ScenarioRunner: Sendable {
    let invocation: Invocation

    /// Scenarios this client plays, by the suite's names (and the aliases its example client uses).
    static let scenarios: [String] = [
        "initialize", "tools_call", "tools-call",
        "elicitation-sep1034-client-defaults", "elicitation-defaults",
        "sse-retry", "request-metadata", "sep-2322-client-request-state",
        "http-standard-headers", "http-custom-headers", "http-invalid-tool-headers",
        "json-schema-ref-no-deref", "json-schema-2020-12-preservation",
    ]

    func run() async throws {
        let scenario = invocation.scenario
        if scenario.hasPrefix("auth/") {
            throw ConformanceError("scenario '\(scenario)': authorization scenarios are not supported by this client yet")
        }
        guard Self.scenarios.contains(scenario) else {
            throw ConformanceError("unknown scenario '\(scenario)' (this client plays: \(Self.scenarios.joined(separator: ", ")))")
        }
        let clientBox = ClientBox()
        let client = Client(configuration: invocation.configuration, handlers: handlers(clientBox: clientBox))
        clientBox.set(client)
        try await client.connect(try makeTransport())
        do {
            try await play(scenario, client: client)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    private func makeTransport() throws -> any Transport {
        var configuration = HTTPTransportConfiguration()
        // SEP-1699: the first reconnection waits exactly the server's `retry`; the default ±20 %
        // jitter could come back early, which the sse-retry scenario counts as a violation.
        configuration.reconnection.jitter = 0
        // The suite serves Streamable HTTP only; no fallback to the 2024-11-05 transport.
        return try StreamableHTTPTransport(url: invocation.serverURL, configuration: configuration)
    }

    // MARK: Handlers

    /// Handlers declaring elicitation and roots, so the capability metadata the suite inspects is
    /// populated; elicitation accepts, filling every field that has a default (SEP-1034).
    private func handlers(clientBox: ClientBox) -> ClientHandlers {
        let scenario = invocation.scenario
        let unrelatedCallMade = Mutex(false)
        return ClientHandlers(
            elicitation: { params, _ in
                var content = try Self.defaults(of: params)
                if scenario == "sep-2322-client-request-state" {
                    content["confirmed"] = .bool(true)
                    // Between the rounds of a multi round-trip call, another call must travel
                    // without its inputResponses or requestState: make one while the first waits.
                    let first = unrelatedCallMade.withLock { made in
                        defer { made = true }
                        return !made
                    }
                    if first, let client = clientBox.client {
                        let result = try await client.callTool("test_mrtr_unrelated", arguments: [:])
                        try Self.requireSuccess(result, tool: "test_mrtr_unrelated")
                    }
                }
                return .accept(content)
            },
            elicitationModes: [.form],
            roots: { _ in [] },
            rootsListChanged: false
        )
    }

    /// The requested form's defaults: what the user accepted by leaving every field untouched.
    static func defaults(of params: ElicitRequestParams) throws -> JSONObject {
        guard case .form(let form) = params else { return [:] }
        var content = JSONObject()
        for property in form.requestedSchema.properties {
            if let value = try JSONValue(encoding: property.schema)["default"], value != .null {
                content[property.name] = value
            }
        }
        return content
    }

    // MARK: Scenarios

    private func play(_ scenario: String, client: Client) async throws {
        switch scenario {
        case "initialize":
            _ = try await client.listAllTools()

        case "tools_call", "tools-call":
            let tools = try await client.listAllTools()
            guard let tool = tools.first else { throw ConformanceError("the server lists no tools") }
            let result = try await client.callTool(tool.name, arguments: ["a": 2, "b": 3])
            try Self.requireSuccess(result, tool: tool.name)

        case "elicitation-sep1034-client-defaults", "elicitation-defaults":
            let name = "test_client_elicitation_defaults"
            try await requireTool(name, in: client)
            try Self.requireSuccess(try await client.callTool(name, arguments: [:]), tool: name)

        case "sse-retry":
            let name = "test_reconnection"
            // The transport opens its standalone GET stream in the background after the
            // handshake; the scenario's server hands the pending answer to whichever GET comes
            // next, so that stream must be up before the call, or it would carry the answer and
            // no resumption would happen.
            try await Task.sleep(for: .milliseconds(500))
            try await requireTool(name, in: client)
            // The server ends the call's event stream before answering; the answer comes on the
            // resumed stream.
            try Self.requireSuccess(try await client.callTool(name, arguments: [:]), tool: name)

        case "request-metadata":
            // Connecting probed `server/discover` (retrying after the -32022); one more request
            // shows the metadata on ordinary traffic.
            _ = try await client.listAllTools()

        case "sep-2322-client-request-state":
            try await playMultiRoundTrip(client)

        case "http-standard-headers":
            try await playStandardHeaders(client)

        case "http-custom-headers":
            try await playCustomHeaders(client)

        case "http-invalid-tool-headers":
            try await playInvalidToolHeaders(client)

        case "json-schema-ref-no-deref":
            // Listing hands the schemas to the client's catalog; a network `$ref` must stay unfetched.
            _ = try await client.listAllTools()

        case "json-schema-2020-12-preservation":
            let tools = try await client.listAllTools()
            guard let focal = tools.first(where: { $0.name == "json_schema_2020_12_tool" }) else {
                throw ConformanceError("the server does not list json_schema_2020_12_tool")
            }
            let result = try await client.callTool("json_schema_echo", arguments: ["schema": .object(focal.inputSchema)])
            try Self.requireSuccess(result, tool: "json_schema_echo")

        default:
            throw ConformanceError("unknown scenario '\(scenario)'")
        }
    }

    private func playMultiRoundTrip(_ client: Client) async throws {
        let tools = try await client.listAllTools().map(\.name)
        for name in ["test_mrtr_echo_state", "test_mrtr_no_state", "test_mrtr_no_result_type"] {
            guard tools.contains(name) else { throw ConformanceError("the server does not list \(name)") }
            try Self.requireSuccess(try await client.callTool(name, arguments: [:]), tool: name)
        }
    }

    private func playStandardHeaders(_ client: Client) async throws {
        for tool in try await client.listAllTools() {
            try Self.requireSuccess(try await client.callTool(tool.name, arguments: Self.sampleArguments(for: tool)), tool: tool.name)
        }
        for resource in try await client.listAllResources() {
            _ = try await client.readResource(resource.uri)
        }
        for prompt in try await client.listAllPrompts() {
            _ = try await client.getPrompt(prompt.name)
        }
    }

    private func playCustomHeaders(_ client: Client) async throws {
        guard let calls = invocation.context?["toolCalls"]?.arrayValue, !calls.isEmpty else {
            throw ConformanceError("MCP_CONFORMANCE_CONTEXT has no toolCalls for http-custom-headers")
        }
        // Listing first teaches the transport which parameters the tools mirror into headers.
        let listed = Set(try await client.listAllTools().map(\.name))
        for call in calls {
            guard let name = call["name"]?.stringValue else { throw ConformanceError("a toolCalls entry has no name") }
            guard listed.contains(name) else { throw ConformanceError("the server does not list \(name)") }
            let result = try await client.callTool(name, arguments: call["arguments"]?.objectValue ?? [:])
            try Self.requireSuccess(result, tool: name)
        }
    }

    private func playInvalidToolHeaders(_ client: Client) async throws {
        // Every tool the client kept is called; tools with invalid `x-mcp-header` annotations must
        // not be among them.
        let tools = try await client.listAllTools()
        guard !tools.isEmpty else { throw ConformanceError("no tools survived listing") }
        for tool in tools {
            try Self.requireSuccess(try await client.callTool(tool.name, arguments: Self.sampleArguments(for: tool)), tool: tool.name)
        }
    }

    // MARK: Helpers

    private func requireTool(_ name: String, in client: Client) async throws {
        guard try await client.listAllTools().contains(where: { $0.name == name }) else {
            throw ConformanceError("the server does not list \(name)")
        }
    }

    static func requireSuccess(_ result: CallToolResult, tool: String) throws {
        if result.isError == true { throw ConformanceError("tool \(tool) failed: \(result.text)") }
    }

    /// A value of the declared type for each required parameter, enough for a call to be valid.
    static func sampleArguments(for tool: Tool) -> JSONObject {
        var arguments = JSONObject()
        let properties = tool.inputSchema["properties"]?.objectValue ?? [:]
        for name in tool.inputSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            switch properties[name]?["type"]?.stringValue {
            case "integer", "number": arguments[name] = 1
            case "boolean": arguments[name] = true
            case "object": arguments[name] = .object([:])
            case "array": arguments[name] = .array([])
            case "null": arguments[name] = .null
            default: arguments[name] = "us-west1"
            }
        }
        return arguments
    }
}

/// The client, for handlers created before it (the multi round-trip scenario calls a tool from
/// inside an elicitation).
final class ClientBox: Sendable {
    private let storage = Mutex<Client?>(nil)
    var client: Client? { storage.withLock { $0 } }
    func set(_ client: Client) { storage.withLock { $0 = client } }
}
