/// A plain table: columns padded to their widest cell, the last column wrapped to the terminal.
struct Table {
    var headers: [String]
    var rows: [[String]]

    func render(terminal: Terminal) -> String {
        guard !rows.isEmpty else { return "" }
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns - 1 {
                widths[index] = max(widths[index], cell.firstLine.count)
            }
        }
        let prefixWidth = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let lastWidth = max(20, terminal.width - prefixWidth)
        var lines: [String] = []
        func line(_ cells: [String], header: Bool) {
            var text = ""
            for (index, cell) in cells.enumerated() {
                if index < columns - 1 {
                    text += cell.firstLine.padding(toLength: widths[index]) + "  "
                } else {
                    let last = cell.firstLine
                    text += last.count > lastWidth ? String(last.prefix(lastWidth - 1)) + "…" : last
                }
            }
            let trimmed = String(text.reversed().drop { $0 == " " }.reversed())
            lines.append(header ? terminal.style(trimmed, .bold) : trimmed)
        }
        if terminal.stdoutIsTerminal { line(headers, header: true) }
        for row in rows { line(row, header: false) }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    var firstLine: String {
        String(prefix { $0 != "\n" && $0 != "\r" })
    }

    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
