public import MCPCore

/// A compiled JSON Schema (draft 2020-12 by default, or draft-07 / 2019-09 when `$schema` says
/// so), ready to validate any number of instances.
///
/// Compilation resolves every `$ref`, compiles every `pattern` and checks every keyword once; it
/// fails with a ``JSONSchemaError`` if the schema is malformed or refers to a document that is
/// neither inside it nor in ``Options/registry`` (nothing is fetched from the network).
/// Validation then walks the compiled form: nothing is parsed or resolved again, and the work
/// any schema can cause is bounded by ``Options/limits``.
///
/// ```swift
/// let schema = try JSONSchema(["type": "object", "required": ["name"],
///                              "properties": ["name": ["type": "string"]]])
/// let result = try schema.validate(["name": 42])
/// print(result.errors[0])   // /name: expected string, found integer (keyword type at #/properties/name/type)
/// ```
///
/// Values are cheap to copy and `Sendable`: compile once, cache, and share across tasks.
/// ``subschema(_:)`` gives a schema for one definition of a larger document (such as the MCP
/// protocol schema) without compiling it again.
public struct JSONSchema: Sendable {
    private let graph: CompiledSchemaGraph
    private let entry: Int
    private let options: Options

    /// Compiles `schema`.
    ///
    /// - Throws: ``JSONSchemaError`` for a malformed keyword, an invalid `pattern`, an unknown
    ///   `$schema`, an unresolvable `$ref`, or more subschemas than ``Limits/maximumSubschemaCount``.
    public init(_ schema: JSONValue, options: Options = Options()) throws(JSONSchemaError) {
        graph = try SchemaCompiler.compile(schema, options: options)
        entry = graph.root
        self.options = options
    }

    private init(graph: CompiledSchemaGraph, entry: Int, options: Options) {
        self.graph = graph
        self.entry = entry
        self.options = options
    }

    /// The draft the schema's root is interpreted by.
    public var draft: JSONSchemaDraft {
        graph.index.resources[graph.nodes[entry].resource].dialect.draft
    }

    /// The subschema that `reference` names, resolved against the root's base URI: a JSON
    /// Pointer fragment (`"#/$defs/CallToolResult"`), an anchor (`"#item"`) or an absolute URI
    /// of a loaded resource. The result shares this schema's compiled form.
    ///
    /// - Throws: ``JSONSchemaError/Kind-swift.enum/unresolvableReference`` if nothing compiled is there.
    public func subschema(_ reference: String) throws(JSONSchemaError) -> JSONSchema {
        JSONSchema(graph: graph, entry: try graph.node(for: reference), options: options)
    }

    /// Validates `instance`, reporting every error (or only the first, with
    /// ``Options/stopsAtFirstError``).
    ///
    /// - Throws: ``JSONSchemaError`` only when a ``Limits`` bound stops evaluation, or the schema's
    ///   `$ref`s loop without consuming the instance; an invalid instance is not an error.
    public func validate(_ instance: JSONValue) throws(JSONSchemaError) -> JSONSchemaValidationResult {
        try validate(instance, entry: entry)
    }

    /// Validates `instance` against the subschema `reference` names (see ``subschema(_:)``),
    /// e.g. `try mcpSchema.validate(message, against: "#/$defs/CallToolResult")`.
    public func validate(_ instance: JSONValue, against reference: String) throws(JSONSchemaError) -> JSONSchemaValidationResult {
        try validate(instance, entry: graph.node(for: reference))
    }

    /// Whether `instance` is valid: the fastest check, which stops at the first failure and
    /// builds no messages.
    ///
    /// - Throws: ``JSONSchemaError`` only when a ``Limits`` bound stops evaluation.
    public func isValid(_ instance: JSONValue) throws(JSONSchemaError) -> Bool {
        var evaluator = Evaluator(graph: graph, limits: options.limits, reportsErrors: false, stopsAtFirstError: true)
        return try evaluator.run(entry, instance)
    }

    private func validate(_ instance: JSONValue, entry: Int) throws(JSONSchemaError) -> JSONSchemaValidationResult {
        var evaluator = Evaluator(
            graph: graph, limits: options.limits, reportsErrors: true, stopsAtFirstError: options.stopsAtFirstError
        )
        let valid = try evaluator.run(entry, instance)
        // A failure always leaves an error behind; this guards the invariant rather than trusting it.
        if !valid && evaluator.errors.isEmpty {
            return JSONSchemaValidationResult(errors: [JSONSchemaValidationError(
                instanceLocation: "", keyword: "", schemaLocation: graph.nodes[entry].location, message: "value is invalid"
            )])
        }
        return JSONSchemaValidationResult(errors: evaluator.errors)
    }
}
