import MCPCore
import MCPJSONSchema
import Testing

/// Draft-07 schemas follow draft-07 rules, selected by `$schema` or `defaultDraft`.
@Suite("Draft-07")
struct Draft07Tests {
    static let draft7 = "http://json-schema.org/draft-07/schema#"

    @Test("$schema selects the draft, and defaultDraft applies without it")
    func selection() throws {
        #expect(try JSONSchema(["$schema": .string(Self.draft7)]).draft == .draft7)
        #expect(try JSONSchema([:]).draft == .draft2020_12)
        #expect(try JSONSchema([:], options: .init(defaultDraft: .draft7)).draft == .draft7)
        #expect(JSONSchemaDraft(metaSchemaURI: "http://json-schema.org/draft-07/schema") == .draft7)
        #expect(JSONSchemaDraft(metaSchemaURI: "https://json-schema.org/draft/2020-12/schema#") == .draft2020_12)
    }

    @Test("keywords beside $ref are ignored in draft-07 but apply in 2020-12")
    func refSiblings() throws {
        let body: [(String, JSONValue)] = [
            ("definitions", ["any": true]),
            ("$ref", "#/definitions/any"),
            ("type", "string"),
        ]
        var draft7 = JSONObject(body)
        draft7["$schema"] = .string(Self.draft7)
        #expect(try JSONSchema(.object(draft7)).isValid(42))
        #expect(try !JSONSchema(.object(JSONObject(body))).isValid(42))
    }

    @Test("array-form items and additionalItems")
    func itemsArray() throws {
        let schema = try JSONSchema([
            "$schema": .string(Self.draft7),
            "items": [["type": "string"], ["type": "integer"]],
            "additionalItems": false,
        ])
        #expect(try schema.isValid(["a", 1]))
        #expect(try !schema.isValid([1, "a"]))
        let tooMany = try schema.validate(["a", 1, true])
        #expect(tooMany.errors.map(\.keyword) == ["additionalItems"])
        #expect(tooMany.errors.first?.message == "array has 3 items; at most 2 allowed")
        // In 2020-12 an array is not a valid "items"; it is "prefixItems".
        #expect(throws: JSONSchemaError.self) { _ = try JSONSchema(["items": [["type": "string"]]]) }
    }

    @Test("dependencies, definitions and $id anchors")
    func draft7Keywords() throws {
        let schema = try JSONSchema([
            "$schema": .string(Self.draft7),
            "definitions": ["positive": ["$id": "#positive", "type": "integer", "minimum": 1]],
            "properties": ["count": ["$ref": "#positive"]],
            "dependencies": ["card": ["billing"], "name": ["required": ["first"]]],
        ])
        #expect(try schema.isValid(["count": 3, "card": 1, "billing": "x"]))
        #expect(try !schema.isValid(["count": 0]))
        #expect(try !schema.isValid(["card": 1]))
        #expect(try !schema.isValid(["name": "x"]))
        #expect(try schema.validate(["card": 1]).errors.first?.keyword == "dependencies")
    }

    @Test("2019-09 and 2020-12 keywords mean nothing in draft-07")
    func newerKeywordsIgnored() throws {
        let schema = try JSONSchema([
            "$schema": .string(Self.draft7),
            "prefixItems": [false],
            "unevaluatedProperties": false,
            "dependentRequired": ["a": ["b"]],
            "$defs": ["x": ["type": "string"]],
        ])
        #expect(try schema.isValid([1]))
        #expect(try schema.isValid(["a": 1]))
    }

    @Test("references to the draft-07 meta-schema resolve offline")
    func metaSchema() throws {
        let schema = try JSONSchema(["$schema": .string(Self.draft7), "$ref": "http://json-schema.org/draft-07/schema#"])
        #expect(try schema.isValid(["type": "string", "minLength": 1]))
        #expect(try !schema.isValid(["type": "strin"]))
        #expect(try !schema.isValid(["minLength": -1]))
    }
}
