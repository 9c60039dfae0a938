extension JSONSchema {
    /// How a schema is compiled and how instances are validated against it.
    public struct Options: Sendable {
        /// The draft for a schema without `$schema`. Defaults to ``JSONSchemaDraft/draft2020_12``.
        public var defaultDraft: JSONSchemaDraft
        /// Whether `format` is an assertion (`"email"` must be a valid address) rather than an
        /// annotation. Defaults to `false`, as the specification says; a meta-schema that enables
        /// the format-assertion vocabulary turns it on for its schemas regardless.
        public var validatesFormats: Bool
        /// Documents that `$ref` and `$schema` may name. Nothing is ever fetched from the network.
        public var registry: JSONSchemaRegistry
        /// Bounds on the work a schema can cause.
        public var limits: Limits
        /// Whether ``JSONSchema/validate(_:)`` stops at the first error. Faster on invalid input
        /// when only a yes/no with one reason is wanted.
        public var stopsAtFirstError: Bool
        /// The absolute URI the schema was retrieved from; relative `$id`s and `$ref`s resolve
        /// against it. `nil` uses an internal placeholder, and locations print as `#/…`.
        public var baseURI: String?

        /// Creates options; every parameter has the documented default.
        public init(
            defaultDraft: JSONSchemaDraft = .draft2020_12,
            validatesFormats: Bool = false,
            registry: JSONSchemaRegistry = JSONSchemaRegistry(),
            limits: Limits = Limits(),
            stopsAtFirstError: Bool = false,
            baseURI: String? = nil
        ) {
            self.defaultDraft = defaultDraft
            self.validatesFormats = validatesFormats
            self.registry = registry
            self.limits = limits
            self.stopsAtFirstError = stopsAtFirstError
            self.baseURI = baseURI
        }
    }

    /// Bounds that keep hostile or broken schemas from exhausting memory, stack or time.
    ///
    /// Exceeding a validation limit makes ``JSONSchema/validate(_:)`` throw a ``JSONSchemaError``
    /// (``JSONSchemaError/Kind-swift.enum/evaluationDepthExceeded`` or
    /// ``JSONSchemaError/Kind-swift.enum/evaluationStepsExceeded``) instead of answering.
    public struct Limits: Sendable, Hashable {
        /// The most subschemas one compilation may produce, across all loaded documents.
        public var maximumSubschemaCount: Int
        /// How deeply subschemas may nest inside one document. The default, 512, admits any
        /// schema `JSONValue(parsing:)` accepts with its default depth limit.
        public var maximumSchemaDepth: Int
        /// How deeply subschema evaluations may nest (through `$ref`s, applicators and the
        /// instance's own nesting). A recursive schema typically uses one to three levels per level
        /// of the instance.
        public var maximumEvaluationDepth: Int
        /// How many bytes of stack evaluation may use before it stops, whatever its depth.
        ///
        /// Evaluation is recursive, so this is what keeps a deep instance or schema from
        /// overflowing the thread's stack. The default, 256 KiB, is half the smallest stack a
        /// Swift concurrency thread gets; an optimized build uses well under 1 KiB per level, so
        /// ``maximumEvaluationDepth`` usually binds first, while unoptimized (debug) builds use
        /// about 2 KiB per level and may stop earlier. Raise it only on threads known to have a
        /// larger stack.
        public var maximumStackUsage: Int
        /// How many subschema evaluations one validation may perform. The default, 2,000,000,
        /// takes well under a second and stops exponential `anyOf`/`oneOf` blow-ups.
        public var maximumEvaluationSteps: Int
        /// How many steps matching one `pattern` (or `patternProperties` key) against one string
        /// may take, plus 64 per code point of the string. The default, 1,000,000, is a few
        /// milliseconds: ordinary patterns need a few steps per character, while catastrophic
        /// backtracking (`(a+)+$`) would otherwise take hours.
        public var maximumPatternSteps: Int
        /// The most errors one validation reports.
        public var maximumErrorCount: Int

        /// Creates limits; every parameter has the documented default.
        public init(
            maximumSubschemaCount: Int = 100_000,
            maximumSchemaDepth: Int = 512,
            maximumEvaluationDepth: Int = 300,
            maximumStackUsage: Int = 256 * 1024,
            maximumEvaluationSteps: Int = 2_000_000,
            maximumPatternSteps: Int = 1_000_000,
            maximumErrorCount: Int = 100
        ) {
            self.maximumSubschemaCount = maximumSubschemaCount
            self.maximumSchemaDepth = maximumSchemaDepth
            self.maximumEvaluationDepth = maximumEvaluationDepth
            self.maximumStackUsage = maximumStackUsage
            self.maximumEvaluationSteps = maximumEvaluationSteps
            self.maximumPatternSteps = maximumPatternSteps
            self.maximumErrorCount = maximumErrorCount
        }
    }
}
