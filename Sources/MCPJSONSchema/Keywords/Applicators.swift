import MCPCore

/// `allOf`: every branch must pass; the branches' own errors say why.
struct AllOfRule: KeywordRule {
    let branches: [Int]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        var valid = true
        for branch in branches where !evaluator.applyInPlace(branch, instance, evaluated: &evaluated, collecting: collecting) {
            valid = false
            if evaluator.shouldStopAfterFailure { return false }
        }
        return valid
    }
}

/// `anyOf`: at least one branch must pass. Every branch is tried only when annotations are being
/// collected (each passing branch contributes to `unevaluated*`).
struct AnyOfRule: KeywordRule {
    let branches: [Int]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        var matched = false
        for branch in branches {
            if evaluator.probe(branch, instance, evaluated: &evaluated, collecting: collecting) {
                matched = true
                if !collecting { break }
            }
            if evaluator.isAborted { return false }
        }
        if matched { return true }
        evaluator.report(site, "value does not match any of the \(branches.count) schemas in anyOf")
        return false
    }
}

/// `oneOf`: exactly one branch must pass.
struct OneOfRule: KeywordRule {
    let branches: [Int]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        var matches: [Int] = []
        var matchedEvaluated = EvaluatedLocations()
        for (index, branch) in branches.enumerated() {
            var branchEvaluated = EvaluatedLocations()
            if evaluator.probe(branch, instance, evaluated: &branchEvaluated, collecting: collecting) {
                matches.append(index)
                matchedEvaluated = branchEvaluated
                if matches.count > 1 { break }
            }
            if evaluator.isAborted { return false }
        }
        switch matches.count {
        case 1:
            if collecting { evaluated.merge(matchedEvaluated) }
            return true
        case 0:
            evaluator.report(site, "value does not match any of the \(branches.count) schemas in oneOf")
        default:
            evaluator.report(site, "value matches more than one schema in oneOf (indexes \(matches[0]) and \(matches[1]))")
        }
        return false
    }
}

/// `not`: the subschema must fail. It never contributes annotations.
struct NotRule: KeywordRule {
    let negated: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        let matched = evaluator.matches(negated, instance, below: false)
        if evaluator.isAborted { return false }
        if !matched { return true }
        evaluator.report(site, "value must not match the schema in not")
        return false
    }
}

/// `if` with its `then` and `else`: `if` only selects, and the errors come from `then` or `else`.
struct ConditionalRule: KeywordRule {
    let condition: Int
    let then: Int?
    let otherwise: Int?

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        // A lone `if` only matters for the annotations it may contribute.
        if then == nil && otherwise == nil && !collecting { return true }
        let holds = evaluator.probe(condition, instance, evaluated: &evaluated, collecting: collecting)
        if evaluator.isAborted { return false }
        guard let branch = holds ? then : otherwise else { return true }
        return evaluator.applyInPlace(branch, instance, evaluated: &evaluated, collecting: collecting)
    }
}
