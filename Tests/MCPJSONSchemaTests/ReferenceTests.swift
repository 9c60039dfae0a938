import MCPCore
import MCPJSONSchema
import Testing

/// `$ref` resolution: inside the schema, through the registry, never over the network.
@Suite("References and registry")
struct ReferenceTests {
    static func kind(of body: () throws -> Void) -> JSONSchemaError.Kind? {
        do {
            try body()
            return nil
        } catch let error as JSONSchemaError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test("a remote reference is refused, not fetched")
    func networkReferenceRefused() {
        do {
            _ = try JSONSchema(["$ref": "https://example.com/schemas/address.json"])
            Issue.record("compiled a schema whose reference cannot be resolved")
        } catch {
            #expect(error.kind == .unresolvableReference)
            #expect(error.message.contains("https://example.com/schemas/address.json"))
            #expect(error.message.contains("never fetched"))
            #expect(error.schemaLocation == "#/$ref")
        }
    }

    @Test("registered documents resolve, relative to the referring schema's base")
    func registry() throws {
        var registry = JSONSchemaRegistry()
        try registry.register(["type": "object", "required": ["city"]], at: "https://example.com/schemas/address.json")
        try registry.register(["$id": "https://example.com/schemas/name.json", "type": "string", "minLength": 1])
        #expect(registry.registeredURIs == ["https://example.com/schemas/address.json", "https://example.com/schemas/name.json"])
        let schema = try JSONSchema(
            ["properties": ["home": ["$ref": "address.json"], "name": ["$ref": "name.json"]]],
            options: .init(registry: registry, baseURI: "https://example.com/schemas/person.json")
        )
        #expect(try schema.isValid(["home": ["city": "Paris"], "name": "Ada"]))
        let result = try schema.validate(["home": [:], "name": ""])
        #expect(result.errors.map(\.schemaLocation) == [
            "https://example.com/schemas/address.json#/required",
            "https://example.com/schemas/name.json#/minLength",
        ])
    }

    @Test("registry keys must be absolute URIs")
    func registryKeys() {
        var registry = JSONSchemaRegistry()
        #expect(Self.kind { try registry.register(true, at: "relative.json") } == .invalidURI)
        #expect(Self.kind { try registry.register(true, at: "https://example.com/a#frag") } == .invalidURI)
        #expect(Self.kind { try registry.register(["type": "string"]) } == .invalidURI)
        #expect(registry.document(at: "https://json-schema.org/draft/2020-12/schema") != nil)
    }

    @Test("subschemas by pointer and anchor share the compiled document")
    func subschemas() throws {
        let schema = try JSONSchema([
            "$defs": [
                "a/b": ["type": "integer"],
                "percent%": ["type": "string"],
                "named": ["$anchor": "item", "type": "boolean"],
            ],
        ])
        #expect(try schema.subschema("#/$defs/a~1b").isValid(1))
        #expect(try !schema.validate("x", against: "#/$defs/a~1b").isValid)
        #expect(try schema.subschema("#/$defs/percent%25").isValid("x"))
        #expect(try schema.subschema("#item").isValid(true))
        #expect(try !schema.subschema("#item").isValid(1))
        #expect(Self.kind { _ = try schema.subschema("#/$defs/missing") } == .unresolvableReference)
        #expect(Self.kind { _ = try schema.subschema("#nowhere") } == .unresolvableReference)
        #expect(Self.kind { _ = try schema.validate(1, against: "https://elsewhere.example/") } == .unresolvableReference)
    }

    @Test("schemas can be checked against the embedded 2020-12 meta-schema")
    func metaSchemaValidation() throws {
        let metaSchema = try JSONSchema(["$ref": "https://json-schema.org/draft/2020-12/schema"])
        #expect(try metaSchema.isValid(["type": "object", "properties": ["a": ["type": "string"]], "unevaluatedProperties": false]))
        let result = try metaSchema.validate(["type": "object", "properties": ["a": ["minLength": "three"]]])
        #expect(result.errors.map(\.instanceLocation) == ["/properties/a/minLength"])
        #expect(try !metaSchema.isValid(["$defs": ["x": ["type": 7]]]))
    }

    @Test("unknown meta-schemas, required unknown vocabularies and malformed schemas are compile errors")
    func compileErrors() throws {
        #expect(Self.kind { _ = try JSONSchema(["$schema": "https://example.com/my-meta"]) } == .unknownMetaSchema)
        var registry = JSONSchemaRegistry()
        try registry.register([
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$vocabulary": ["https://example.com/vocab/magic": true],
        ], at: "https://example.com/my-meta")
        #expect(Self.kind { _ = try JSONSchema(["$schema": "https://example.com/my-meta"], options: .init(registry: registry)) } == .unsupportedVocabulary)
        #expect(Self.kind { _ = try JSONSchema(["minLength": "3"]) } == .invalidSchema)
        #expect(Self.kind { _ = try JSONSchema(["type": "strnig"]) } == .invalidSchema)
        #expect(Self.kind { _ = try JSONSchema(["required": true]) } == .invalidSchema)
        #expect(Self.kind { _ = try JSONSchema(["properties": ["a": 5]]) } == .invalidSchema)
        #expect(Self.kind { _ = try JSONSchema(["pattern": "(unclosed"]) } == .invalidPattern)
        #expect(Self.kind { _ = try JSONSchema(["pattern": "\\p{Script=Greek}"]) } == .invalidPattern)
        #expect(Self.kind { _ = try JSONSchema(["$ref": "#/$defs/none"]) } == .unresolvableReference)
        #expect(Self.kind { _ = try JSONSchema(true, options: .init(baseURI: "relative")) } == .invalidURI)
    }

    @Test("a compiled schema is shared by concurrent validations")
    func concurrentUse() async throws {
        let schema = try JSONSchema(["type": "object", "properties": ["n": ["type": "integer", "multipleOf": 2]], "required": ["n"]])
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask { (try? schema.isValid(["n": .int(index)])) ?? false }
            }
            var valid = 0
            for await result in group where result { valid += 1 }
            return valid
        }
        #expect(results == 32)
    }
}
