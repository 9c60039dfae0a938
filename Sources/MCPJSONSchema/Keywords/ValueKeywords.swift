import MCPCore

/// `const`.
struct ConstRule: KeywordRule {
    let value: JSONValue

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        if isStrictlyEqual(instance, value) { return true }
        evaluator.report(site, "value must be \(abbreviated(value))")
        return false
    }
}

/// `enum`, with a hash set when there are many values.
struct EnumRule: KeywordRule {
    let values: [JSONValue]
    private let set: Set<StrictJSONKey>?

    init(_ values: [JSONValue]) {
        self.values = values
        set = values.count > 12 ? Set(values.map(StrictJSONKey.init)) : nil
    }

    /// Whether `value` is JSON-equal to one of the values (`1` equals `1.0`; `true` is not `1`;
    /// strings compare by code point).
    func contains(_ value: JSONValue) -> Bool {
        if let set { return set.contains(StrictJSONKey(value: value)) }
        return values.contains { isStrictlyEqual($0, value) }
    }

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        if contains(instance) { return true }
        let listed = values.prefix(10).map(abbreviated).joined(separator: ", ")
        evaluator.report(site, "value must be one of \(listed)\(values.count > 10 ? ", …" : "")")
        return false
    }
}

/// JSON text of `value`, cut short for messages.
func abbreviated(_ value: JSONValue) -> String {
    let text = value.description
    return text.count <= 60 ? text : text.prefix(57) + "…"
}
