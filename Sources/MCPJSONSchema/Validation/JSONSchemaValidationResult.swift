/// The outcome of validating an instance against a ``JSONSchema``.
public struct JSONSchemaValidationResult: Sendable, Hashable, CustomStringConvertible {
    /// Why the instance is invalid; empty when it is valid.
    ///
    /// With ``JSONSchema/Options/stopsAtFirstError`` at most one error is listed, and never more
    /// than ``JSONSchema/Limits/maximumErrorCount``.
    public var errors: [JSONSchemaValidationError]

    /// Creates a result from its errors.
    public init(errors: [JSONSchemaValidationError]) {
        self.errors = errors
    }

    /// Whether the instance conforms to the schema.
    public var isValid: Bool { errors.isEmpty }

    /// `"valid"`, or the errors one per line.
    public var description: String {
        isValid ? "valid" : errors.map(\.description).joined(separator: "\n")
    }
}
