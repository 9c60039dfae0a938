/// A JSON Schema specification version ("draft") a schema is written in.
///
/// A schema's `$schema` keyword selects its draft; without one, ``JSONSchema/Options/defaultDraft``
/// applies. MCP protocol schemas up to 2025-06-18 are ``draft7``; later ones are ``draft2020_12``.
public enum JSONSchemaDraft: String, Sendable, Hashable, CaseIterable {
    /// Draft-07 (`http://json-schema.org/draft-07/schema#`): `definitions`, `dependencies`,
    /// array-form `items` with `additionalItems`, and `$ref` that hides its sibling keywords.
    case draft7 = "http://json-schema.org/draft-07/schema#"
    /// Draft 2019-09 (`https://json-schema.org/draft/2019-09/schema`): `$recursiveRef`,
    /// array-form `items`, `unevaluated*`. Supported so that references to 2019-09 documents are
    /// processed by their own rules; its meta-schemas are not embedded.
    case draft2019_09 = "https://json-schema.org/draft/2019-09/schema"
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`), the default.
    case draft2020_12 = "https://json-schema.org/draft/2020-12/schema"

    /// The URI of the draft's meta-schema, as `$schema` spells it.
    public var metaSchemaURI: String { rawValue }

    /// The draft whose meta-schema `uri` names, ignoring an empty fragment and `http`/`https`
    /// differences; `nil` for anything else.
    public init?(metaSchemaURI uri: String) {
        var key = uri.hasSuffix("#") ? String(uri.dropLast()) : uri
        if key.hasPrefix("https://") { key = "http://" + key.dropFirst("https://".count) }
        switch key {
        case "http://json-schema.org/draft-07/schema": self = .draft7
        case "http://json-schema.org/draft/2019-09/schema": self = .draft2019_09
        case "http://json-schema.org/draft/2020-12/schema": self = .draft2020_12
        default: return nil
        }
    }
}
