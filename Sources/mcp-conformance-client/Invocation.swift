import MCPClient
import MCPCore

/// What the conformance runner asked for: which scenario, against which server, at which spec
/// revision, with which scenario data.
struct Invocation: Sendable {
    /// `MCP_CONFORMANCE_SCENARIO`.
    var scenario: String
    /// The last command-line argument (the runner appends it to whatever command it was given).
    var serverURL: String
    /// `MCP_CONFORMANCE_PROTOCOL_VERSION`, if set.
    var protocolVersion: ProtocolVersion?
    /// `MCP_CONFORMANCE_CONTEXT`, parsed; `nil` when the scenario has no data.
    var context: JSONObject?

    init(arguments: [String], environment: [String: String]) throws {
        guard let scenario = environment["MCP_CONFORMANCE_SCENARIO"], !scenario.isEmpty else {
            throw ConformanceError("MCP_CONFORMANCE_SCENARIO is not set")
        }
        // Options the runner's command line may carry come first; the URL is always last.
        guard let url = arguments.last, url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ConformanceError("usage: mcp-conformance-client [OPTIONS…] SERVER_URL (got \(arguments.last.map { "'\($0)'" } ?? "no arguments"))")
        }
        self.scenario = scenario
        self.serverURL = url
        if let text = environment["MCP_CONFORMANCE_PROTOCOL_VERSION"], !text.isEmpty {
            let version = ProtocolVersion(rawValue: text)
            guard version.isSupported else {
                throw ConformanceError(
                    "MCP_CONFORMANCE_PROTOCOL_VERSION \(text) is not a version this client speaks (\(ProtocolVersion.supported.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            protocolVersion = version
        }
        if let text = environment["MCP_CONFORMANCE_CONTEXT"], !text.isEmpty {
            let value: JSONValue
            do {
                value = try JSONValue(parsing: text)
            } catch {
                throw ConformanceError("MCP_CONFORMANCE_CONTEXT is not JSON: \(error)")
            }
            guard let object = value.objectValue else { throw ConformanceError("MCP_CONFORMANCE_CONTEXT is not a JSON object") }
            // The runner adds the scenario's name so the context can be told apart; a mismatch
            // means the environment is stale.
            if let named = object["name"]?.stringValue, named != scenario {
                throw ConformanceError("MCP_CONFORMANCE_CONTEXT is for scenario '\(named)', not '\(scenario)'")
            }
            context = object
        }
    }

    /// The client configuration for the requested revision.
    ///
    /// A handshake-era revision is offered in `initialize` without insisting on it (the suite's
    /// servers may answer an older version, which the client must accept); the newest stateless
    /// revision uses detection, which probes `server/discover` at it and retries at the version a
    /// `-32022` names; an older stateless one is pinned. No revision means detection.
    var configuration: Client.Configuration {
        var configuration = Client.Configuration()
        configuration.clientInfo = Implementation(name: "swift-mcp-conformance-client", version: MCPClientVersion.current)
        // Each run is its own process, but never let one scenario's verdict steer another.
        configuration.eraCache = nil
        configuration.requestTimeout = .seconds(30)
        switch protocolVersion {
        case nil:
            configuration.protocolMode = .automatic
        case let version? where !version.isModern:
            configuration.protocolMode = .legacy
            configuration.protocolVersion = version
        case let version? where version == .latest:
            configuration.protocolMode = .automatic
            // The runner says the server is stateless: a probe answered late (a loaded machine)
            // must not be taken for a handshake-era server's silence.
            configuration.discoveryTimeout = .seconds(30)
        case let version?:
            configuration.protocolMode = .pinned(version)
        }
        return configuration
    }
}

/// A failure of the client's part of a scenario.
struct ConformanceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
