import MCPCore

/// `maxItems`.
struct MaxItemsRule: KeywordRule {
    let limit: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .array(let items) = instance, items.count > limit else { return true }
        evaluator.report(site, "array has \(items.count) items; at most \(limit) allowed")
        return false
    }
}

/// `minItems`.
struct MinItemsRule: KeywordRule {
    let limit: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .array(let items) = instance, items.count < limit else { return true }
        evaluator.report(site, "array has \(items.count) items; at least \(limit) required")
        return false
    }
}

/// `"uniqueItems": true`.
struct UniqueItemsRule: KeywordRule {
    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .array(let items) = instance, items.count > 1, let (first, second) = Self.firstDuplicate(in: items) else { return true }
        evaluator.report(site, "items \(first) and \(second) are equal; items must be unique")
        return false
    }

    /// The indices of the first pair of JSON-equal items; hashing keeps long arrays linear.
    static func firstDuplicate(in items: [JSONValue]) -> (Int, Int)? {
        if items.count <= 16 {
            for second in items.indices {
                for first in 0..<second where isStrictlyEqual(items[first], items[second]) { return (first, second) }
            }
            return nil
        }
        var seen: [StrictJSONKey: Int] = [:]
        seen.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let earlier = seen.updateValue(index, forKey: StrictJSONKey(value: item)) { return (earlier, index) }
        }
        return nil
    }
}

/// `prefixItems` (2020-12), or array-form `items` (draft-07, 2019-09): one schema per leading item.
struct PrefixItemsRule: KeywordRule {
    let schemas: [Int]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .array(let items) = instance else { return true }
        var valid = true
        let count = min(items.count, schemas.count)
        for index in 0..<count where !evaluator.evaluate(schemas[index], items[index], at: .index(index)) {
            valid = false
            if evaluator.shouldStopAfterFailure { return false }
        }
        if valid && collecting { evaluated.itemPrefix = max(evaluated.itemPrefix, count) }
        return valid
    }
}

/// `items` (2020-12), or draft-07/2019-09 `additionalItems` (and schema-form `items`): one schema
/// for every item from `startIndex` on.
struct ItemsRule: KeywordRule {
    let startIndex: Int
    let schema: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .array(let items) = instance, items.count > startIndex else { return true }
        if evaluator.nodes[schema].isTrivial {
            if collecting { evaluated.allItems = true }
            return true
        }
        if evaluator.nodes[schema].isFalse {
            evaluator.report(site, "array has \(items.count) items; at most \(startIndex) allowed")
            return false
        }
        var valid = true
        for index in startIndex..<items.count where !evaluator.evaluate(schema, items[index], at: .index(index)) {
            valid = false
            if evaluator.shouldStopAfterFailure { return false }
        }
        if valid && collecting { evaluated.allItems = true }
        return valid
    }
}

/// `contains` with its `minContains` and `maxContains`.
struct ContainsRule: KeywordRule {
    let schema: Int
    var minimum = 1
    /// Whether `minContains` was written (it then names the error instead of `contains`).
    var hasExplicitMinimum = false
    var maximum: Int?
    /// Draft 2020-12: matching items count as evaluated for `unevaluatedItems`.
    let annotatesItems: Bool

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .array(let items) = instance else { return true }
        let recordsMatches = collecting && annotatesItems
        // Without a maximum or annotations to collect, stop as soon as enough items match.
        let needsAll = maximum != nil || recordsMatches
        var matches = 0
        var matchedIndices: [Int] = []
        for (index, item) in items.enumerated() {
            guard evaluator.matches(schema, item, below: true) else {
                if evaluator.isAborted { return false }
                continue
            }
            matches += 1
            if recordsMatches { matchedIndices.append(index) }
            if !needsAll && matches >= minimum { break }
        }
        if matches < minimum {
            let name = hasExplicitMinimum ? "minContains" : "contains"
            let message = hasExplicitMinimum
                ? "array contains \(matches) items matching the contains schema; at least \(minimum) required"
                : "array contains no item matching the contains schema"
            evaluator.report(site, keyword: name, message)
            return false
        }
        if let maximum, matches > maximum {
            evaluator.report(site, keyword: "maxContains",
                             "array contains \(matches) items matching the contains schema; at most \(maximum) allowed")
            return false
        }
        if recordsMatches { evaluated.itemIndices += matchedIndices }
        return true
    }
}

/// `unevaluatedItems`: applies to the items no other keyword (here or in in-place subschemas)
/// evaluated successfully.
struct UnevaluatedItemsRule: KeywordRule {
    let schema: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .array(let items) = instance, !evaluated.allItems else { return true }
        let isEvaluated = evaluated.itemLookup()
        let isFalse = evaluator.nodes[schema].isFalse
        var valid = true
        for index in items.indices where !isEvaluated(index) {
            if isFalse {
                evaluator.report(site, member: .index(index), "item \(index) is not allowed (no other keyword evaluated it)")
                valid = false
            } else if !evaluator.evaluate(schema, items[index], at: .index(index)) {
                valid = false
            }
            if !valid && evaluator.shouldStopAfterFailure { return false }
        }
        if valid { evaluated.allItems = true }
        return valid
    }
}
