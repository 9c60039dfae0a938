import MCPCore

/// A place in one of the loaded documents: the document's index and an escaped JSON Pointer.
struct DocumentLocation: Hashable, Sendable {
    var document: Int
    var pointer: String
}

/// A schema resource: a document root or a subschema with its own `$id`.
struct SchemaResource: Sendable {
    /// The absolute URI (without fragment) that identifies the resource.
    var uri: String
    var root: DocumentLocation
    var dialect: Dialect
    /// `$anchor`, `$dynamicAnchor` and draft-07 `"$id": "#name"` targets, by name.
    var anchors: [String: DocumentLocation] = [:]
    /// `$dynamicAnchor` targets by name; 2019-09's `"$recursiveAnchor": true` is stored under
    /// ``recursiveAnchorName``.
    var dynamicAnchors: [String: DocumentLocation] = [:]

    /// The dynamic-anchor name standing for 2019-09's `$recursiveAnchor` (not a valid anchor name).
    static let recursiveAnchorName = "#recursive"
}

/// What a subschema is compiled against: its enclosing resource, base URI and dialect.
struct SchemaContext: Sendable {
    var resource: Int
    var baseURI: URIReference
    var dialect: Dialect
}

/// Every schema document loaded for one compilation, with the resources, anchors and subschema
/// contexts found by walking them.
///
/// Only keywords that hold subschemas in the dialect are walked, so an `$id` inside `enum`,
/// `const` or an unknown keyword never becomes an identifier.
struct ResourceIndex: Sendable {
    /// Turns a `$schema` value into the dialect it selects.
    typealias DialectResolver = (_ metaSchemaURI: String) throws(JSONSchemaError) -> Dialect

    /// How deeply subschemas may nest inside one document.
    let maximumDepth: Int
    private(set) var documents: [JSONValue] = []
    private(set) var resources: [SchemaResource] = []
    private(set) var resourceByURI: [String: Int] = [:]
    private(set) var contexts: [DocumentLocation: SchemaContext] = [:]
    /// Subschema locations in discovery order, for eager compilation.
    private(set) var schemaLocations: [DocumentLocation] = []

    /// The URI used for a root schema that has neither `$id` nor a caller-supplied base URI.
    /// Locations in it are displayed as bare fragments (`#/properties/a`).
    static let defaultBase = URIReference(scheme: "urn", authority: nil, path: "mcp-json-schema:root")
    static let defaultBaseURI = defaultBase.description

    // MARK: Loading

    /// Adds `document`, retrieved from `uri`, and indexes its resources. Returns the document index.
    mutating func addDocument(
        _ document: JSONValue, uri: URIReference, defaultDialect: Dialect, resolveDialect: DialectResolver
    ) throws(JSONSchemaError) -> Int {
        let index = documents.count
        documents.append(document)
        try walk(
            from: DocumentLocation(document: index, pointer: ""),
            value: document,
            parent: nil,
            retrievalURI: uri,
            defaultDialect: defaultDialect,
            resolveDialect: resolveDialect
        )
        return index
    }

    /// Indexes a subschema reached only through a JSON Pointer (for example inside an unknown
    /// keyword), using the context of its nearest indexed ancestor.
    mutating func indexDetachedSubschema(at location: DocumentLocation, resolveDialect: DialectResolver) throws(JSONSchemaError) {
        guard contexts[location] == nil, let value = value(at: location) else { return }
        var ancestor = location.pointer
        var context: SchemaContext?
        while context == nil, let slash = ancestor.lastIndex(of: "/") {
            ancestor = String(ancestor[..<slash])
            context = contexts[DocumentLocation(document: location.document, pointer: ancestor)]
        }
        guard let context else { return }
        try walk(
            from: location, value: value, parent: context, retrievalURI: nil,
            defaultDialect: context.dialect, resolveDialect: resolveDialect
        )
    }

    /// The JSON value at `location`.
    func value(at location: DocumentLocation) -> JSONValue? {
        JSONPointer.resolve(location.pointer, in: documents[location.document])
    }

    // MARK: Resolution

    /// The outcome of resolving a reference without loading anything.
    enum Resolution {
        case found(DocumentLocation)
        /// No loaded resource has this URI (it may be in the registry).
        case unknownResource(String)
        case failed(String)
    }

    /// Resolves an absolute URI (with optional fragment) to a location in a loaded document.
    func resolve(_ target: URIReference) -> Resolution {
        let key = target.withoutFragment.description
        guard let resourceIndex = resourceByURI[key] else { return .unknownResource(key) }
        let resource = resources[resourceIndex]
        let fragment = URIReference.percentDecoded(Substring(target.fragment ?? ""))
        if fragment.isEmpty { return .found(resource.root) }
        if fragment.hasPrefix("/") {
            guard let pointer = JSONPointer.normalized(fragment) else {
                return .failed("\"#\(fragment)\" is not a valid JSON Pointer")
            }
            let location = DocumentLocation(document: resource.root.document, pointer: resource.root.pointer + pointer)
            guard value(at: location) != nil else {
                return .failed("nothing at \"#\(fragment)\" in \(Self.display(key))")
            }
            return .found(location)
        }
        guard let location = resource.anchors[fragment] else {
            return .failed("no anchor \"\(fragment)\" in \(Self.display(key))")
        }
        return .found(location)
    }

    /// A resource URI as shown in messages ("the root schema" for the default base).
    static func display(_ uri: String) -> String {
        uri == defaultBaseURI ? "the root schema" : uri
    }

    /// The absolute location of `location` for messages: `<resource URI>#<pointer in resource>`.
    func displayLocation(of location: DocumentLocation) -> String {
        guard let context = contexts[location] else { return "#" + location.pointer }
        let resource = resources[context.resource]
        let relative = location.pointer.hasPrefix(resource.root.pointer)
            ? String(location.pointer.dropFirst(resource.root.pointer.count))
            : location.pointer
        let base = resource.uri == Self.defaultBaseURI ? "" : resource.uri
        return base + "#" + relative
    }

    // MARK: Walking

    private struct PendingSchema {
        var location: DocumentLocation
        var value: JSONValue
        var parent: SchemaContext
        /// How many subschemas enclose this one.
        var depth: Int
    }

    private mutating func walk(
        from start: DocumentLocation,
        value startValue: JSONValue,
        parent startParent: SchemaContext?,
        retrievalURI: URIReference?,
        defaultDialect: Dialect,
        resolveDialect: DialectResolver
    ) throws(JSONSchemaError) {
        // An explicit stack: schema nesting depth must not become native stack depth.
        let rootContext = try enterWalkStart(
            start, value: startValue, parent: startParent, retrievalURI: retrievalURI,
            defaultDialect: defaultDialect, resolveDialect: resolveDialect
        )
        var stack: [PendingSchema] = []
        pushChildren(of: startValue, at: start, context: rootContext, depth: 1, onto: &stack)
        while let next = stack.popLast() {
            // Bounded so that a hostile schema cannot make locations (whose length grows with
            // depth) cost quadratic time and memory.
            guard next.depth <= maximumDepth else {
                throw JSONSchemaError(
                    .schemaTooDeep, "subschemas are nested more than \(maximumDepth) levels deep",
                    schemaLocation: displayLocation(of: next.location)
                )
            }
            let context = try enterSubschema(next.location, value: next.value, parent: next.parent, resolveDialect: resolveDialect)
            pushChildren(of: next.value, at: next.location, context: context, depth: next.depth + 1, onto: &stack)
        }
    }

    /// The first subschema of a walk: a document root, which becomes a resource under its
    /// retrieval URI, or a detached subschema, which inherits `parent`.
    private mutating func enterWalkStart(
        _ location: DocumentLocation,
        value: JSONValue,
        parent: SchemaContext?,
        retrievalURI: URIReference?,
        defaultDialect: Dialect,
        resolveDialect: DialectResolver
    ) throws(JSONSchemaError) -> SchemaContext {
        if let parent {
            return try enterSubschema(location, value: value, parent: parent, resolveDialect: resolveDialect)
        }
        let base = retrievalURI ?? Self.defaultBase
        var dialect = defaultDialect
        if let metaSchema = value["$schema"] {
            guard let uri = metaSchema.stringValue else { throw invalid("\"$schema\" must be a string", location) }
            dialect = try resolveDialect(uri)
        }
        let resource = try addResource(uri: base.withoutFragment, root: location, dialect: dialect)
        let context = SchemaContext(resource: resource, baseURI: base.withoutFragment, dialect: dialect)
        return try enterSubschema(location, value: value, parent: context, resolveDialect: resolveDialect, isDocumentRoot: true)
    }

    /// Records the context of one subschema, registering its `$id` and anchors.
    private mutating func enterSubschema(
        _ location: DocumentLocation,
        value: JSONValue,
        parent: SchemaContext,
        resolveDialect: DialectResolver,
        isDocumentRoot: Bool = false
    ) throws(JSONSchemaError) -> SchemaContext {
        var context = parent
        guard case .object(let object) = value else {
            record(location, context)
            return context
        }
        let dialect = parent.dialect
        let isDraft7 = dialect.draft == .draft7
        // Draft-07 ignores every sibling of "$ref", "$id" included.
        let ignoresSiblings = isDraft7 && object["$ref"] != nil
        if let idValue = object["$id"], !ignoresSiblings {
            guard let idText = idValue.stringValue, let id = URIReference(idText) else {
                throw invalid("\"$id\" must be a URI reference", location)
            }
            let resolved = parent.baseURI.resolving(id)
            let fragment = resolved.fragment ?? ""
            if isDraft7 && idText.hasPrefix("#") {
                // Draft-07 location-independent identifier: a plain-name anchor.
                try addAnchor(fragment, at: location, resource: parent.resource, dynamic: false)
            } else {
                if !fragment.isEmpty && !isDraft7 {
                    throw invalid("\"$id\" must not have a fragment; use \"$anchor\"", location)
                }
                var subschemaDialect = dialect
                if !isDocumentRoot, !isDraft7, let metaSchema = object["$schema"] {
                    guard let uri = metaSchema.stringValue else { throw invalid("\"$schema\" must be a string", location) }
                    subschemaDialect = try resolveDialect(uri)
                }
                let uri = resolved.withoutFragment
                let resource: Int
                if isDocumentRoot {
                    // The root is already a resource under its retrieval URI; its `$id` is an alias
                    // and, being canonical, becomes its base.
                    resource = parent.resource
                    resources[resource].uri = uri.description
                    try alias(uri, to: resource, at: location)
                } else {
                    resource = try addResource(uri: uri, root: location, dialect: subschemaDialect)
                }
                context = SchemaContext(resource: resource, baseURI: uri, dialect: subschemaDialect)
                if isDraft7 && !fragment.isEmpty {
                    try addAnchor(fragment, at: location, resource: resource, dynamic: false)
                }
            }
        }
        if !isDraft7 {
            if let anchor = object["$anchor"] {
                guard let name = anchor.stringValue, Self.isValidAnchorName(name) else {
                    throw invalid("\"$anchor\" must be a plain name", location)
                }
                try addAnchor(name, at: location, resource: context.resource, dynamic: false)
            }
            if context.dialect.draft == .draft2020_12, let anchor = object["$dynamicAnchor"] {
                guard let name = anchor.stringValue, Self.isValidAnchorName(name) else {
                    throw invalid("\"$dynamicAnchor\" must be a plain name", location)
                }
                try addAnchor(name, at: location, resource: context.resource, dynamic: true)
            }
            if context.dialect.draft == .draft2019_09, object["$recursiveAnchor"]?.boolValue == true,
               resources[context.resource].root == location {
                resources[context.resource].dynamicAnchors[SchemaResource.recursiveAnchorName] = location
            }
        }
        record(location, context)
        return context
    }

    private mutating func record(_ location: DocumentLocation, _ context: SchemaContext) {
        if contexts.updateValue(context, forKey: location) == nil {
            schemaLocations.append(location)
        }
    }

    private mutating func addResource(uri: URIReference, root: DocumentLocation, dialect: Dialect) throws(JSONSchemaError) -> Int {
        let key = uri.description
        if let existing = resourceByURI[key] {
            // The same document reached twice under one URI is fine; two different ones are not.
            if resources[existing].root == root { return existing }
            throw invalid("two schema resources have the URI \(key)", root)
        }
        resources.append(SchemaResource(uri: key, root: root, dialect: dialect))
        resourceByURI[key] = resources.count - 1
        return resources.count - 1
    }

    private mutating func alias(_ uri: URIReference, to resource: Int, at location: DocumentLocation) throws(JSONSchemaError) {
        let key = uri.description
        if let existing = resourceByURI[key], existing != resource {
            throw invalid("two schema resources have the URI \(key)", location)
        }
        resourceByURI[key] = resource
    }

    private mutating func addAnchor(_ name: String, at location: DocumentLocation, resource: Int, dynamic: Bool) throws(JSONSchemaError) {
        if let existing = resources[resource].anchors[name], existing != location {
            throw invalid("the anchor \"\(name)\" is defined twice in \(Self.display(resources[resource].uri))", location)
        }
        resources[resource].anchors[name] = location
        if dynamic { resources[resource].dynamicAnchors[name] = location }
    }

    private static func isValidAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" else {
            return false
        }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0))
        }
    }

    private func invalid(_ message: String, _ location: DocumentLocation) -> JSONSchemaError {
        JSONSchemaError(.invalidSchema, message, schemaLocation: displayLocation(of: location))
    }

    /// Queues the subschemas held by `value`'s keywords, as its dialect defines them.
    private func pushChildren(
        of value: JSONValue, at location: DocumentLocation, context: SchemaContext, depth: Int, onto stack: inout [PendingSchema]
    ) {
        guard case .object(let object) = value else { return }
        let dialect = context.dialect
        if dialect.draft == .draft7 && object["$ref"] != nil { return }
        for (keyword, member) in object {
            guard let shape = SubschemaShape.of(keyword, in: dialect, value: member) else { continue }
            let keywordPointer = JSONPointer.appending(location.pointer, keyword)
            func push(_ child: JSONValue, _ pointer: String) {
                guard child.objectValue != nil || child.boolValue != nil else { return }
                stack.append(PendingSchema(
                    location: DocumentLocation(document: location.document, pointer: pointer), value: child, parent: context, depth: depth
                ))
            }
            switch shape {
            case .single:
                push(member, keywordPointer)
            case .array:
                for (index, child) in (member.arrayValue ?? []).enumerated() {
                    push(child, JSONPointer.appending(keywordPointer, index))
                }
            case .map:
                for (name, child) in member.objectValue ?? JSONObject() {
                    push(child, JSONPointer.appending(keywordPointer, name))
                }
            }
        }
    }
}

/// How a keyword holds subschemas: one, an array of them, or a map of them.
enum SubschemaShape {
    case single
    case array
    case map

    /// The shape of `keyword`'s value in `dialect`, or `nil` if it holds no subschemas.
    static func of(_ keyword: String, in dialect: Dialect, value: JSONValue) -> SubschemaShape? {
        guard dialect.recognizes(keyword) else { return nil }
        switch keyword {
        case "additionalProperties", "propertyNames", "additionalItems", "contains", "not", "if", "then", "else",
             "unevaluatedProperties", "unevaluatedItems":
            return .single
        case "items":
            return value.arrayValue != nil && dialect.draft != .draft2020_12 ? .array : .single
        case "allOf", "anyOf", "oneOf", "prefixItems":
            return .array
        case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
            return .map
        default:
            return nil
        }
    }
}
