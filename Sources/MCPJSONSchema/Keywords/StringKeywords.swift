import MCPCore

/// `maxLength`: lengths count Unicode code points, not UTF-16 units or grapheme clusters.
struct MaxLengthRule: KeywordRule {
    let limit: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .string(let string) = instance else { return true }
        // Every code point takes at least one UTF-8 byte, so short strings need no counting.
        if string.utf8.count <= limit { return true }
        let length = string.unicodeScalars.count
        if length <= limit { return true }
        evaluator.report(site, "string is \(length) characters long; at most \(limit) allowed")
        return false
    }
}

/// `minLength`, counting Unicode code points.
struct MinLengthRule: KeywordRule {
    let limit: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .string(let string) = instance else { return true }
        // A code point takes one to four UTF-8 bytes, which often settles it without counting.
        if string.utf8.count / 4 >= limit { return true }
        let length = string.unicodeScalars.count
        if length >= limit { return true }
        evaluator.report(site, "string is \(length) characters long; at least \(limit) required")
        return false
    }
}

/// `pattern`: an ECMA-262 regular expression, searched for anywhere in the string.
struct PatternRule: KeywordRule {
    let pattern: CompiledPattern

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .string(let string) = instance else { return true }
        if evaluator.matches(pattern, string, site) { return true }
        if evaluator.isAborted { return false }
        evaluator.report(site, "string does not match the pattern \(pattern.source)")
        return false
    }
}

/// `format`, compiled only when formats are asserted.
struct FormatRule: KeywordRule {
    let format: StringFormat

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .string(let string) = instance else { return true }
        if format.accepts(string) { return true }
        evaluator.report(site, "\(abbreviated(instance)) is not a valid \(format.rawValue)")
        return false
    }
}
