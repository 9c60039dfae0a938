
/// How to start an MCP server process and talk to it over its stdin and stdout.
///
/// ```swift
/// let parameters = StdioServerParameters(command: "uvx", arguments: ["mcp-server-time"])
/// try await withClient(connectingTo: StdioTransport(parameters)) { client in … }
/// ```
public struct StdioServerParameters: Sendable {
    /// The executable: a path, or a name looked up in the child's `PATH`.
    public var command: String
    /// The arguments after the executable.
    public var arguments: [String]
    /// Environment variables for the server, added to (and overriding) the base environment.
    public var environment: [String: String]
    /// Whether the server inherits this process's whole environment. By default it gets only a
    /// minimal one (see ``defaultEnvironmentKeys``), so secrets in this process's environment do
    /// not leak to servers that were not given them.
    public var inheritsEnvironment: Bool
    /// The server's working directory; `nil` keeps this process's.
    public var workingDirectory: String?
    /// What happens to the server's stderr.
    public var stderr: StderrHandling
    /// How many of the server's last stderr lines to keep for error messages.
    public var stderrTailLineCount: Int
    /// The largest message accepted from the server, in bytes; a longer one ends the connection
    /// with ``TransportError/Code-swift.struct/messageTooLarge``. Defaults to 256 MiB.
    public var maximumMessageSize: Int
    /// How long ``StdioTransport/close()`` waits after closing the server's stdin before sending
    /// SIGTERM to its process group. Defaults to 2 seconds.
    public var stdinCloseGracePeriod: Duration
    /// How long ``StdioTransport/close()`` waits after SIGTERM before SIGKILL. Defaults to 2 s.
    public var terminateGracePeriod: Duration

    /// The variables a server inherits by default (values that start with `()`, exported shell
    /// functions, are skipped).
    public static let defaultEnvironmentKeys = ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"]

    /// Creates parameters.
    public init(
        command: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        inheritsEnvironment: Bool = false,
        workingDirectory: String? = nil,
        stderr: StderrHandling = .passThrough,
        stderrTailLineCount: Int = 20,
        maximumMessageSize: Int = 256 << 20,
        stdinCloseGracePeriod: Duration = .seconds(2),
        terminateGracePeriod: Duration = .seconds(2)
    ) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.inheritsEnvironment = inheritsEnvironment
        self.workingDirectory = workingDirectory
        self.stderr = stderr
        self.stderrTailLineCount = stderrTailLineCount
        self.maximumMessageSize = maximumMessageSize
        self.stdinCloseGracePeriod = stdinCloseGracePeriod
        self.terminateGracePeriod = terminateGracePeriod
    }

    /// The environment the server will get: the minimal (or, with ``inheritsEnvironment``, the
    /// whole) environment of this process, with ``environment`` applied on top.
    public func resolvedEnvironment(from current: [String: String] = ProcessEnvironment.current) -> [String: String] {
        var result: [String: String] = [:]
        if inheritsEnvironment {
            result = current
        } else {
            for key in Self.defaultEnvironmentKeys {
                if let value = current[key], !value.hasPrefix("()") { result[key] = value }
            }
        }
        result.merge(environment) { _, new in new }
        return result
    }
}

/// What happens to a server's stderr. Whatever the choice, the last lines are kept for error
/// messages (see ``StdioServerParameters/stderrTailLineCount``).
public enum StderrHandling: Sendable {
    /// Copied to this process's stderr as it arrives.
    case passThrough
    /// Dropped.
    case discard
    /// Appended to the file at this path (created if needed).
    case file(path: String)
    /// Each line, without its newline, handed to the closure (on a reader thread: keep it quick).
    case lines(@Sendable (String) -> Void)
    /// Delivered through ``StdioTransport/stderrLines``.
    case stream
}

/// This process's environment variables.
public enum ProcessEnvironment {
    /// The current environment, read from `environ`.
    public static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
