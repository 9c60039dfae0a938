import Foundation

/// Opens a URL in a browser by running a program directly (never through a shell, so nothing in
/// the URL can be interpreted as a command): `--browser CMD` split into words, else the
/// platform's opener, with the URL as the last argument.
enum BrowserLauncher {
    /// Starts the browser; `false` if no program could be started.
    static func open(_ url: String, command: String?) -> Bool {
        let words: [String]
        if let command {
            words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        } else {
            #if os(macOS)
            words = ["open"]
            #else
            words = ["xdg-open"]
            #endif
        }
        guard !words.isEmpty else { return false }
        let process = Process()
        // env looks the program up in PATH; it is not a shell.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--"] + words + [url]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            return true
        } catch {
            return false
        }
    }
}
