import ArgumentParser
import MCPClient
import MCPConfiguration
import MCPCore

/// How `mcp` ends: each kind of failure has its own exit status.
enum ExitStatus: Int32 {
    case success = 0
    case usage = 1
    case connection = 2
    case authorization = 3
    case protocolOrServer = 4
    case toolError = 5
}

/// A failure the command line reports: one line on stderr (a JSON object with `--json`) and an
/// exit status.
struct CLIError: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String
    var details: JSONObject = [:]

    var description: String { message }

    static func usage(_ message: String) -> CLIError { CLIError(status: .usage, message: message) }

    /// Classifies any error thrown while running a command.
    static func classify(_ error: any Error) -> CLIError {
        if let failure = CLIAuthorization.failure(in: error) { return failure }
        switch error {
        case let error as CLIError:
            return error
        case let error as ToolError:
            return CLIError(status: .toolError, message: "tool \(error.toolName) reported an error: \(error.message)", details: ["tool": .string(error.toolName)])
        case let error as MCPError:
            var message = "the server answered with error \(error.code.rawValue): \(error.message)"
            if error.code == .missingRequiredClientCapability {
                // The stateless protocol's way of saying the tool needs something we did not offer.
                message += " (this command offers sampling only with --sampling-command, and elicitation only on a terminal)"
            }
            return CLIError(
                status: .protocolOrServer,
                message: message,
                details: ["code": .int(error.code.rawValue), "data": error.data ?? .null]
            )
        case let error as ConfigurationError:
            return CLIError(status: .usage, message: error.description)
        case let error as ValidationError:
            return CLIError(status: .usage, message: error.message)
        case let error as ClientSessionGroup.GroupError:
            return CLIError(status: .protocolOrServer, message: error.description)
        case let error as TransportError:
            return classifyTransport(error, context: nil)
        case let error as ClientError:
            if let transport = innermostTransportError(error) { return classifyTransport(transport, context: error.message) }
            switch error.code {
            case .notConnected, .connectionClosed:
                return CLIError(status: .connection, message: error.description)
            default:
                return CLIError(status: .protocolOrServer, message: error.description, details: ["kind": .string(error.code.description)])
            }
        default:
            return CLIError(status: .protocolOrServer, message: String(describing: error))
        }
    }

    private static func innermostTransportError(_ error: ClientError) -> TransportError? {
        var current: (any Error)? = error.underlyingError
        while let error = current {
            if let transport = error as? TransportError { return transport }
            current = (error as? ClientError)?.underlyingError
        }
        return nil
    }

    private static func classifyTransport(_ error: TransportError, context: String?) -> CLIError {
        let message = context.map { "\($0): \(error)" } ?? error.description
        if error.statusCode == 401 || error.statusCode == 403 {
            return CLIError(status: .authorization, message: message, details: ["httpStatus": .int(error.statusCode ?? 0)])
        }
        var details: JSONObject = ["kind": .string(error.code.description)]
        if let status = error.statusCode { details["httpStatus"] = .int(status) }
        return CLIError(status: .connection, message: message, details: details)
    }
}
