import MCPAuth
import Synchronization

/// The command line's user agent: a loopback listener for the redirect, and the system browser
/// (or `--browser CMD`, or, with `--no-browser`, the URL printed for the user to open).
final class TerminalUserAgent: AuthorizationUserAgent {
    private let options: AuthorizationOptions
    private let listener = Mutex<LoopbackRedirectListener?>(nil)

    init(options: AuthorizationOptions) {
        self.options = options
    }

    func redirectURI() async throws -> String {
        try listener.withLock { current in
            if let current { return current.redirectURI }
            let opened = try LoopbackRedirectListener(preferredPort: options.callbackPort)
            current = opened
            return opened.redirectURI
        }
    }

    func authorize(url: String, redirectURI: String) async throws -> String {
        guard let listener = listener.withLock({ $0 }) else { throw CLIError(status: .authorization, message: "the redirect listener is not open") }
        defer {
            listener.close()
            self.listener.withLock { $0 = nil }
        }
        if !options.noBrowser, BrowserLauncher.open(url, command: options.browserCommand) {
            writeStderr("mcp: opened the browser to authorize; if nothing appeared, open this URL:\n\(url)\n")
        } else {
            writeStderr("mcp: open this URL in a browser to authorize:\n\(url)\n")
        }
        return try await listener.waitForRedirect(timeout: .seconds(300))
    }
}
