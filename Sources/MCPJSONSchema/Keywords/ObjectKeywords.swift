import MCPCore

/// `maxProperties`.
struct MaxPropertiesRule: KeywordRule {
    let limit: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance, object.count > limit else { return true }
        evaluator.report(site, "object has \(object.count) properties; at most \(limit) allowed")
        return false
    }
}

/// `minProperties`.
struct MinPropertiesRule: KeywordRule {
    let limit: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance, object.count < limit else { return true }
        evaluator.report(site, "object has \(object.count) properties; at least \(limit) required")
        return false
    }
}

/// `required`.
struct RequiredRule: KeywordRule {
    let names: [String]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for name in names where !object.contains(key: name) {
            valid = false
            evaluator.report(site, "required property \"\(name)\" is missing")
            if evaluator.shouldStopAfterFailure { return false }
        }
        return valid
    }
}

/// `dependentRequired`, or the array-valued members of draft-07 `dependencies`.
struct DependentRequiredRule: KeywordRule {
    struct Requirement: Sendable {
        var property: String
        var required: [String]
    }

    let requirements: [Requirement]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for requirement in requirements where object.contains(key: requirement.property) {
            for name in requirement.required where !object.contains(key: name) {
                valid = false
                evaluator.report(site, "property \"\(name)\" is required when \"\(requirement.property)\" is present")
                if evaluator.shouldStopAfterFailure { return false }
            }
        }
        return valid
    }
}

/// `properties`.
struct PropertiesRule: KeywordRule {
    let properties: [(name: String, schema: Int)]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (name, schema) in properties {
            guard let value = object[name] else { continue }
            if collecting { evaluated.properties.append(name) }
            if evaluator.nodes[schema].isFalse {
                evaluator.report(site, member: .key(name), "property \"\(name)\" is not allowed")
            } else if evaluator.evaluate(schema, value, at: .key(name)) {
                continue
            }
            valid = false
            if evaluator.shouldStopAfterFailure { return false }
        }
        return valid
    }
}

/// `patternProperties`.
struct PatternPropertiesRule: KeywordRule {
    let patterns: [(pattern: CompiledPattern, schema: Int)]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (name, value) in object {
            var matched = false
            for (pattern, schema) in patterns where evaluator.matches(pattern, name, site) {
                matched = true
                if evaluator.nodes[schema].isFalse {
                    evaluator.report(site, member: .key(name), "property \"\(name)\" is not allowed (it matches \(pattern.source))")
                } else if evaluator.evaluate(schema, value, at: .key(name)) {
                    continue
                }
                valid = false
                if evaluator.shouldStopAfterFailure { return false }
            }
            if evaluator.isAborted { return false }
            if matched && collecting { evaluated.properties.append(name) }
        }
        return valid
    }
}

/// `additionalProperties`, with the sibling `properties` names and `patternProperties` patterns
/// that decide which members are "additional".
struct AdditionalPropertiesRule: KeywordRule {
    let schema: Int
    let declared: Set<String>
    let patterns: [CompiledPattern]

    /// Whether `name` is matched by neither `properties` nor `patternProperties`.
    func isAdditional(_ name: String, _ site: KeywordSite, _ evaluator: inout Evaluator) -> Bool {
        if declared.contains(name) { return false }
        for pattern in patterns where evaluator.matches(pattern, name, site) { return false }
        return true
    }

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        let isFalse = evaluator.nodes[schema].isFalse
        var valid = true
        if !evaluator.nodes[schema].isTrivial {
            for (name, value) in object where isAdditional(name, site, &evaluator) {
                if isFalse {
                    evaluator.report(site, member: .key(name), "property \"\(name)\" is not allowed")
                } else if evaluator.evaluate(schema, value, at: .key(name)) {
                    continue
                }
                valid = false
                if evaluator.shouldStopAfterFailure { return false }
            }
        }
        if evaluator.isAborted { return false }
        // With `properties` and `patternProperties`, every member has now been evaluated.
        if valid && collecting { evaluated.allProperties = true }
        return valid
    }
}

/// `propertyNames`: every member name, as a string instance, must match the schema.
struct PropertyNamesRule: KeywordRule {
    let schema: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for name in object.keys where !evaluator.matches(schema, .string(name), below: true) {
            if evaluator.isAborted { return false }
            valid = false
            evaluator.report(site, "property name \"\(name)\" does not match the propertyNames schema")
            if evaluator.shouldStopAfterFailure { return false }
        }
        return valid
    }
}

/// `dependentSchemas`, or the schema-valued members of draft-07 `dependencies`.
struct DependentSchemasRule: KeywordRule {
    let schemas: [(property: String, schema: Int)]

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (property, schema) in schemas where object.contains(key: property) {
            if !evaluator.applyInPlace(schema, instance, evaluated: &evaluated, collecting: collecting) {
                valid = false
                if evaluator.shouldStopAfterFailure { return false }
            }
        }
        return valid
    }
}

/// `unevaluatedProperties`: applies to the members no other keyword (here or in in-place
/// subschemas) evaluated successfully.
struct UnevaluatedPropertiesRule: KeywordRule {
    let schema: Int

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        guard case .object(let object) = instance, !evaluated.allProperties else { return true }
        let isEvaluated = evaluated.propertyLookup()
        let isFalse = evaluator.nodes[schema].isFalse
        var valid = true
        for (name, value) in object where !isEvaluated(name) {
            if isFalse {
                evaluator.report(site, member: .key(name), "property \"\(name)\" is not allowed (no other keyword evaluated it)")
            } else if evaluator.evaluate(schema, value, at: .key(name)) {
                continue
            }
            valid = false
            if evaluator.shouldStopAfterFailure { return false }
        }
        if valid { evaluated.allProperties = true }
        return valid
    }
}
