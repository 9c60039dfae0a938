/// The schema of one field of an elicitation form: text, a number, a checkbox, or a single or
/// multiple choice.
///
/// The kind is recognised from the schema's shape (`type`, then `oneOf`, `enum`, `enumNames` or
/// `items`). A shape this SDK does not know is kept as ``unknown(_:)`` with all its members.
public enum PrimitiveSchemaDefinition: Hashable, Sendable {
    /// A text field.
    case string(StringSchema)
    /// A number field.
    case number(NumberSchema)
    /// A checkbox.
    case boolean(BooleanSchema)
    /// A single choice among plain values (2025-11-25).
    case untitledSingleSelect(UntitledSingleSelectEnumSchema)
    /// A single choice among labelled values (2025-11-25).
    case titledSingleSelect(TitledSingleSelectEnumSchema)
    /// A multiple choice among plain values (2025-11-25).
    case untitledMultiSelect(UntitledMultiSelectEnumSchema)
    /// A multiple choice among labelled values (2025-11-25).
    case titledMultiSelect(TitledMultiSelectEnumSchema)
    /// A single choice labelled with `enumNames` (2025-06-18, deprecated).
    case legacyTitledEnum(LegacyTitledEnumSchema)
    /// A field schema this SDK does not know, as received.
    case unknown(JSONObject)

    /// The field's label.
    public var title: String? {
        switch self {
        case .string(let schema): return schema.title
        case .number(let schema): return schema.title
        case .boolean(let schema): return schema.title
        case .untitledSingleSelect(let schema): return schema.title
        case .titledSingleSelect(let schema): return schema.title
        case .untitledMultiSelect(let schema): return schema.title
        case .titledMultiSelect(let schema): return schema.title
        case .legacyTitledEnum(let schema): return schema.title
        case .unknown(let object): return object["title"]?.stringValue
        }
    }

    /// The field's help text.
    public var description: String? {
        switch self {
        case .string(let schema): return schema.description
        case .number(let schema): return schema.description
        case .boolean(let schema): return schema.description
        case .untitledSingleSelect(let schema): return schema.description
        case .titledSingleSelect(let schema): return schema.description
        case .untitledMultiSelect(let schema): return schema.description
        case .titledMultiSelect(let schema): return schema.description
        case .legacyTitledEnum(let schema): return schema.description
        case .unknown(let object): return object["description"]?.stringValue
        }
    }

    /// The choices of a choice field, each with the label to show (a plain value is its own
    /// label); `nil` for other fields.
    public var options: [EnumOption]? {
        switch self {
        case .untitledSingleSelect(let schema):
            return schema.values.map { EnumOption(value: $0, title: $0) }
        case .titledSingleSelect(let schema):
            return schema.options
        case .untitledMultiSelect(let schema):
            return schema.values.map { EnumOption(value: $0, title: $0) }
        case .titledMultiSelect(let schema):
            return schema.options
        case .legacyTitledEnum(let schema):
            let names = schema.enumNames ?? []
            return schema.values.enumerated().map { index, value in
                EnumOption(value: value, title: index < names.count ? names[index] : value)
            }
        case .string, .number, .boolean, .unknown:
            return nil
        }
    }

    /// Whether the field takes several values (an array of strings).
    public var allowsMultipleValues: Bool {
        switch self {
        case .untitledMultiSelect, .titledMultiSelect: return true
        default: return false
        }
    }
}

extension PrimitiveSchemaDefinition: Codable {
    enum CodingKeys: String, CodingKey {
        case type, oneOf, items, enumNames
        case values = "enum"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // `type` may legitimately be something other than a string in JSON Schema (an array of
        // types); such a schema is simply not one this SDK models.
        let type = try container.decodeIfPresent(JSONValue.self, forKey: .type)?.stringValue
        switch type {
        case "string":
            if container.contains(.oneOf) {
                self = .titledSingleSelect(try TitledSingleSelectEnumSchema(from: decoder))
            } else if container.contains(.values) {
                if container.contains(.enumNames) {
                    self = .legacyTitledEnum(try LegacyTitledEnumSchema(from: decoder))
                } else {
                    self = .untitledSingleSelect(try UntitledSingleSelectEnumSchema(from: decoder))
                }
            } else {
                self = .string(try StringSchema(from: decoder))
            }
        case "number", "integer":
            self = .number(try NumberSchema(from: decoder))
        case "boolean":
            self = .boolean(try BooleanSchema(from: decoder))
        case "array":
            let items = try container.decodeIfPresent(JSONValue.self, forKey: .items)
            if items?["anyOf"] != nil {
                self = .titledMultiSelect(try TitledMultiSelectEnumSchema(from: decoder))
            } else if items?["enum"] != nil {
                self = .untitledMultiSelect(try UntitledMultiSelectEnumSchema(from: decoder))
            } else {
                self = .unknown(try JSONObject(from: decoder))
            }
        default:
            self = .unknown(try JSONObject(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let schema): try schema.encode(to: encoder)
        case .number(let schema): try schema.encode(to: encoder)
        case .boolean(let schema): try schema.encode(to: encoder)
        case .untitledSingleSelect(let schema): try schema.encode(to: encoder)
        case .titledSingleSelect(let schema): try schema.encode(to: encoder)
        case .untitledMultiSelect(let schema): try schema.encode(to: encoder)
        case .titledMultiSelect(let schema): try schema.encode(to: encoder)
        case .legacyTitledEnum(let schema): try schema.encode(to: encoder)
        case .unknown(let object): try object.encode(to: encoder)
        }
    }
}
