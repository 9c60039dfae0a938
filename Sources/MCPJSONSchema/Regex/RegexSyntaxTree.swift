/// A parsed ECMA-262 regular expression.
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One code point from a set.
    case characters(ScalarClass)
    case sequence([RegexNode])
    case alternation([RegexNode])
    /// A capturing group, numbered from 1.
    case capture(RegexNode, group: Int)
    case repetition(RegexNode, minimum: Int, maximum: Int?, greedy: Bool)
    /// `\1` or `\k<name>` (already resolved to its group number).
    case backreference(group: Int)
    /// `(?=…)`, `(?!…)`, `(?<=…)` or `(?<!…)`.
    case lookaround(RegexNode, behind: Bool, negated: Bool)
    case assertion(RegexAssertion)
}

/// A zero-width test of the current position.
enum RegexAssertion: Sendable {
    /// `^` (no multiline flag in JSON Schema patterns): the start of the input.
    case start
    /// `$`: the end of the input, never "before a final newline".
    case end
    /// `\b`, with ECMA-262's ASCII word characters.
    case wordBoundary
    /// `\B`.
    case notWordBoundary
}

/// A set of code points: ranges and Unicode property tests, possibly negated.
struct ScalarClass: Sendable {
    /// Sorted, non-overlapping, non-adjacent ranges of code point values.
    private(set) var ranges: [ClosedRange<UInt32>]
    var properties: [UnicodePropertyTest]
    var negated: Bool

    init(ranges: [ClosedRange<UInt32>] = [], properties: [UnicodePropertyTest] = [], negated: Bool = false) {
        self.ranges = Self.normalized(ranges)
        self.properties = properties
        self.negated = negated
    }

    init(_ scalar: Unicode.Scalar) {
        self.init(ranges: [scalar.value...scalar.value])
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        var low = 0
        var high = ranges.count - 1
        var found = false
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[middle].lowerBound {
                high = middle - 1
            } else if value > ranges[middle].upperBound {
                low = middle + 1
            } else {
                found = true
                break
            }
        }
        if !found { found = properties.contains { $0.matches(scalar) } }
        return found != negated
    }

    /// The only code point the class matches, if it is a single one (a literal).
    var singleScalar: UInt32? {
        guard !negated, properties.isEmpty, ranges.count == 1, ranges[0].lowerBound == ranges[0].upperBound else { return nil }
        return ranges[0].lowerBound
    }

    /// The code points not in `ranges` (for `\D`, `\W`, `\S` inside a class).
    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in normalized(ranges) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return result
    }

    private static func normalized(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    // ECMA-262 character class escapes.
    static let digits: [ClosedRange<UInt32>] = [0x30...0x39]
    static let wordCharacters: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    /// WhiteSpace and LineTerminator.
    static let whitespace: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]
    static let lineTerminators: [ClosedRange<UInt32>] = [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]
}
