import MCPCore
import MCPJSONSchema
import Testing

/// Errors name the instance location, the keyword, its schema location, and say what is wrong.
@Suite("Error reporting")
struct ErrorReportingTests {
    static let person: JSONValue = [
        "type": "object",
        "required": ["name", "tags"],
        "properties": [
            "name": ["type": "string", "minLength": 2],
            "age": ["type": "integer", "minimum": 0],
            "tags": ["type": "array", "items": ["type": "string", "pattern": "^[a-z]+$"], "uniqueItems": true],
            "a/b~c": ["const": 1],
        ],
        "additionalProperties": false,
    ]

    @Test("every failure is listed with its locations")
    func allErrors() throws {
        let schema = try JSONSchema(Self.person)
        let result = try schema.validate(["name": "A", "age": -1, "tags": ["ok", "Not OK", "ok"], "a/b~c": 2, "extra": true])
        let summary = result.errors.map { "\($0.instanceLocation) \($0.keyword) \($0.schemaLocation)" }
        #expect(summary == [
            "/name minLength #/properties/name/minLength",
            "/age minimum #/properties/age/minimum",
            "/tags uniqueItems #/properties/tags/uniqueItems",
            "/tags/1 pattern #/properties/tags/items/pattern",
            "/a~1b~0c const #/properties/a~1b~0c/const",
            "/extra additionalProperties #/additionalProperties",
        ])
        #expect(result.errors.map(\.message) == [
            "string is 1 characters long; at least 2 required",
            "-1 must be at least 0",
            "items 0 and 2 are equal; items must be unique",
            "string does not match the pattern ^[a-z]+$",
            "value must be 1",
            "property \"extra\" is not allowed",
        ])
        #expect(result.errors[0].description == "/name: string is 1 characters long; at least 2 required (keyword minLength at #/properties/name/minLength)")
    }

    @Test("a missing property is reported at the object")
    func required() throws {
        let result = try JSONSchema(Self.person).validate(["name": "Al"])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "")
        #expect(result.errors.first?.message == "required property \"tags\" is missing")
        #expect(result.description == "(root): required property \"tags\" is missing (keyword required at #/required)")
    }

    @Test("stopsAtFirstError reports one error")
    func firstErrorOnly() throws {
        let schema = try JSONSchema(Self.person, options: .init(stopsAtFirstError: true))
        let result = try schema.validate(["name": 1, "age": "x", "tags": 3])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "/name")
        #expect(try !schema.isValid(["name": 1]))
    }

    @Test("maximumErrorCount caps the list")
    func errorCap() throws {
        let schema = try JSONSchema(["items": ["type": "string"]], options: .init(limits: .init(maximumErrorCount: 3)))
        let result = try schema.validate(.array(Array(repeating: 1, count: 50)))
        #expect(result.errors.map(\.instanceLocation) == ["/0", "/1", "/2"])
    }

    @Test("errors inside $ref point at the referenced definition, resolved against $id")
    func referencedLocation() throws {
        let schema = try JSONSchema([
            "$id": "https://example.com/schemas/order.json",
            "type": "object",
            "properties": ["lines": ["type": "array", "items": ["$ref": "#/$defs/line"]]],
            "$defs": ["line": ["type": "object", "properties": ["quantity": ["type": "integer", "exclusiveMinimum": 0]]]],
        ])
        let result = try schema.validate(["lines": [["quantity": 2], ["quantity": 0]]])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "/lines/1/quantity")
        #expect(result.errors.first?.schemaLocation == "https://example.com/schemas/order.json#/$defs/line/properties/quantity/exclusiveMinimum")
        #expect(result.errors.first?.message == "0 must be greater than 0")
    }

    @Test("alternatives that all fail are reported once, at the value")
    func alternatives() throws {
        let schema = try JSONSchema(["properties": ["id": ["anyOf": [["type": "string"], ["type": "integer"]]], "kind": ["oneOf": [["minimum": 0], ["maximum": 10]]]]])
        let result = try schema.validate(["id": 1.5, "kind": 5])
        #expect(result.errors.map(\.keyword) == ["anyOf", "oneOf"])
        #expect(result.errors.map(\.message) == [
            "value does not match any of the 2 schemas in anyOf",
            "value matches more than one schema in oneOf (indexes 0 and 1)",
        ])
    }

    @Test("not, if/then/else, contains, dependentRequired and false schemas")
    func otherKeywords() throws {
        let schema = try JSONSchema([
            "properties": [
                "a": ["not": ["type": "null"]],
                "b": ["if": ["type": "string"], "then": ["maxLength": 1], "else": ["type": "integer"]],
                "c": ["contains": ["const": "x"], "maxContains": 1],
                "d": false,
                "e": ["type": ["string", "null"]],
            ],
            "dependentRequired": ["a": ["z"]],
        ])
        let result = try schema.validate(["a": nil, "b": "long", "c": ["x", "x"], "d": 0, "e": 1])
        #expect(result.errors.map { "\($0.instanceLocation) \($0.keyword): \($0.message)" } == [
            " dependentRequired: property \"z\" is required when \"a\" is present",
            "/a not: value must not match the schema in not",
            "/b maxLength: string is 4 characters long; at most 1 allowed",
            "/c maxContains: array contains 2 items matching the contains schema; at most 1 allowed",
            "/d properties: property \"d\" is not allowed",
            "/e type: expected string or null, found integer",
        ])
        #expect(try schema.validate(["c": []]).errors.first?.message == "array contains no item matching the contains schema")
        let rejectAll = try JSONSchema(false).validate(1)
        #expect(rejectAll.errors.first?.keyword == "false")
        #expect(rejectAll.errors.first?.schemaLocation == "#")
    }

    @Test("string lengths count code points")
    func codePoints() throws {
        let schema = try JSONSchema(["maxLength": 2, "minLength": 2])
        #expect(try schema.isValid("🐲🐉"))  // two code points, four UTF-16 units
        #expect(try !schema.isValid("e\u{301}x"))  // three code points, two characters
    }

    @Test("the error list of a valid instance is empty")
    func valid() throws {
        let result = try JSONSchema(Self.person).validate(["name": "Ada", "tags": ["x"]])
        #expect(result.isValid)
        #expect(result.errors.isEmpty)
        #expect(result.description == "valid")
    }
}
