import Foundation
import MCPClient
import MCPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the user what the server wants to know, on the terminal; declines when nobody can
/// answer (not interactive).
enum Elicitation {
    /// One question at a time, whatever the number of concurrent requests.
    private static let lock = PromptLock()

    static func ask(_ request: ElicitRequestParams, terminal: Terminal) async throws -> ElicitResult {
        guard terminal.isInteractive else {
            writeStderr("mcp: the server asked for input; declined because this session is not interactive\n")
            return ElicitResult(action: .decline)
        }
        return try await lock.run {
            switch request {
            case .form(let form): return try await askForm(form, terminal: terminal)
            case .url(let url): return try await askURL(url, terminal: terminal)
            case .unknown: return ElicitResult(action: .decline)
            }
        }
    }

    private static func askForm(_ form: ElicitRequestFormParams, terminal: Terminal) async throws -> ElicitResult {
        writeStderr("\n" + terminal.style("The server asks: ", .bold, stderr: true) + form.message + "\n")
        switch try await choose("Answer? [Y]es / [n]o (decline) / [c]ancel: ") {
        case "n", "no": return ElicitResult(action: .decline)
        case "c", "cancel": return ElicitResult(action: .cancel)
        default: break
        }
        let required = Set(form.requestedSchema.required ?? [])
        var content = JSONObject()
        for property in form.requestedSchema.properties {
            let schema = property.schema
            var prompt = "  " + (schema.title ?? property.name)
            if let description = schema.description { prompt += terminal.style(" (\(description))", .dim, stderr: true) }
            if let options = schema.options {
                for (index, option) in options.enumerated() { prompt += "\n    \(index + 1). \(option.title)" }
                if schema.allowsMultipleValues { prompt += "\n  (numbers or values, separated by commas)" }
                prompt += "\n  "
            }
            if let defaultValue = FormField.defaultValue(of: schema) { prompt += " [\(defaultValue.stringValue ?? defaultValue.jsonString())]" }
            if required.contains(property.name) { prompt += terminal.style(" *", .red, stderr: true) }
            prompt += ": "
            while true {
                guard let line = await readLine(prompt) else { return ElicitResult(action: .cancel) }
                switch FormField.parse(line.trimmed, schema: schema, required: required.contains(property.name)) {
                case .value(let value):
                    if let value { content[property.name] = value }
                case .invalid(let reason):
                    writeStderr(terminal.style("    expected \(reason)\n", .yellow, stderr: true))
                    continue
                }
                break
            }
        }
        return ElicitResult(action: .accept, content: content)
    }

    private static func askURL(_ request: ElicitRequestURLParams, terminal: Terminal) async throws -> ElicitResult {
        writeStderr("\n" + terminal.style("The server asks you to visit a page: ", .bold, stderr: true) + request.message + "\n")
        // The whole URL, so the user sees exactly where it leads before agreeing.
        writeStderr("  " + terminal.style(request.url, .cyan, stderr: true) + "\n")
        switch try await choose("Open it in your browser? [y]es / [N]o (decline) / [c]ancel: ") {
        case "y", "yes":
            if !URLOpener.open(request.url) {
                writeStderr("mcp: could not open a browser; visit the URL above yourself\n")
            }
            return ElicitResult(action: .accept)
        case "c", "cancel":
            return ElicitResult(action: .cancel)
        default:
            return ElicitResult(action: .decline)
        }
    }

    private static func choose(_ prompt: String) async throws -> String {
        guard let line = await readLine(prompt) else { return "c" }
        return line.trimmed.lowercased()
    }

    /// Reads a line from stdin on a thread of its own, so the wait never occupies a Swift
    /// concurrency thread the connection needs (nor a `DispatchQueue.global()` one: on Linux
    /// those are the same few threads, about one per core).
    private static func readLine(_ prompt: String) async -> String? {
        writeStderr(prompt)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Swift.readLine(strippingNewline: true)) }
        }
    }
}

/// Runs one prompt at a time.
actor PromptLock {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        while busy { await withCheckedContinuation { waiters.append($0) } }
        busy = true
        defer {
            busy = false
            if !waiters.isEmpty { waiters.removeFirst().resume() }
        }
        return try await body()
    }
}

/// Opens a URL in the user's browser without a shell: the URL is one argument of `xdg-open`
/// (or `open`), never parsed by a shell, and only http(s) URLs are opened.
enum URLOpener {
    static func open(_ url: String) -> Bool {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return false }
        #if os(macOS)
        let opener = "/usr/bin/open"
        #else
        let candidates: [String] = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"]
        let opener = candidates.first { path in access(path, X_OK) == 0 } ?? ""
        #endif
        guard !opener.isEmpty else { return false }
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(opener), strdup(url), nil]
        defer { arguments.forEach { free($0) } }
        return posix_spawn(&pid, opener, nil, nil, arguments, environ) == 0
    }
}
