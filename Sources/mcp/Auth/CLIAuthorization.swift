import Foundation
import MCPAuth
import MCPConfiguration
import MCPCore
import MCPHTTP
import NIOHTTP1

/// OAuth for the command line: the authorizer for a `--url` server (on-demand authorization on a
/// terminal, stored tokens otherwise) and how its failures read.
enum CLIAuthorization {
    /// The token store: `--token-store`, else the default directory.
    static func store(_ options: AuthorizationOptions) -> FileTokenStore {
        FileTokenStore(directory: options.tokenStore.map { URL(fileURLWithPath: $0) } ?? FileTokenStore.defaultDirectory)
    }

    /// The authorizer for `url`; it asks the user (through the browser) only if `interactive`.
    static func authorizer(url: String, options: AuthorizationOptions, interactive: Bool) throws -> OAuthAuthorizer {
        var configuration = OAuthConfiguration(clientName: "mcp command line", clientMetadataDocumentURL: options.clientMetadataURL)
        if let clientID = options.clientID {
            var secret: String?
            if let variable = options.clientSecretVariable {
                guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
                    throw CLIError.usage("--client-secret-env \(variable): the variable is not set")
                }
                secret = value
            }
            configuration.preRegisteredClients = [PreRegisteredClient(clientID: clientID, clientSecret: secret)]
        }
        configuration.scopes = options.scope.map { $0.split(separator: " ").map(String.init) }
        if interactive, isatty(0) == 1 {
            // The last resort of the registration order: the user names a client registered by hand.
            configuration.askForClient = { issuer in
                writeStderr("mcp: \(issuer) supports no automatic client registration.\nEnter a client ID registered with it (empty to cancel): ")
                guard let line = readLine()?.trimmed, !line.isEmpty else { return nil }
                return PreRegisteredClient(clientID: line)
            }
        }
        do {
            return try OAuthAuthorizer(
                serverURL: url, configuration: configuration, store: store(options),
                userAgent: interactive ? TerminalUserAgent(options: options) : nil
            )
        } catch let error as AuthorizationError {
            throw CLIError.usage(error.message)
        }
    }

    /// The transport for a `--url` or `--sse` target with OAuth on demand, or `nil` for other
    /// targets and when credentials are given by hand (`--bearer-env`, an Authorization header).
    static func transport(for target: ServerTarget, options: ConnectionOptions, connection: ServerTarget.ConnectionOptions, interactive: Bool) throws -> (any Transport)? {
        guard connection.bearerToken == nil, !connection.headers.keys.contains(where: { $0.lowercased() == "authorization" }) else { return nil }
        var headers = HTTPHeaders()
        for (name, value) in connection.headers { headers.add(name: name, value: value) }
        switch target {
        case .http(let url, _):
            let authorizer = try authorizer(url: url, options: options.authorization, interactive: interactive)
            return try HTTPTransport(url: url, configuration: HTTPTransportConfiguration(headers: headers, connectTimeout: connection.connectTimeout, authorizer: authorizer))
        case .sse(let url, _):
            let authorizer = try authorizer(url: url, options: options.authorization, interactive: interactive)
            return try SSEClientTransport(url: url, configuration: HTTPTransportConfiguration(headers: headers, connectTimeout: connection.connectTimeout, authorizer: authorizer))
        default:
            return nil
        }
    }

    /// The exit-code-3 failure for an authorization error anywhere in `error`'s causes.
    static func failure(in error: any Error) -> CLIError? {
        guard let authorizationError = innermostAuthorizationError(error) else { return nil }
        var message = "authorization failed: \(authorizationError.message)"
        if authorizationError.code == .interactionRequired {
            let arguments = CommandLine.arguments
            let url = arguments.firstIndex { $0 == "--url" || $0 == "--sse" }.flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "URL"
            message = "\(authorizationError.message); log in first with `mcp auth login --url \(url)` (or run this command on a terminal)"
        }
        return CLIError(status: .authorization, message: message, details: ["kind": .string(authorizationError.code.description)])
    }

    private static func innermostAuthorizationError(_ error: any Error) -> AuthorizationError? {
        var current: (any Error)? = error
        while let error = current {
            switch error {
            case let found as AuthorizationError: return found
            case let transport as TransportError: current = transport.underlyingError
            case let client as ClientError: current = client.underlyingError
            default: return nil
            }
        }
        return nil
    }
}
