import MCPCore
import MCPJSONSchema
import Testing

/// Draft 2019-09 documents (reached by `$ref` or `$schema`) keep their own rules.
@Suite("Draft 2019-09")
struct Draft201909Tests {
    static let draft = "https://json-schema.org/draft/2019-09/schema"

    @Test("$recursiveRef extends a recursive schema")
    func recursiveReference() throws {
        var registry = JSONSchemaRegistry()
        try registry.register([
            "$schema": .string(Self.draft),
            "$id": "https://example.com/tree.json",
            "$recursiveAnchor": true,
            "type": "object",
            "properties": ["data": true, "children": ["type": "array", "items": ["$recursiveRef": "#"]]],
        ])
        let strictTree = try JSONSchema([
            "$schema": .string(Self.draft),
            "$id": "https://example.com/strict-tree.json",
            "$recursiveAnchor": true,
            "$ref": "tree.json",
            "unevaluatedProperties": false,
        ], options: .init(registry: registry))
        #expect(strictTree.draft == .draft2019_09)
        #expect(try strictTree.isValid(["children": [["data": 1, "children": []]]]))
        // The misspelt member is two levels down: only the dynamic reference carries the strictness there.
        let result = try strictTree.validate(["children": [["daat": 1]]])
        #expect(result.errors.map(\.instanceLocation) == ["/children/0/daat"])
        #expect(result.errors.map(\.keyword) == ["unevaluatedProperties"])
    }

    @Test("2020-12-only keywords are ignored and array-form items applies")
    func keywordSet() throws {
        let schema = try JSONSchema([
            "$schema": .string(Self.draft),
            "prefixItems": [["type": "string"]],
            "items": [["type": "integer"]],
            "additionalItems": ["type": "boolean"],
        ])
        #expect(try schema.isValid([1, true, false]))
        #expect(try !schema.isValid(["a"]))
        #expect(try !schema.isValid([1, 2]))
    }
}
