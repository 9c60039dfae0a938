import MCPCore

/// A number from a schema keyword, kept exact when it is an integer.
enum SchemaNumber: Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)

    init?(_ value: JSONValue) {
        switch value {
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        default: return nil
        }
    }

    var doubleValue: Double {
        switch self {
        case .int(let number): return Double(number)
        case .double(let number): return number
        }
    }

    var description: String {
        switch self {
        case .int(let number): return String(number)
        case .double(let number): return JSONValue.double(number).description
        }
    }

    /// Compares two numbers exactly, even an `Int` with a `Double` beyond 2^53.
    static func compare(_ lhs: SchemaNumber, _ rhs: SchemaNumber) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.int(let a), .double(let b)): return compare(a, b)
        case (.double(let a), .int(let b)): return compare(b, a).map { -$0 }
        }
    }

    private static func compare(_ integer: Int, _ double: Double) -> Int? {
        if double.isNaN { return nil }
        // 2^63 is exactly representable; everything at or beyond it exceeds every Int.
        if double >= 9_223_372_036_854_775_808.0 { return -1 }
        if double < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = double.rounded(.towardZero)
        let wholeInt = Int(whole)
        if integer != wholeInt { return integer < wholeInt ? -1 : 1 }
        let fraction = double - whole
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }
}

/// `minimum`, `maximum`, `exclusiveMinimum` or `exclusiveMaximum`.
struct NumericBound: Sendable {
    enum Kind: Sendable {
        case minimum, exclusiveMinimum, maximum, exclusiveMaximum
    }

    var kind: Kind
    var limit: SchemaNumber

    /// Whether `value` is within the bound.
    func admits(_ value: SchemaNumber) -> Bool {
        guard let order = SchemaNumber.compare(value, limit) else { return false }
        switch kind {
        case .minimum: return order >= 0
        case .exclusiveMinimum: return order > 0
        case .maximum: return order <= 0
        case .exclusiveMaximum: return order < 0
        }
    }

    var requirement: String {
        switch kind {
        case .minimum: return "at least \(limit)"
        case .exclusiveMinimum: return "greater than \(limit)"
        case .maximum: return "at most \(limit)"
        case .exclusiveMaximum: return "less than \(limit)"
        }
    }
}

/// Whether `value` is a multiple of the (positive) `divisor`.
///
/// Integers are checked exactly. Otherwise the quotient must be an integer to within a few units
/// in the last place, because decimal divisors such as `0.01` have no exact binary form
/// (`0.0075 / 0.0001` is `74.99999999999999`). A quotient too large for a `Double` falls back to
/// the exact remainder, so `1e308` is a multiple of `0.5`.
func isMultiple(_ value: SchemaNumber, of divisor: SchemaNumber) -> Bool {
    if case .int(let integer) = value, case .int(let step) = divisor {
        return integer % step == 0
    }
    let number = value.doubleValue
    let step = divisor.doubleValue
    guard number.isFinite, step.isFinite, step > 0 else { return false }
    let quotient = number / step
    guard quotient.isFinite else { return number.truncatingRemainder(dividingBy: step) == 0 }
    let nearest = quotient.rounded()
    return abs(quotient - nearest) <= 4 * nearest.ulp
}

/// `multipleOf`.
struct MultipleOfRule: KeywordRule {
    let divisor: SchemaNumber

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard let value = SchemaNumber(instance) else { return true }
        if isMultiple(value, of: divisor) { return true }
        evaluator.report(site, "\(value) is not a multiple of \(divisor)")
        return false
    }
}

extension NumericBound: KeywordRule {
    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard let value = SchemaNumber(instance) else { return true }
        if admits(value) { return true }
        evaluator.report(site, "\(value) must be \(requirement)")
        return false
    }
}
