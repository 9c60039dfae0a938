/// One reason an instance does not conform to a schema.
///
/// ```
/// /content/0: value does not match any of the 5 schemas in anyOf
///   (keyword anyOf at #/$defs/ContentBlock/anyOf)
/// ```
public struct JSONSchemaValidationError: Sendable, Hashable, CustomStringConvertible {
    /// The JSON Pointer (RFC 6901) of the offending value in the instance, e.g. `/content/0/text`;
    /// empty for the instance itself.
    public var instanceLocation: String
    /// The keyword that failed, e.g. `type`, `required`, `additionalProperties`; `false` for a
    /// `false` schema.
    public var keyword: String
    /// The absolute location of the failing keyword in the schema: `#/…` for the compiled document
    /// when it has no `$id`, otherwise `<base URI>#/…`.
    public var schemaLocation: String
    /// A readable explanation.
    public var message: String

    /// Creates a validation error.
    public init(instanceLocation: String, keyword: String, schemaLocation: String, message: String) {
        self.instanceLocation = instanceLocation
        self.keyword = keyword
        self.schemaLocation = schemaLocation
        self.message = message
    }

    /// `"<instance location>: <message> (keyword <keyword> at <schema location>)"`.
    public var description: String {
        "\(instanceLocation.isEmpty ? "(root)" : instanceLocation): \(message) (keyword \(keyword) at \(schemaLocation))"
    }
}
