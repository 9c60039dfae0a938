import Foundation
import MCPCore
import MCPJSONSchema
import Testing

/// The MCP protocol's own schemas compile, and the specification's examples validate against them.
@Suite("MCP protocol schemas")
struct MCPProtocolSchemaTests {
    static let versions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"]

    static func schema(_ version: String) throws -> JSONSchema {
        try JSONSchema(SharedFixtures.json(at: SharedFixtures.url("spec/\(version)/schema.json")))
    }

    @Test("each protocol schema compiles, in its own draft", arguments: versions)
    func compiles(version: String) throws {
        let schema = try Self.schema(version)
        // Up to 2025-06-18 the schemas are draft-07 with "definitions"; later ones 2020-12 with "$defs".
        let isDraft7 = version <= "2025-06-18"
        #expect(schema.draft == (isDraft7 ? .draft7 : .draft2020_12))
        let definitions = isDraft7 ? "definitions" : "$defs"
        let document = try SharedFixtures.json(at: SharedFixtures.url("spec/\(version)/schema.json"))
        let names = document[definitions]?.objectValue?.keys ?? []
        #expect(!names.isEmpty)
        for name in names {
            // Every definition is addressable without recompiling.
            _ = try schema.subschema("#/\(definitions)/\(name)")
        }
    }

    @Test("every 2026-07-28 example validates against its definition")
    func examplesValidate() throws {
        let schema = try Self.schema("2026-07-28")
        let examples = try SharedFixtures.url("spec/2026-07-28/examples")
        let definitions = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        var count = 0
        for definition in definitions {
            let folder = examples.appendingPathComponent(definition)
            let definitionSchema = try schema.subschema("#/$defs/\(definition)")
            for file in try SharedFixtures.jsonFiles(in: folder, recursive: false) {
                let result = try definitionSchema.validate(SharedFixtures.json(at: file))
                #expect(result.isValid, "\(definition)/\(file.lastPathComponent): \(result)")
                // The by-reference entry point agrees.
                #expect(try schema.validate(SharedFixtures.json(at: file), against: "#/$defs/\(definition)") == result)
                count += 1
            }
        }
        #expect(count > 50, "expected the specification's examples, found \(count)")
    }

    @Test("a content block of an unknown type is rejected, with its location")
    func wrongContentType() throws {
        let schema = try Self.schema("2026-07-28")
        let result = try schema.validate(
            ["resultType": "complete", "content": [["type": "text", "text": "ok"], ["type": "txt", "text": "oops"]]],
            against: "#/$defs/CallToolResult"
        )
        #expect(!result.isValid)
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.instanceLocation == "/content/1")
        #expect(error.keyword == "anyOf")
        #expect(error.schemaLocation == "#/$defs/ContentBlock/anyOf")
    }

    @Test("a text block whose text is not a string is rejected")
    func wrongTextType() throws {
        let schema = try Self.schema("2026-07-28").subschema("#/$defs/TextContent")
        let result = try schema.validate(["type": "text", "text": 42])
        #expect(result.errors.map(\.instanceLocation) == ["/text"])
        #expect(result.errors.first?.keyword == "type")
        #expect(result.errors.first?.message == "expected string, found integer")
    }

    @Test("a result missing a required member is rejected")
    func missingRequired() throws {
        let schema = try Self.schema("2026-07-28")
        let result = try schema.validate(["content": []], against: "#/$defs/CallToolResult")
        #expect(result.errors.map(\.keyword) == ["required"])
        #expect(result.errors.first?.message == "required property \"resultType\" is missing")
        #expect(result.errors.first?.schemaLocation == "#/$defs/CallToolResult/required")
    }

    @Test("draft-07 protocol schemas validate too")
    func draft7Schema() throws {
        let schema = try Self.schema("2025-06-18")
        #expect(try schema.validate(["content": [["type": "text", "text": "hi"]]], against: "#/definitions/CallToolResult").isValid)
        let invalid = try schema.validate(["content": [["type": "image", "data": "x"]]], against: "#/definitions/CallToolResult")
        #expect(invalid.errors.map(\.instanceLocation) == ["/content/0"])
    }
}
