import MCPCore

/// Content blocks as text for a terminal or a pipe.
enum ContentRendering {
    static func render(_ content: [ContentBlock], structured: JSONValue?, terminal: Terminal) -> String {
        var parts: [String] = []
        for block in content {
            switch block {
            case .text(let text):
                parts.append(text.text)
            case .image(let image):
                parts.append(terminal.style("[image \(image.mimeType), \(image.decodedData?.count ?? 0) bytes]", .magenta))
            case .audio(let audio):
                parts.append(terminal.style("[audio \(audio.mimeType), \(audio.decodedData?.count ?? 0) bytes]", .magenta))
            case .resourceLink(let link):
                parts.append(terminal.style("[link \(link.uri)\(link.title.map { " — \($0)" } ?? "")]", .cyan))
            case .resource(let embedded):
                switch embedded.resource {
                case .text(let text):
                    parts.append(terminal.style("[\(text.uri)]", .cyan) + "\n" + text.text)
                case .blob(let blob):
                    parts.append(terminal.style("[\(blob.uri): \(blob.mimeType ?? "binary"), \(blob.decodedData?.count ?? 0) bytes]", .cyan))
                case .unknown(let object):
                    parts.append(JSONValue.object(object).jsonString())
                }
            case .unknown(let object):
                parts.append(terminal.style("[\(object["type"]?.stringValue ?? "unknown") content]", .dim))
            }
        }
        // Structured output is shown when there is nothing else to show.
        if parts.isEmpty, let structured {
            parts.append(structured.jsonString(options: .prettyPrinted))
        }
        let text = parts.joined(separator: "\n")
        return text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }
}
