import MCPCore

/// `$ref` (and draft-07 `$ref`, which replaces its siblings).
struct ReferenceRule: KeywordRule {
    let target: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        evaluator.followReference(to: target, site, instance, evaluated: &evaluated, collecting: collecting)
    }
}

/// `$dynamicRef` (or 2019-09 `$recursiveRef`).
struct DynamicReferenceRule: KeywordRule {
    /// Where the reference points when resolved like `$ref`.
    let staticTarget: Int
    /// The dynamic anchor to look for in the dynamic scope, when the static target is itself a
    /// `$dynamicAnchor` of that name (the 2020-12 "bookend" rule); `nil` makes it a plain `$ref`.
    let anchor: String?

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        let target = anchor.map { evaluator.resolveDynamicAnchor($0) ?? staticTarget } ?? staticTarget
        return evaluator.followReference(to: target, site, instance, evaluated: &evaluated, collecting: collecting)
    }
}
