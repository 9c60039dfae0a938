import ArgumentParser

/// How `mcp` authorizes with OAuth-protected HTTP servers: shared by `mcp auth login` and, for
/// on-demand authorization, by every command.
struct AuthorizationOptions: ParsableArguments {
    @Option(name: .customLong("browser"), help: "The command that opens authorization URLs (the URL is its last argument; no shell is involved).")
    var browserCommand: String?

    @Flag(name: .customLong("no-browser"), help: "Print the authorization URL instead of opening a browser.")
    var noBrowser = false

    @Option(name: .customLong("client-id"), help: "A client ID registered with the authorization server beforehand.")
    var clientID: String?

    @Option(name: .customLong("client-secret-env"), help: "The environment variable that holds the pre-registered client's secret.")
    var clientSecretVariable: String?

    @Option(name: .customLong("client-metadata-url"), help: "The HTTPS URL of this client's Client ID Metadata Document.")
    var clientMetadataURL: String?

    @Option(name: .customLong("scope"), help: "Scopes to request, space-separated (default: what the server asks for).")
    var scope: String?

    @Option(name: .customLong("callback-port"), help: "The loopback port receiving the authorization redirect (another is used if it is busy).")
    var callbackPort: Int = 33418

    @Option(name: .customLong("token-store"), help: "The directory of stored tokens (default: ~/.config/mcp/auth).")
    var tokenStore: String?
}
