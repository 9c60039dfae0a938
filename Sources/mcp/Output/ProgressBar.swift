import MCPCore
import Synchronization

/// A progress bar on stderr, redrawn in place; plain lines when stderr is not a terminal.
final class ProgressBar: Sendable {
    private let terminal: Terminal
    private let label: String
    private let drawn = Mutex(false)

    init(terminal: Terminal, label: String) {
        self.terminal = terminal
        self.label = label
    }

    func update(_ update: ProgressUpdate) {
        guard terminal.stderrIsTerminal else {
            let total = update.total.map { "/\(Self.format($0))" } ?? ""
            writeStderr("progress \(Self.format(update.progress))\(total)\(update.message.map { " \($0)" } ?? "")\n")
            return
        }
        let width = 30
        var bar: String
        if let fraction = update.fractionCompleted {
            let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
            bar = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
            bar += String(Int((fraction * 100).rounded())) + "%"
        } else {
            bar = "[\(Self.format(update.progress))]"
        }
        let message = update.message.map { " \($0)" } ?? ""
        drawn.withLock { $0 = true }
        writeStderr("\r\u{1B}[2K" + terminal.style(label, .cyan, stderr: true) + " " + bar + message)
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        let wasDrawn = drawn.withLock { value -> Bool in
            defer { value = false }
            return value
        }
        if wasDrawn { writeStderr("\n") }
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
