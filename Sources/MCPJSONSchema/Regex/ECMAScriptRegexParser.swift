/// Parses an ECMA-262 regular expression into a ``RegexNode`` tree.
///
/// Syntax follows the `u` (Unicode) grammar. ``Strictness/strict`` is that grammar exactly and is
/// used for the `regex` format; ``Strictness/lenient`` also accepts what browsers accept without
/// `u` and real schemas contain (`\-`, `\_`, a lone `]` or `{`), and is used for `pattern`.
///
/// Meanings are ECMA-262's, not those of other dialects: `\d` and `\w` are ASCII-only, `\s` is
/// ECMA-262's whitespace set, `.` stops at line terminators, and `$` is the end of the input.
struct ECMAScriptRegexParser {
    enum Strictness {
        case strict
        case lenient
    }

    /// Why a pattern was rejected.
    struct SyntaxError: Error {
        var message: String
    }

    /// Groups may nest this deeply; deeper patterns are rejected rather than parsed recursively.
    static let maximumNesting = 200

    private let scalars: [Unicode.Scalar]
    private let strictness: Strictness
    private var position = 0
    private var nesting = 0
    private var nextGroup = 1
    /// Capturing groups are found before parsing: `\2` before the second group is still a
    /// backreference, and `\k<name>` may precede its group.
    private let groupCount: Int
    private let groupNumbers: [String: Int]

    /// The tree for `pattern` and its number of capturing groups, or a ``SyntaxError``.
    static func parse(_ pattern: String, strictness: Strictness) throws(SyntaxError) -> (tree: RegexNode, groupCount: Int) {
        var parser = try ECMAScriptRegexParser(pattern: pattern, strictness: strictness)
        let tree = try parser.parseDisjunction()
        if parser.position < parser.scalars.count {
            throw SyntaxError(message: "unmatched ')'")
        }
        return (tree, parser.groupCount)
    }

    /// Whether `pattern` is a valid ECMA-262 regular expression (Unicode grammar).
    static func isValid(_ pattern: String) -> Bool {
        (try? parse(pattern, strictness: .strict)) != nil
    }

    private init(pattern: String, strictness: Strictness) throws(SyntaxError) {
        scalars = Array(pattern.unicodeScalars)
        self.strictness = strictness
        (groupCount, groupNumbers) = try Self.scanGroups(scalars)
    }

    private var isStrict: Bool { strictness == .strict }

    // MARK: - Scanning

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard current == scalar else { return false }
        position += 1
        return true
    }

    /// Counts capturing groups and numbers the named ones, skipping escapes and classes.
    private static func scanGroups(_ scalars: [Unicode.Scalar]) throws(SyntaxError) -> (Int, [String: Int]) {
        var count = 0
        var names: [String: Int] = [:]
        var index = 0
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
            } else if scalar == "(" {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if next != "?" {
                    count += 1
                } else if index + 2 < scalars.count, scalars[index + 2] == "<",
                          index + 3 < scalars.count, scalars[index + 3] != "=", scalars[index + 3] != "!" {
                    count += 1
                    var name = ""
                    var end = index + 3
                    while end < scalars.count, scalars[end] != ">" {
                        name.unicodeScalars.append(scalars[end])
                        end += 1
                    }
                    guard names.updateValue(count, forKey: name) == nil else {
                        throw SyntaxError(message: "duplicate group name \(name)")
                    }
                }
            }
            index += 1
        }
        return (count, names)
    }

    // MARK: - Grammar

    private mutating func parseDisjunction() throws(SyntaxError) -> RegexNode {
        var alternatives = [try parseAlternative()]
        while consume("|") {
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(SyntaxError) -> RegexNode {
        var terms: [RegexNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            terms.append(try parseTerm())
        }
        switch terms.count {
        case 0: return .empty
        case 1: return terms[0]
        default: return .sequence(terms)
        }
    }

    private mutating func parseTerm() throws(SyntaxError) -> RegexNode {
        guard let scalar = current else { return .empty }
        switch scalar {
        case "^":
            position += 1
            try rejectQuantifier(after: "^")
            return .assertion(.start)
        case "$":
            position += 1
            try rejectQuantifier(after: "$")
            return .assertion(.end)
        case "\\" where peek(1) == "b" || peek(1) == "B":
            position += 2
            try rejectQuantifier(after: "a word boundary")
            return .assertion(scalars[position - 1] == "b" ? .wordBoundary : .notWordBoundary)
        case "(":
            let (group, quantifiable) = try parseGroup()
            if !quantifiable && (isStrict || isLookbehind(group)) {
                try rejectQuantifier(after: "a lookaround")
                return group
            }
            return try parseQuantifier(applyingTo: group)
        default:
            return try parseQuantifier(applyingTo: try parseAtom())
        }
    }

    private func isLookbehind(_ node: RegexNode) -> Bool {
        if case .lookaround(_, behind: true, _) = node { return true }
        return false
    }

    private func rejectQuantifier(after what: String) throws(SyntaxError) {
        if startsQuantifier(at: position) {
            throw SyntaxError(message: "nothing to repeat after \(what)")
        }
    }

    /// Parses a group; also returns whether a quantifier may follow it (lookbehinds, and in the
    /// Unicode grammar lookaheads, may not be quantified).
    private mutating func parseGroup() throws(SyntaxError) -> (RegexNode, quantifiable: Bool) {
        position += 1  // "("
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw SyntaxError(message: "groups nested more than \(Self.maximumNesting) deep")
        }
        enum Kind {
            case plain, capture(Int), lookahead(negated: Bool), lookbehind(negated: Bool)
        }
        var kind = Kind.capture(0)
        if consume("?") {
            if consume(":") {
                kind = .plain
            } else if consume("=") {
                kind = .lookahead(negated: false)
            } else if consume("!") {
                kind = .lookahead(negated: true)
            } else if current == "<", peek(1) == "=" || peek(1) == "!" {
                kind = .lookbehind(negated: peek(1) == "!")
                position += 2
            } else if consume("<") {
                let name = try parseGroupName()
                guard let number = groupNumbers[name] else { throw SyntaxError(message: "invalid group name \(name)") }
                nextGroup = number + 1
                kind = .capture(number)
            } else {
                throw SyntaxError(message: "invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
            }
        } else {
            kind = .capture(nextGroup)
            nextGroup += 1
        }
        let body = try parseDisjunction()
        guard consume(")") else { throw SyntaxError(message: "unterminated group") }
        switch kind {
        case .plain: return (body, true)
        case .capture(let group): return (.capture(body, group: group), true)
        case .lookahead(let negated): return (.lookaround(body, behind: false, negated: negated), !isStrict)
        case .lookbehind(let negated): return (.lookaround(body, behind: true, negated: negated), false)
        }
    }

    private mutating func parseGroupName() throws(SyntaxError) -> String {
        var name = ""
        while let scalar = current, scalar != ">" {
            let valid = name.isEmpty
                ? (scalar.properties.isIDStart || scalar == "$" || scalar == "_")
                : (scalar.properties.isIDContinue || scalar == "$" || scalar == "\u{200C}" || scalar == "\u{200D}")
            guard valid else { throw SyntaxError(message: "invalid character in a group name") }
            name.unicodeScalars.append(scalar)
            position += 1
        }
        guard consume(">"), !name.isEmpty else { throw SyntaxError(message: "invalid group name") }
        return name
    }

    private mutating func parseQuantifier(applyingTo atom: RegexNode) throws(SyntaxError) -> RegexNode {
        guard let scalar = current else { return atom }
        var minimum = 0
        var maximum: Int?
        switch scalar {
        case "*":
            position += 1
        case "+":
            position += 1
            minimum = 1
        case "?":
            position += 1
            maximum = 1
        case "{":
            guard let (low, high, end) = quantifierBounds(at: position) else {
                if isStrict { throw SyntaxError(message: "lone '{' (write \\{ for a brace)") }
                return atom
            }
            if let high, high < low {
                throw SyntaxError(message: "numbers out of order in {\(low),\(high)} quantifier")
            }
            (minimum, maximum) = (low, high)
            position = end
        default:
            return atom
        }
        let greedy = !consume("?")
        if startsQuantifier(at: position) {
            throw SyntaxError(message: "nothing to repeat")
        }
        return .repetition(atom, minimum: minimum, maximum: maximum, greedy: greedy)
    }

    /// Whether a quantifier (`*`, `+`, `?` or a `{n,m}` bound) starts at `index`.
    private func startsQuantifier(at index: Int) -> Bool {
        guard index < scalars.count else { return false }
        switch scalars[index] {
        case "*", "+", "?": return true
        case "{": return quantifierBounds(at: index) != nil
        default: return false
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `index`: the bounds and the index after `}`.
    private func quantifierBounds(at index: Int) -> (Int, Int?, Int)? {
        var index = index + 1
        func number() -> Int? {
            var value: Int?
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                value = min((value ?? 0) * 10 + Int(scalars[index].value - 48), 1_000_000)
                index += 1
            }
            return value
        }
        guard let minimum = number() else { return nil }
        var maximum: Int? = minimum
        if index < scalars.count, scalars[index] == "," {
            index += 1
            maximum = number()
        }
        guard index < scalars.count, scalars[index] == "}" else { return nil }
        return (minimum, maximum, index + 1)
    }

    private mutating func parseAtom() throws(SyntaxError) -> RegexNode {
        guard let scalar = current else { return .empty }
        switch scalar {
        case ".":
            position += 1
            return .characters(ScalarClass(ranges: ScalarClass.lineTerminators, negated: true))
        case "[":
            return .characters(try parseClass())
        case "\\":
            return try parseAtomEscape()
        case "*", "+", "?":
            throw SyntaxError(message: "nothing to repeat before '\(scalar)'")
        case "{":
            if isStrict || quantifierBounds(at: position) != nil {
                throw SyntaxError(message: "nothing to repeat before '{'")
            }
            position += 1
            return .characters(ScalarClass(scalar))
        case "}", "]":
            if isStrict { throw SyntaxError(message: "lone '\(scalar)'") }
            position += 1
            return .characters(ScalarClass(scalar))
        default:
            position += 1
            return .characters(ScalarClass(scalar))
        }
    }

    private mutating func parseAtomEscape() throws(SyntaxError) -> RegexNode {
        position += 1  // "\"
        guard let scalar = current else { throw SyntaxError(message: "'\\' at end of pattern") }
        if let set = Self.classEscape(scalar) {
            position += 1
            return .characters(set)
        }
        switch scalar {
        case "1"..."9":
            var number = 0
            while let digit = current, ("0"..."9").contains(digit) {
                number = min(number * 10 + Int(digit.value - 48), 1_000_000)
                position += 1
            }
            guard number <= groupCount else {
                throw SyntaxError(message: "backreference \\\(number) exceeds the number of groups")
            }
            return .backreference(group: number)
        case "k":
            position += 1
            guard consume("<") else { throw SyntaxError(message: "\\k must be followed by <name>") }
            var name = ""
            while let next = current, next != ">" {
                name.unicodeScalars.append(next)
                position += 1
            }
            guard consume(">"), let group = groupNumbers[name] else { throw SyntaxError(message: "\\k<\(name)> names no group") }
            return .backreference(group: group)
        case "p", "P":
            return .characters(ScalarClass(properties: [try parsePropertyEscape()]))
        default:
            return .characters(ScalarClass(try parseCharacterEscape(inClass: false)))
        }
    }

    /// `\d \D \w \W \s \S` with ECMA-262's definitions.
    private static func classEscape(_ scalar: Unicode.Scalar) -> ScalarClass? {
        switch scalar {
        case "d": return ScalarClass(ranges: ScalarClass.digits)
        case "D": return ScalarClass(ranges: ScalarClass.digits, negated: true)
        case "w": return ScalarClass(ranges: ScalarClass.wordCharacters)
        case "W": return ScalarClass(ranges: ScalarClass.wordCharacters, negated: true)
        case "s": return ScalarClass(ranges: ScalarClass.whitespace)
        case "S": return ScalarClass(ranges: ScalarClass.whitespace, negated: true)
        default: return nil
        }
    }

    private mutating func parsePropertyEscape() throws(SyntaxError) -> UnicodePropertyTest {
        let negated = current == "P"
        position += 1
        guard consume("{") else { throw SyntaxError(message: "\\p must be followed by {Property}") }
        var name = ""
        while let next = current, next != "}" {
            guard next.isASCII, next.properties.isAlphabetic || ("0"..."9").contains(next) || next == "_" || next == "=" else {
                throw SyntaxError(message: "invalid Unicode property name")
            }
            name.unicodeScalars.append(next)
            position += 1
        }
        guard consume("}"), !name.isEmpty else { throw SyntaxError(message: "unterminated \\p{…}") }
        guard let test = UnicodePropertyTest(name: name, negated: negated) else {
            throw SyntaxError(message: "unknown or unsupported Unicode property \(name)")
        }
        return test
    }

    /// One escaped character (`\n`, `\cJ`, `\x41`, `\u0041`, `\u{1F600}`, `\0`, `\/` …).
    private mutating func parseCharacterEscape(inClass: Bool) throws(SyntaxError) -> Unicode.Scalar {
        guard let scalar = current else { throw SyntaxError(message: "'\\' at end of pattern") }
        position += 1
        switch scalar {
        case "t": return "\u{9}"
        case "n": return "\u{A}"
        case "v": return "\u{B}"
        case "f": return "\u{C}"
        case "r": return "\u{D}"
        case "b" where inClass: return "\u{8}"
        case "-" where inClass: return "-"
        case "0" where !(current.map { ("0"..."9").contains($0) } ?? false):
            return "\u{0}"
        case "c":
            if let letter = current, letter.isASCII, letter.properties.isAlphabetic {
                position += 1
                return Unicode.Scalar(UInt8(letter.value % 32))
            }
            throw SyntaxError(message: "\\c must be followed by a letter")
        case "x":
            guard let high = hexDigit(current), let low = hexDigit(peek(1)) else {
                throw SyntaxError(message: "\\x must be followed by two hex digits")
            }
            position += 2
            return Unicode.Scalar(UInt8(high * 16 + low))
        case "u":
            return try parseUnicodeEscape()
        default:
            if "^$\\.*+?()[]{}|/".unicodeScalars.contains(scalar) { return scalar }
            // Without the u flag, browsers accept any non-word character escaped as itself.
            if !isStrict, !(scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) {
                return scalar
            }
            throw SyntaxError(message: "invalid escape \\\(scalar)")
        }
    }

    private mutating func parseUnicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
        if consume("{") {
            var value: UInt32 = 0
            var digits = 0
            while let digit = hexDigit(current) {
                value = value * 16 + UInt32(digit)
                digits += 1
                position += 1
                if value > 0x10FFFF { throw SyntaxError(message: "\\u{…} out of range") }
            }
            guard consume("}"), digits > 0, let scalar = Unicode.Scalar(value) else {
                throw SyntaxError(message: "invalid \\u{…} escape")
            }
            return scalar
        }
        guard let unit = readFourHexDigits() else { throw SyntaxError(message: "\\u must be followed by four hex digits") }
        if (0xD800...0xDBFF).contains(unit), current == "\\", peek(1) == "u" {
            let saved = position
            position += 2
            if let low = readFourHexDigits(), (0xDC00...0xDFFF).contains(low),
               let combined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
                return combined
            }
            position = saved
        }
        guard let scalar = Unicode.Scalar(unit) else {
            throw SyntaxError(message: "a lone surrogate \\u\(String(unit, radix: 16)) cannot occur in a JSON string")
        }
        return scalar
    }

    private mutating func readFourHexDigits() -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexDigit(peek(offset)) else { return nil }
            value = value * 16 + UInt32(digit)
        }
        position += 4
        return value
    }

    private func hexDigit(_ scalar: Unicode.Scalar?) -> Int? {
        guard let scalar, scalar.isASCII else { return nil }
        return Int(String(scalar), radix: 16)
    }

    // MARK: - Character classes

    private enum ClassAtom {
        case scalar(Unicode.Scalar)
        case set(ScalarClass)
    }

    private mutating func parseClass() throws(SyntaxError) -> ScalarClass {
        position += 1  // "["
        let negated = consume("^")
        var ranges: [ClosedRange<UInt32>] = []
        var properties: [UnicodePropertyTest] = []
        func add(_ atom: ClassAtom) {
            switch atom {
            case .scalar(let scalar):
                ranges.append(scalar.value...scalar.value)
            case .set(let set):
                // A negated escape inside a class (`[\D]`) contributes its complement.
                ranges += set.negated ? ScalarClass.complement(set.ranges) : set.ranges
                properties += set.properties
            }
        }
        while true {
            guard let scalar = current else { throw SyntaxError(message: "unterminated character class") }
            if scalar == "]" {
                position += 1
                break
            }
            let first = try parseClassAtom()
            if current == "-", let after = peek(1), after != "]" {
                position += 1
                let second = try parseClassAtom()
                switch (first, second) {
                case (.scalar(let low), .scalar(let high)):
                    guard low.value <= high.value else { throw SyntaxError(message: "range out of order in character class") }
                    ranges.append(low.value...high.value)
                default:
                    if isStrict { throw SyntaxError(message: "a class escape cannot bound a range") }
                    add(first)
                    add(.scalar("-"))
                    add(second)
                }
            } else {
                add(first)
            }
        }
        // `[]` matches nothing and `[^]` any code point, which an empty set expresses directly.
        return ScalarClass(ranges: ranges, properties: properties, negated: negated)
    }

    private mutating func parseClassAtom() throws(SyntaxError) -> ClassAtom {
        guard let scalar = current else { throw SyntaxError(message: "unterminated character class") }
        guard scalar == "\\" else {
            position += 1
            return .scalar(scalar)
        }
        position += 1
        guard let escaped = current else { throw SyntaxError(message: "'\\' at end of pattern") }
        if let set = Self.classEscape(escaped) {
            position += 1
            return .set(set)
        }
        if escaped == "p" || escaped == "P" {
            return .set(ScalarClass(properties: [try parsePropertyEscape()]))
        }
        return .scalar(try parseCharacterEscape(inClass: true))
    }
}
