import Foundation

/// The client the MCP conformance suite (`modelcontextprotocol/conformance`) runs for its client
/// scenarios: `mcp-conformance-client [OPTIONS…] SERVER_URL`, with the scenario in
/// `MCP_CONFORMANCE_SCENARIO`, the spec revision in `MCP_CONFORMANCE_PROTOCOL_VERSION` and
/// scenario data in `MCP_CONFORMANCE_CONTEXT`.
///
/// The suite judges what the server saw, not what this process prints; the exit status says
/// whether the client finished its part, and a failure is one line on stderr.
@main
enum ConformanceClient {
    static func main() async {
        let status: Int32
        do {
            let invocation = try Invocation(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
            try await ScenarioRunner(invocation: invocation).run()
            print("\(invocation.scenario): done")
            status = 0
        } catch {
            // One line, so the suite's log shows the reason next to the exit code.
            let message = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            writeStandardError("mcp-conformance-client: error: \(message)\n")
            status = 1
        }
        exit(status)
    }

    private static func writeStandardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
