import MCPCore

/// The meta-schemas every ``JSONSchemaRegistry`` knows without being told, parsed once on first use.
enum EmbeddedMetaSchemas {
    /// Parsed documents keyed by their normalized URI.
    static let documents: [String: JSONValue] = {
        var documents: [String: JSONValue] = [:]
        for (uri, text) in Draft202012MetaSchemas.documents + [Draft07MetaSchema.document] {
            // The texts are fixed literals covered by tests; a parse failure would only drop that
            // document (its references would then report "unresolvable"), never crash.
            if let value = try? JSONValue(parsing: text) { documents[uri] = value }
        }
        return documents
    }()
}
