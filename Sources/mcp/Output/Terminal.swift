#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MCPCore

/// What the output can do: colour, width, interaction.
struct Terminal: Sendable {
    /// Whether stdout is a terminal (tables and colour) rather than a pipe (plain text).
    let stdoutIsTerminal: Bool
    /// Whether stderr is a terminal (progress bars).
    let stderrIsTerminal: Bool
    /// Whether the user can be asked questions (stdin and stderr are terminals).
    let isInteractive: Bool
    /// Whether to colour stdout.
    let colorsStdout: Bool
    /// Whether to colour stderr.
    let colorsStderr: Bool

    init(noColor: Bool) {
        stdoutIsTerminal = isatty(1) == 1
        stderrIsTerminal = isatty(2) == 1
        isInteractive = isatty(0) == 1 && isatty(2) == 1
        let colorAllowed = !noColor && getenv("NO_COLOR") == nil && String(cString: getenv("TERM") ?? strdup("")) != "dumb"
        colorsStdout = colorAllowed && stdoutIsTerminal
        colorsStderr = colorAllowed && stderrIsTerminal
    }

    /// The terminal's width, or 100 when unknown.
    var width: Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }

    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case cyan = "36"
    }

    func style(_ text: String, _ style: Style, stderr: Bool = false) -> String {
        guard stderr ? colorsStderr : colorsStdout else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }
}

/// Writes to stderr without buffering.
func writeStderr(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Writes to stdout, flushing so interleaving with stderr stays in order.
func writeStdout(_ text: String) {
    print(text, terminator: "")
    fflush(nil)
}

/// The JSON document a command prints with `--json`.
func printJSON(_ value: JSONValue) {
    writeStdout(value.jsonString(options: [.prettyPrinted]) + "\n")
}
