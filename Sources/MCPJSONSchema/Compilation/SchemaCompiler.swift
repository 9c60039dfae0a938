import MCPCore

/// Compiles a schema document, and every document it refers to, into a ``CompiledSchemaGraph``.
///
/// Work is driven by a queue rather than recursion: a subschema is given a node index when first
/// referred to and built later, so deeply nested schemas and `$ref` cycles need no native stack.
/// Every subschema of every loaded document is compiled, which makes any of them usable as a
/// validation entry point and every `$dynamicAnchor` available at run time.
struct SchemaCompiler {
    private(set) var index: ResourceIndex
    private let registry: JSONSchemaRegistry
    private let validatesFormats: Bool
    private let maximumSubschemaCount: Int
    private var nodes: [SchemaNode] = []
    private var nodeByLocation: [DocumentLocation: Int] = [:]
    private var pending: [(id: Int, location: DocumentLocation)] = []
    /// How many of `index.schemaLocations` have been queued.
    private var queuedLocationCount = 0

    static func compile(_ schema: JSONValue, options: JSONSchema.Options) throws(JSONSchemaError) -> CompiledSchemaGraph {
        var compiler = SchemaCompiler(options: options)
        var base = ResourceIndex.defaultBase
        if let baseURI = options.baseURI {
            guard let parsed = URIReference(baseURI), parsed.isAbsolute else {
                throw JSONSchemaError(.invalidURI, "the base URI \"\(baseURI)\" is not an absolute URI")
            }
            base = parsed.withoutFragment
        }
        let resolver = compiler.dialectResolver
        _ = try compiler.index.addDocument(
            schema, uri: base, defaultDialect: Dialect(draft: options.defaultDraft), resolveDialect: resolver
        )
        let root = try compiler.node(at: DocumentLocation(document: 0, pointer: ""))
        try compiler.drain()
        let dynamicAnchors = compiler.index.resources.map { resource in
            resource.dynamicAnchors.compactMapValues { compiler.nodeByLocation[$0] }
        }
        return CompiledSchemaGraph(
            nodes: compiler.nodes, dynamicAnchors: dynamicAnchors, index: compiler.index,
            nodeByLocation: compiler.nodeByLocation, root: root
        )
    }

    private init(options: JSONSchema.Options) {
        index = ResourceIndex(maximumDepth: options.limits.maximumSchemaDepth)
        registry = options.registry
        validatesFormats = options.validatesFormats
        maximumSubschemaCount = options.limits.maximumSubschemaCount
    }

    // MARK: - Queue

    /// Builds queued nodes until none are left, queueing every subschema discovered meanwhile.
    private mutating func drain() throws(JSONSchemaError) {
        while true {
            if let next = pending.popLast() {
                nodes[next.id] = try buildNode(at: next.location)
            } else if queuedLocationCount < index.schemaLocations.count {
                let location = index.schemaLocations[queuedLocationCount]
                queuedLocationCount += 1
                _ = try node(at: location)
            } else {
                return
            }
        }
    }

    /// The node index for the subschema at `location`, queueing it if it is new.
    mutating func node(at location: DocumentLocation) throws(JSONSchemaError) -> Int {
        if let id = nodeByLocation[location] { return id }
        if index.contexts[location] == nil {
            let resolver = dialectResolver
            try index.indexDetachedSubschema(at: location, resolveDialect: resolver)
        }
        guard let context = index.contexts[location] else {
            throw JSONSchemaError(.unresolvableReference, "no subschema at \(index.displayLocation(of: location))")
        }
        guard nodes.count < maximumSubschemaCount else {
            throw JSONSchemaError(
                .tooManySubschemas, "the schema has more than \(maximumSubschemaCount) subschemas",
                schemaLocation: index.displayLocation(of: location)
            )
        }
        let id = nodes.count
        nodes.append(SchemaNode(resource: context.resource, location: ""))
        nodeByLocation[location] = id
        pending.append((id, location))
        return id
    }

    private mutating func buildNode(at location: DocumentLocation) throws(JSONSchemaError) -> SchemaNode {
        guard let context = index.contexts[location], let value = index.value(at: location) else {
            throw JSONSchemaError(.unresolvableReference, "no subschema at \(index.displayLocation(of: location))")
        }
        var node = SchemaNode(resource: context.resource, location: index.displayLocation(of: location))
        switch value {
        case .bool(let allows):
            node.isFalse = !allows
        case .object(let object):
            node.keywords = try compileKeywords(object, at: location, context: context)
            node.usesAnnotations = node.keywords.contains { $0.rule is UnevaluatedPropertiesRule || $0.rule is UnevaluatedItemsRule }
        default:
            throw JSONSchemaError(
                .invalidSchema, "a schema must be an object or a boolean, not \(value.typeName)", schemaLocation: node.location
            )
        }
        node.isTrivial = node.keywords.isEmpty && !node.isFalse
        return node
    }

    // MARK: - References

    /// The location `reference` designates, resolved against `base`; loads registry documents as needed.
    mutating func resolve(
        _ reference: String, against base: URIReference, dialect: Dialect, from keywordLocation: String
    ) throws(JSONSchemaError) -> (location: DocumentLocation, target: URIReference) {
        guard let parsed = URIReference(reference) else {
            throw JSONSchemaError(.invalidURI, "\"\(reference)\" is not a URI reference", schemaLocation: keywordLocation)
        }
        let target = base.resolving(parsed)
        // A resource not loaded yet may be a registry document: load it and look again.
        if case .unknownResource(let uri) = index.resolve(target), let document = registry.document(at: uri),
           let documentURI = URIReference(uri) {
            let resolver = dialectResolver
            _ = try index.addDocument(document, uri: documentURI, defaultDialect: dialect, resolveDialect: resolver)
        }
        switch index.resolve(target) {
        case .found(let location):
            return (location, target)
        case .failed(let message):
            throw JSONSchemaError(.unresolvableReference, "cannot resolve \"\(reference)\": \(message)", schemaLocation: keywordLocation)
        case .unknownResource(let uri):
            throw JSONSchemaError(
                .unresolvableReference,
                "cannot resolve \"\(reference)\": no schema with the URI \(ResourceIndex.display(uri)) is loaded or "
                    + "registered (remote references are never fetched; add the document to JSONSchemaRegistry)",
                schemaLocation: keywordLocation
            )
        }
    }

    /// Whether `format` asserts in `dialect`.
    func assertsFormat(in dialect: Dialect) -> Bool {
        validatesFormats || dialect.formatAssertionVocabulary
    }

    // MARK: - Dialects

    /// Resolves `$schema` values through this compilation's registry.
    private var dialectResolver: ResourceIndex.DialectResolver {
        let registry = registry
        return { uri throws(JSONSchemaError) in try Self.dialect(forMetaSchema: uri, registry: registry) }
    }

    /// The dialect a `$schema` URI selects: a known draft, or a custom meta-schema from the
    /// registry whose `$vocabulary` says which vocabularies are on.
    static func dialect(forMetaSchema uri: String, registry: JSONSchemaRegistry, depth: Int = 0) throws(JSONSchemaError) -> Dialect {
        if let draft = JSONSchemaDraft(metaSchemaURI: uri) { return Dialect(draft: draft) }
        guard depth < 8, let document = registry.document(at: uri) else {
            throw JSONSchemaError(
                .unknownMetaSchema,
                "unknown meta-schema \"\(uri)\": use draft-07, 2019-09 or 2020-12, or register the meta-schema in JSONSchemaRegistry"
            )
        }
        guard let parent = document["$schema"]?.stringValue else {
            throw JSONSchemaError(.unknownMetaSchema, "the meta-schema \"\(uri)\" has no \"$schema\"")
        }
        var dialect = try dialect(forMetaSchema: parent, registry: registry, depth: depth + 1)
        if let vocabularies = document["$vocabulary"]?.objectValue {
            var enabled: VocabularySet = [.core]
            for (vocabularyURI, required) in vocabularies {
                if let vocabulary = VocabularySet(uri: vocabularyURI) {
                    enabled.insert(vocabulary)
                } else if required.boolValue == true {
                    throw JSONSchemaError(
                        .unsupportedVocabulary, "the meta-schema \"\(uri)\" requires the unknown vocabulary \"\(vocabularyURI)\""
                    )
                }
            }
            dialect.vocabularies = enabled
        }
        return dialect
    }
}
