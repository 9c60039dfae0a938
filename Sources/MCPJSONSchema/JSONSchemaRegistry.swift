public import MCPCore

/// Schema documents that `$ref` and `$schema` may name, keyed by absolute URI.
///
/// Validation never touches the network: a reference to a document that is neither in the schema
/// itself nor in the registry is a ``JSONSchemaError/Kind-swift.enum/unresolvableReference`` error.
/// The draft 2020-12 meta-schema (with its vocabulary meta-schemas) and the draft-07 meta-schema
/// are always available.
///
/// ```swift
/// var registry = JSONSchemaRegistry()
/// try registry.register(addressSchema, at: "https://example.com/address.json")
/// let schema = try JSONSchema(personSchema, options: .init(registry: registry))
/// ```
public struct JSONSchemaRegistry: Sendable {
    private var documents: [String: JSONValue] = [:]

    /// A registry holding only the embedded meta-schemas.
    public init() {}

    /// A registry holding `documents`, keyed by absolute URI.
    public init(_ documents: [String: JSONValue]) throws(JSONSchemaError) {
        for (uri, document) in documents { try register(document, at: uri) }
    }

    /// Adds `document` under the absolute `uri` (an empty fragment is ignored).
    ///
    /// The document's own `$id`, if it differs, identifies it too once it is loaded.
    public mutating func register(_ document: JSONValue, at uri: String) throws(JSONSchemaError) {
        documents[try Self.key(for: uri)] = document
    }

    /// Adds `document` under its own top-level `$id`, which must be an absolute URI.
    public mutating func register(_ document: JSONValue) throws(JSONSchemaError) {
        guard let id = document["$id"]?.stringValue else {
            throw JSONSchemaError(.invalidURI, "a document registered without a URI must have a string \"$id\"")
        }
        try register(document, at: id)
    }

    /// The document registered at `uri`, or the embedded meta-schema with that URI.
    public func document(at uri: String) -> JSONValue? {
        guard let key = try? Self.key(for: uri) else { return nil }
        return documents[key] ?? EmbeddedMetaSchemas.documents[key]
    }

    /// The URIs of the documents added to this registry (the embedded meta-schemas are not listed).
    public var registeredURIs: [String] { documents.keys.sorted() }

    /// The normalized form used as a key: absolute, without fragment.
    static func key(for uri: String) throws(JSONSchemaError) -> String {
        guard let reference = URIReference(uri), reference.isAbsolute else {
            throw JSONSchemaError(.invalidURI, "\"\(uri)\" is not an absolute URI")
        }
        if let fragment = reference.fragment, !fragment.isEmpty {
            throw JSONSchemaError(.invalidURI, "a document URI cannot have a fragment: \"\(uri)\"")
        }
        return reference.withoutFragment.description
    }
}
