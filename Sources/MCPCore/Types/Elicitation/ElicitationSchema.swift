/// The form of a form-mode elicitation: a flat JSON object schema whose properties are the
/// form's fields.
///
/// The fields keep the order in which the server wrote them, since a form shows them in that
/// order, and re-encode in it. (Order is kept when decoding with ``JSONValueDecoder``; a decoder
/// that does not keep key order, such as Foundation's, yields them in its own order.)
public struct ElicitationSchema: Hashable, Sendable {
    /// The fields, in order.
    public var properties: [Property]
    /// The names of the fields that must be filled in.
    public var required: [String]?
    /// The JSON Schema dialect (`$schema`), if stated (2025-11-25).
    public var schemaURI: String?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// One field of the form.
    public struct Property: Hashable, Sendable {
        /// The field's name: the key of its value in ``ElicitResult/content``.
        public var name: String
        /// The field's schema.
        public var schema: PrimitiveSchemaDefinition

        /// Creates a field.
        public init(name: String, schema: PrimitiveSchemaDefinition) {
            self.name = name
            self.schema = schema
        }
    }

    /// Creates a form schema.
    public init(
        properties: [Property] = [],
        required: [String]? = nil,
        schemaURI: String? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.properties = properties
        self.required = required
        self.schemaURI = schemaURI
        self.additionalFields = additionalFields
    }

    /// The schema of the field named `name`, if there is one.
    public subscript(name: String) -> PrimitiveSchemaDefinition? {
        properties.first { $0.name == name }?.schema
    }

    /// Whether the field named `name` must be filled in.
    public func isRequired(_ name: String) -> Bool {
        required?.contains(name) ?? false
    }
}

extension ElicitationSchema: Codable {
    enum CodingKeys: String, CodingKey {
        case type, properties, required
        case schemaURI = "$schema"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var properties: [Property] = []
        // Tolerate a form without fields that omits the empty `properties` object.
        if container.contains(.properties) {
            let fields = try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .properties)
            for key in fields.allKeys {
                properties.append(Property(name: key.stringValue, schema: try fields.decode(PrimitiveSchemaDefinition.self, forKey: key)))
            }
        }
        self.properties = properties
        required = try container.decodeIfPresent([String].self, forKey: .required)
        schemaURI = try container.decodeIfPresent(String.self, forKey: .schemaURI)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(schemaURI, forKey: .schemaURI)
        try container.encode("object", forKey: .type)
        var fields = container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .properties)
        for property in properties {
            try fields.encode(property.schema, forKey: AnyCodingKey(property.name))
        }
        try container.encodeIfPresent(required, forKey: .required)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
