import MCPCore

/// Evaluates one instance against a compiled schema graph.
///
/// A value type with mutating methods, created per validation: its state (errors, instance path,
/// dynamic scope, counters) belongs to the caller, so concurrent validations share nothing but
/// the immutable graph. Keywords (see ``KeywordRule``) call back into it to evaluate subschemas
/// and to report errors.
///
/// Evaluation is recursive, so the frames on the recursive path are kept small (cold paths such
/// as message formatting live in separate functions), and both the nesting
/// (``JSONSchema/Limits/maximumEvaluationDepth``) and the stack it actually uses
/// (``JSONSchema/Limits/maximumStackUsage``) are bounded.
struct Evaluator {
    let graph: CompiledSchemaGraph
    let nodes: [SchemaNode]
    private let limits: JSONSchema.Limits
    private let stopsAtFirstError: Bool
    /// Whether the instance path is tracked (it is needed only to report locations).
    private let tracksPath: Bool

    /// Whether failing keywords append errors; off inside `not`, `if`, `anyOf` branches and the
    /// like, whose failures are not failures of the instance.
    private var reportsErrors: Bool {
        didSet { refreshStopFlag() }
    }
    private(set) var errors: [JSONSchemaValidationError] = [] {
        didSet { refreshStopFlag() }
    }
    /// Set when a limit stops evaluation; everything then unwinds returning `false`.
    private var abort: JSONSchemaError? {
        didSet {
            isAborted = abort != nil
            refreshStopFlag()
        }
    }
    /// Whether a limit has stopped the evaluation.
    private(set) var isAborted = false
    /// Whether a keyword that just failed should stop at once: when errors are not being reported
    /// (the answer is known), a limit was hit, or enough errors have been reported.
    ///
    /// Stored rather than computed: keywords read it on the recursive path, and reading a stored
    /// property never copies the evaluator (a computed one does, in unoptimized builds).
    private(set) var shouldStopAfterFailure = false

    private var instancePath: [InstancePathComponent] = []
    /// How many levels below the validated value the current instance is.
    private var instanceDepth = 0
    /// Resources entered, outermost first: the dynamic scope `$dynamicRef` searches.
    private var dynamicScope: [Int] = []
    /// References being followed, with the instance depth at which each was entered.
    private var activeReferences: [(target: Int, instanceDepth: Int)] = []
    private var depth = 0
    private var steps = 0
    /// The stack address where evaluation started, to measure how much stack it uses.
    private var stackBase: UInt = 0

    init(graph: CompiledSchemaGraph, limits: JSONSchema.Limits, reportsErrors: Bool, stopsAtFirstError: Bool) {
        self.graph = graph
        self.nodes = graph.nodes
        self.limits = limits
        self.reportsErrors = reportsErrors
        self.tracksPath = reportsErrors
        self.stopsAtFirstError = stopsAtFirstError
        refreshStopFlag()
    }

    private mutating func refreshStopFlag() {
        shouldStopAfterFailure = !reportsErrors || isAborted
            || (stopsAtFirstError ? !errors.isEmpty : errors.count >= limits.maximumErrorCount)
    }

    /// Validates `instance` against node `entry`; throws only when a limit stops the evaluation.
    mutating func run(_ entry: Int, _ instance: JSONValue) throws(JSONSchemaError) -> Bool {
        stackBase = currentStackAddress()
        // The dynamic scope starts with the entry's resource even when the entry is not its root.
        dynamicScope.append(nodes[entry].resource)
        var annotations = EvaluatedLocations()
        let valid = evaluate(entry, instance, into: &annotations, collecting: false)
        if let abort { throw abort }
        return valid
    }

    // MARK: - Evaluating subschemas

    /// Evaluates node `id` on `instance`; when `collecting`, merges what it evaluated into
    /// `annotations`, even if it fails (see ``applyInPlace(_:_:evaluated:collecting:)``; callers
    /// for which a failing subschema must not count use ``probe(_:_:evaluated:collecting:)``).
    mutating func evaluate(_ id: Int, _ instance: JSONValue, into annotations: inout EvaluatedLocations, collecting: Bool) -> Bool {
        // Fields are read through the array rather than by copying the node, which would retain
        // and release its members on every call.
        if nodes[id].isTrivial { return true }
        if nodes[id].isFalse { return rejectEverything(id) }
        depth += 1
        steps += 1
        defer { depth -= 1 }
        if depth > limits.maximumEvaluationDepth || steps > limits.maximumEvaluationSteps || isAborted
            || stackBase.distance(to: currentStackAddress()).magnitude > limits.maximumStackUsage {
            return stopAtLimit(id)
        }
        let resource = nodes[id].resource
        let entersResource = resource != dynamicScope.last
        if entersResource { dynamicScope.append(resource) }
        defer { if entersResource { dynamicScope.removeLast() } }

        let collects = collecting || nodes[id].usesAnnotations
        var evaluated = EvaluatedLocations()
        var valid = true
        let count = nodes[id].keywords.count
        for index in 0..<count {
            let site = KeywordSite(node: id, keyword: index)
            if !nodes[id].keywords[index].rule.apply(to: instance, at: site, in: &self, evaluated: &evaluated, collecting: collects) {
                valid = false
                if shouldStopAfterFailure { return false }
            }
        }
        if collecting { annotations.merge(evaluated) }
        return valid
    }

    /// Evaluates node `id` on a member (property value or item) of the current instance.
    mutating func evaluate(_ id: Int, _ member: JSONValue, at component: InstancePathComponent) -> Bool {
        if nodes[id].isTrivial { return true }
        if tracksPath { instancePath.append(component) }
        instanceDepth += 1
        defer {
            instanceDepth -= 1
            if tracksPath { instancePath.removeLast() }
        }
        var ignored = EvaluatedLocations()
        return evaluate(id, member, into: &ignored, collecting: false)
    }

    /// Evaluates an in-place applicator's subschema (`allOf`, `$ref`, `then` …) on the current
    /// instance.
    ///
    /// Its annotations are kept even when it fails: its failure fails the enclosing schema too, so
    /// they cannot change any outcome, and keeping them stops `unevaluatedProperties` from
    /// reporting again, as "unevaluated", members whose real error was reported inside it.
    mutating func applyInPlace(_ id: Int, _ instance: JSONValue, evaluated: inout EvaluatedLocations, collecting: Bool) -> Bool {
        evaluate(id, instance, into: &evaluated, collecting: collecting)
    }

    /// Evaluates a subschema whose failure is not a failure of the instance (`anyOf` and `oneOf`
    /// branches, `if`), without reporting errors; its annotations count only if it passes.
    mutating func probe(_ id: Int, _ instance: JSONValue, evaluated: inout EvaluatedLocations, collecting: Bool) -> Bool {
        let saved = reportsErrors
        reportsErrors = false
        defer { reportsErrors = saved }
        var branch = EvaluatedLocations()
        let valid = evaluate(id, instance, into: &branch, collecting: collecting)
        if valid && collecting { evaluated.merge(branch) }
        return valid
    }

    /// Whether node `id` accepts `value`, without errors or annotations (`not`, `contains`,
    /// `propertyNames`). `below` says `value` is not the current instance but a part of it or,
    /// for property names, derived from it.
    mutating func matches(_ id: Int, _ value: JSONValue, below: Bool) -> Bool {
        let saved = reportsErrors
        reportsErrors = false
        if below { instanceDepth += 1 }
        defer {
            reportsErrors = saved
            if below { instanceDepth -= 1 }
        }
        var ignored = EvaluatedLocations()
        return evaluate(id, value, into: &ignored, collecting: false)
    }

    // MARK: - Patterns

    /// Whether `pattern` matches `string`. A match that exceeds its step budget stops the
    /// evaluation (``JSONSchemaError/Kind-swift.enum/patternStepsExceeded``) and counts as no match.
    mutating func matches(_ pattern: CompiledPattern, _ string: String, _ site: KeywordSite) -> Bool {
        if let matched = pattern.matches(string, baseSteps: limits.maximumPatternSteps) { return matched }
        stopAtPatternLimit(pattern, site)
        return false
    }

    // MARK: - References

    /// The outermost resource in the dynamic scope that declares the dynamic anchor `name`.
    func resolveDynamicAnchor(_ name: String) -> Int? {
        for resource in dynamicScope {
            if let target = graph.dynamicAnchors[resource][name] { return target }
        }
        return nil
    }

    /// Evaluates a reference's target in place.
    ///
    /// Reaching the same target again without having moved into the instance means the references
    /// loop and evaluation would never end; that stops it with ``JSONSchemaError/Kind-swift.enum/referenceCycle``.
    mutating func followReference(
        to target: Int, _ site: KeywordSite, _ instance: JSONValue, evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        for active in activeReferences.reversed() {
            guard active.instanceDepth == instanceDepth else { break }
            if active.target == target { return stopAtCycle(site, target) }
        }
        activeReferences.append((target, instanceDepth))
        defer { activeReferences.removeLast() }
        return applyInPlace(target, instance, evaluated: &evaluated, collecting: collecting)
    }

    // MARK: - Reporting

    /// Appends an error for the keyword at `site` (or another `keyword` of the same schema) at the
    /// current instance location.
    mutating func report(_ site: KeywordSite, keyword: String? = nil, _ message: @autoclosure () -> String) {
        guard reportsErrors, !shouldStopAfterFailure else { return }
        let node = nodes[site.node]
        let name = keyword ?? node.keywords[site.keyword].name
        append(keyword: name, at: node.location + "/" + JSONPointer.escape(name), message())
    }

    /// Appends an error for the keyword at `site` at a member of the current instance.
    mutating func report(_ site: KeywordSite, member: InstancePathComponent, _ message: @autoclosure () -> String) {
        guard reportsErrors, !shouldStopAfterFailure else { return }
        instancePath.append(member)
        defer { instancePath.removeLast() }
        report(site, message())
    }

    private mutating func append(keyword: String, at schemaLocation: String, _ message: String) {
        errors.append(JSONSchemaValidationError(
            instanceLocation: JSONPointer.string(from: instancePath), keyword: keyword, schemaLocation: schemaLocation, message: message
        ))
    }

    /// A `false` schema: reports and fails.
    @inline(never)
    private mutating func rejectEverything(_ id: Int) -> Bool {
        if reportsErrors && !shouldStopAfterFailure {
            append(keyword: "false", at: nodes[id].location, "no value is allowed here (the schema is false)")
        }
        return false
    }

    /// Records which limit was exceeded (once) and fails.
    @inline(never)
    private mutating func stopAtLimit(_ id: Int) -> Bool {
        let node = nodes[id]
        if abort == nil {
            if depth > limits.maximumEvaluationDepth {
                abort = limitError(.evaluationDepthExceeded, "evaluation nested deeper than \(limits.maximumEvaluationDepth) levels", node)
            } else if steps > limits.maximumEvaluationSteps {
                abort = limitError(.evaluationStepsExceeded, "evaluation took more than \(limits.maximumEvaluationSteps) steps", node)
            } else {
                abort = limitError(
                    .evaluationDepthExceeded,
                    "evaluation nested \(depth) levels deep and used more than \(limits.maximumStackUsage) bytes of stack", node
                )
            }
        }
        return false
    }

    @inline(never)
    private mutating func stopAtCycle(_ site: KeywordSite, _ target: Int) -> Bool {
        if abort == nil {
            let node = nodes[site.node]
            abort = limitError(
                .referenceCycle,
                "\(node.keywords[site.keyword].name) leads back to \(nodes[target].location) without consuming any of the instance", node
            )
        }
        return false
    }

    @inline(never)
    private mutating func stopAtPatternLimit(_ pattern: CompiledPattern, _ site: KeywordSite) {
        guard abort == nil else { return }
        abort = limitError(
            .patternStepsExceeded, "matching the pattern \(pattern.source) took more than the allowed steps", nodes[site.node]
        )
    }

    private func limitError(_ kind: JSONSchemaError.Kind, _ message: String, _ node: SchemaNode) -> JSONSchemaError {
        let instanceLocation = tracksPath ? JSONPointer.string(from: instancePath) : nil
        return JSONSchemaError(kind, message, schemaLocation: node.location, instanceLocation: instanceLocation)
    }
}

/// The address of a local variable: where the top of the stack currently is.
@inline(__always)
private func currentStackAddress() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
}
