/// A URI template (RFC 6570) reduced to what resource templates use for matching: `{name}`
/// matches one path segment, `{+name}` and `{/name*}`-style reserved expansions match the rest.
struct URITemplate: Sendable {
    private enum Part: Sendable {
        case literal(String)
        case variable(name: String, greedy: Bool)
    }

    private let parts: [Part]

    init(_ template: String) {
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

    /// The variables' values if `uri` matches the template, else `nil`.
    func match(_ uri: String) -> [String: String]? {
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
                    attempt[name] = String(value).removingPercentEncoding ?? String(value)
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
    var removingPercentEncoding: String? {
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
