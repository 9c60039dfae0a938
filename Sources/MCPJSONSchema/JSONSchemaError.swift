/// Why a schema could not be compiled, or why a validation was abandoned before it could decide.
///
/// Compilation problems (a malformed keyword, an unresolvable `$ref`, an invalid `pattern`) are
/// reported when a ``JSONSchema`` is created. Limit problems (``Kind-swift.enum/evaluationDepthExceeded``,
/// ``Kind-swift.enum/evaluationStepsExceeded``, ``Kind-swift.enum/patternStepsExceeded``,
/// ``Kind-swift.enum/referenceCycle``) are reported by ``JSONSchema/validate(_:)`` when a hostile
/// or broken schema would otherwise recurse or run for too long; such a validation has no answer,
/// which is different from "invalid".
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of a ``JSONSchemaError``.
    public enum Kind: Sendable, Hashable {
        /// A keyword has a value of the wrong shape, e.g. `"minLength": "3"`.
        case invalidSchema
        /// A `$ref`, `$dynamicRef` or lookup names a document or location that is not known.
        ///
        /// Remote documents are never fetched: add them to the ``JSONSchemaRegistry``.
        case unresolvableReference
        /// `$schema` names a meta-schema this validator does not know.
        case unknownMetaSchema
        /// A meta-schema requires a vocabulary this validator does not implement.
        case unsupportedVocabulary
        /// A `pattern` or `patternProperties` key is not a valid ECMA-262 regular expression, or
        /// uses a Unicode property this validator does not know (`\p{Script=…}`).
        case invalidPattern
        /// A URI in the schema (`$id`, `$ref`, a registry key) cannot be parsed.
        case invalidURI
        /// The schema has more subschemas than ``JSONSchema/Limits/maximumSubschemaCount``.
        case tooManySubschemas
        /// Subschemas nest deeper than ``JSONSchema/Limits/maximumSchemaDepth``.
        case schemaTooDeep
        /// Evaluation nested deeper than ``JSONSchema/Limits/maximumEvaluationDepth``.
        case evaluationDepthExceeded
        /// Evaluation took more steps than ``JSONSchema/Limits/maximumEvaluationSteps``.
        case evaluationStepsExceeded
        /// Matching a `pattern` took more steps than ``JSONSchema/Limits/maximumPatternSteps``
        /// allows (catastrophic backtracking, such as `(a+)+$`).
        case patternStepsExceeded
        /// A `$ref` chain came back to itself without consuming any of the instance, so
        /// evaluation would never end.
        case referenceCycle
    }

    /// The category of the problem.
    public var kind: Kind
    /// Where in the schema the problem is, as an absolute keyword location
    /// (`#/properties/name/pattern` for the schema being compiled, a full URI for other documents).
    public var schemaLocation: String?
    /// For limit errors, the JSON Pointer of the instance location being evaluated when the limit was hit.
    public var instanceLocation: String?
    /// A readable explanation.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, schemaLocation: String? = nil, instanceLocation: String? = nil) {
        self.kind = kind
        self.message = message
        self.schemaLocation = schemaLocation
        self.instanceLocation = instanceLocation
    }

    /// The message, with the schema and instance locations when known.
    public var description: String {
        var text = message
        if let schemaLocation { text += " (schema location \(schemaLocation))" }
        if let instanceLocation { text += " (instance location \"\(instanceLocation)\")" }
        return text
    }
}
