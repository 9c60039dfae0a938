import MCPCore

/// One compiled subschema: the keywords to check, in evaluation order.
///
/// Subschemas refer to each other by index into ``CompiledSchemaGraph/nodes``, so reference
/// cycles are plain integers and the graph is built once and shared.
struct SchemaNode: Sendable {
    /// Assertions and applicators, cheap ones first; `unevaluated*` always last.
    var keywords: [CompiledKeyword] = []
    /// `false`, or a schema that can never validate anything.
    var isFalse = false
    /// The resource (index in the compiled graph's resource list) the subschema belongs to;
    /// entering a different one extends the dynamic scope.
    var resource: Int
    /// The absolute location, for messages: `#/properties/a` or `https://…#/…`.
    var location: String
    /// Whether the node has `unevaluatedProperties` or `unevaluatedItems`, and so must collect
    /// which properties and items its other keywords evaluated.
    var usesAnnotations = false

    /// Whether the node accepts every instance without doing anything (`true`, `{}`, or only
    /// annotation keywords). Stored, as it is read for every subschema evaluated.
    var isTrivial = true
}

/// A keyword with the name it is reported under.
struct CompiledKeyword: Sendable {
    /// The keyword as written in the schema (`dependencies` keeps its name even though it compiles
    /// to the same rules as `dependentRequired` and `dependentSchemas`).
    var name: String
    var rule: any KeywordRule
}

/// What one compiled keyword checks. Each keyword is its own type (see the Keywords folder), so
/// evaluation dispatches with one dynamic call and each keyword's working state occupies the
/// stack only while that keyword runs.
protocol KeywordRule: Sendable {
    /// Checks `instance`, reporting failures through `evaluator`; when `collecting`, records in
    /// `evaluated` the properties and items it evaluated (for `unevaluated*`).
    func apply(
        to instance: JSONValue, at site: KeywordSite,
        in evaluator: inout Evaluator, evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool
}

/// Which keyword of which node is being applied: two indices, cheap to pass down the recursive
/// evaluation path, from which error locations are built only when an error is reported.
struct KeywordSite {
    var node: Int
    var keyword: Int
}

/// The immutable result of compiling a schema: every subschema of every loaded document, plus
/// what is needed to find them again by URI. Shared by all copies of a ``JSONSchema``.
final class CompiledSchemaGraph: Sendable {
    let nodes: [SchemaNode]
    /// For each resource, its `$dynamicAnchor` subschemas by name.
    let dynamicAnchors: [[String: Int]]
    /// The loaded documents and their resources, for lookups by URI or pointer.
    let index: ResourceIndex
    let nodeByLocation: [DocumentLocation: Int]
    let root: Int

    init(nodes: [SchemaNode], dynamicAnchors: [[String: Int]], index: ResourceIndex, nodeByLocation: [DocumentLocation: Int], root: Int) {
        self.nodes = nodes
        self.dynamicAnchors = dynamicAnchors
        self.index = index
        self.nodeByLocation = nodeByLocation
        self.root = root
    }

    /// The node a reference designates, resolved against the root's base URI.
    func node(for reference: String) throws(JSONSchemaError) -> Int {
        guard let parsed = URIReference(reference) else {
            throw JSONSchemaError(.invalidURI, "\"\(reference)\" is not a URI reference")
        }
        let rootLocation = DocumentLocation(document: 0, pointer: "")
        let base = index.contexts[rootLocation]?.baseURI ?? ResourceIndex.defaultBase
        switch index.resolve(base.resolving(parsed)) {
        case .found(let location):
            guard let node = nodeByLocation[location] else {
                throw JSONSchemaError(
                    .unresolvableReference, "\"\(reference)\" is not a subschema (it is not under a keyword that holds schemas)"
                )
            }
            return node
        case .unknownResource(let uri):
            throw JSONSchemaError(.unresolvableReference, "\"\(reference)\": no loaded schema has the URI \(uri)")
        case .failed(let message):
            throw JSONSchemaError(.unresolvableReference, "\"\(reference)\": \(message)")
        }
    }
}
