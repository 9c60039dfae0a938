import CMCPStdio

/// How a server process ended.
public enum ExitStatus: Sendable, Hashable, CustomStringConvertible {
    /// It exited with this code.
    case exited(Int32)
    /// This signal killed it.
    case signaled(Int32)

    init(waitStatus: Int32) {
        var value: Int32 = 0
        if mcp_exited(waitStatus, &value) != 0 {
            self = .exited(value)
        } else if mcp_signaled(waitStatus, &value) != 0 {
            self = .signaled(value)
        } else {
            self = .exited(waitStatus)
        }
    }

    /// Whether the process exited normally with status 0.
    public var isSuccess: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with status \(code)"
        case .signaled(let signal): return "was killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
        }
    }

    private static func signalName(_ signal: Int32) -> String? {
        switch signal {
        case 1: return "SIGHUP"
        case 2: return "SIGINT"
        case 3: return "SIGQUIT"
        case 4: return "SIGILL"
        case 6: return "SIGABRT"
        case 9: return "SIGKILL"
        case 11: return "SIGSEGV"
        case 13: return "SIGPIPE"
        case 15: return "SIGTERM"
        default: return nil
        }
    }
}
