/// A tool the server offers: its name, description and the JSON Schemas of its input and output.
public struct Tool: Hashable, Sendable {
    /// The programmatic name, used to call the tool.
    public var name: String
    /// A name for people to read.
    public var title: String?
    /// What the tool does, for the model.
    public var description: String?
    /// The JSON Schema of the tool's arguments (always `"type": "object"` at the root).
    public var inputSchema: JSONObject
    /// The JSON Schema of the tool's `structuredContent`, if the tool declares one.
    public var outputSchema: JSONObject?
    /// Hints about the tool's behaviour. Hints only: never trust them from an untrusted server.
    public var annotations: ToolAnnotations?
    /// How the tool may be executed (2025-11-25).
    public var execution: ToolExecution?
    /// Icons to show for the tool.
    public var icons: [Icon]?
    /// Metadata (`_meta`).
    public var meta: JSONObject?
    /// Members this SDK does not model, kept so they re-encode unchanged.
    public var additionalFields: JSONObject

    /// Creates a tool.
    public init(
        name: String,
        title: String? = nil,
        description: String? = nil,
        inputSchema: JSONObject = ["type": "object"],
        outputSchema: JSONObject? = nil,
        annotations: ToolAnnotations? = nil,
        execution: ToolExecution? = nil,
        icons: [Icon]? = nil,
        meta: JSONObject? = nil,
        additionalFields: JSONObject = [:]
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.annotations = annotations
        self.execution = execution
        self.icons = icons
        self.meta = meta
        self.additionalFields = additionalFields
    }

    /// The name to show people: ``title``, else the annotations' title, else ``name``.
    public var displayName: String { title ?? annotations?.title ?? name }
}

extension Tool: Codable {
    enum CodingKeys: String, CodingKey {
        case name, title, description, inputSchema, outputSchema, annotations, execution, icons
        case meta = "_meta"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        inputSchema = try container.decode(JSONObject.self, forKey: .inputSchema)
        outputSchema = try container.decodeIfPresent(JSONObject.self, forKey: .outputSchema)
        annotations = try container.decodeIfPresent(ToolAnnotations.self, forKey: .annotations)
        execution = try container.decodeIfPresent(ToolExecution.self, forKey: .execution)
        icons = try container.decodeIfPresent([Icon].self, forKey: .icons)
        meta = try container.decodeIfPresent(JSONObject.self, forKey: .meta)
        additionalFields = try decoder.additionalFields(excluding: CodingKeys.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(inputSchema, forKey: .inputSchema)
        try container.encodeIfPresent(outputSchema, forKey: .outputSchema)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encodeIfPresent(execution, forKey: .execution)
        try container.encodeIfPresent(icons, forKey: .icons)
        try container.encodeIfPresent(meta, forKey: .meta)
        try encoder.encodeAdditionalFields(additionalFields, excluding: CodingKeys.self)
    }
}
