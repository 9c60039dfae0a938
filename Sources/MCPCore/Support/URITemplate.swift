/// A URI template (RFC 6570), for matching URIs against resource templates: `{name}` matches
/// within one path segment, `{+name}`, `{#name}`, `{/name}` and exploded `{name*}` match across
/// segments.
public struct URITemplate: Sendable, Hashable {
    private enum Part: Sendable, Hashable {
        case literal(String)
        case variable(name: String, greedy: Bool)
    }

    private let parts: [Part]

    /// The template as written.
    public let template: String

    /// Parses `template`.
    public init(_ template: String) {
        self.template = template
        var parts: [Part] = []
        var literal = ""
        var index = template.startIndex
        while index < template.endIndex {
            if template[index] == "{", let close = template[index...].firstIndex(of: "}") {
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                var name = String(template[template.index(after: index)..<close])
                var greedy = false
                if let first = name.first, "+#/.;?&".contains(first) {
                    greedy = first == "+" || first == "#" || first == "/"
                    name.removeFirst()
                }
                if name.hasSuffix("*") {
                    name.removeLast()
                    greedy = true
                }
                parts.append(.variable(name: name, greedy: greedy))
                index = template.index(after: close)
            } else {
                literal.append(template[index])
                index = template.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// The variables' values (percent-decoded) if `uri` matches the template, else `nil`.
    public func match(_ uri: String) -> [String: String]? {
        var variables: [String: String] = [:]
        return match(parts[...], Substring(uri), &variables) ? variables : nil
    }

    private func match(_ parts: ArraySlice<Part>, _ rest: Substring, _ variables: inout [String: String]) -> Bool {
        guard let part = parts.first else { return rest.isEmpty }
        switch part {
        case .literal(let text):
            guard rest.hasPrefix(text) else { return false }
            return match(parts.dropFirst(), rest.dropFirst(text.count), &variables)
        case .variable(let name, let greedy):
            // Try the longest value first; a variable never matches an empty string.
            var end = rest.endIndex
            while end > rest.startIndex {
                let value = rest[rest.startIndex..<end]
                if greedy || !value.contains("/") {
                    var attempt = variables
                    attempt[name] = String(value).decodingPercentEscapes ?? String(value)
                    if match(parts.dropFirst(), rest[end...], &attempt) {
                        variables = attempt
                        return true
                    }
                }
                end = rest.index(before: end)
            }
            return false
        }
    }
}

extension String {
    /// The string with `%XX` escapes decoded, or `nil` if an escape is malformed or the bytes are
    /// not UTF-8.
    var decodingPercentEscapes: String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
