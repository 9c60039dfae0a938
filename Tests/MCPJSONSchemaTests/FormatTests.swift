import MCPCore
import MCPJSONSchema
import Testing

/// `format` annotates by default and asserts on request.
@Suite("Formats")
struct FormatTests {
    static let emailSchema: JSONValue = ["type": "string", "format": "email"]

    @Test("formats are annotations by default")
    func annotationByDefault() throws {
        let schema = try JSONSchema(Self.emailSchema)
        #expect(try schema.isValid("not an address"))
    }

    @Test("validatesFormats turns formats into assertions")
    func assertion() throws {
        let schema = try JSONSchema(Self.emailSchema, options: .init(validatesFormats: true))
        #expect(try schema.isValid("ada@example.com"))
        let result = try schema.validate("not an address")
        #expect(result.errors.map(\.keyword) == ["format"])
        #expect(result.errors.first?.message == "\"not an address\" is not a valid email")
        // Formats apply to strings only.
        #expect(try JSONSchema(["format": "email"], options: .init(validatesFormats: true)).isValid(42))
    }

    @Test("unknown formats are ignored even when formats are asserted")
    func unknownFormat() throws {
        let schema = try JSONSchema(["format": "x-custom"], options: .init(validatesFormats: true))
        #expect(try schema.isValid("anything"))
    }

    @Test("a meta-schema with the format-assertion vocabulary asserts formats")
    func formatAssertionVocabulary() throws {
        var registry = JSONSchemaRegistry()
        try registry.register([
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.com/format-assertion-meta",
            "$vocabulary": [
                "https://json-schema.org/draft/2020-12/vocab/core": true,
                "https://json-schema.org/draft/2020-12/vocab/validation": true,
                "https://json-schema.org/draft/2020-12/vocab/format-assertion": true,
            ],
        ])
        let schema = try JSONSchema(
            ["$schema": "https://example.com/format-assertion-meta", "format": "ipv4"],
            options: .init(registry: registry)
        )
        #expect(try schema.isValid("192.168.0.1"))
        #expect(try !schema.isValid("192.168.0.256"))
    }

    @Test("each format accepts a valid value and rejects an invalid one", arguments: [
        ("date-time", "2025-06-18T12:30:00.5+02:00", "2025-06-18 12:30:00"),
        ("date", "2024-02-29", "2023-02-29"),
        ("time", "23:59:60Z", "12:00:00"),
        ("duration", "P1Y2M3DT4H5M6S", "P1Y2D"),
        ("email", "\"joe bloggs\"@example.com", "joe..bloggs@example.com"),
        ("idn-email", "실례@실례.테스트", "user＠example.com"),
        ("hostname", "xn--nw2a.example", "-bad.example"),
        ("idn-hostname", "실례.테스트", "a\u{05D0}"),
        ("ipv4", "10.0.0.1", "010.0.0.1"),
        ("ipv6", "::ffff:192.168.0.1", "1::2::3"),
        ("uri", "https://example.com/a?b#c", "/relative"),
        ("uri-reference", "../a#b", "a b"),
        ("iri", "https://例え.jp/パス", "例え"),
        ("iri-reference", "/パス", "\\\\server"),
        ("uri-template", "https://example.com/{id}{?q*}", "{unclosed"),
        ("json-pointer", "/a~1b/0", "a/b"),
        ("relative-json-pointer", "1/a", "/a"),
        ("regex", "^(?<year>\\d{4})$", "(?i)abc"),
        ("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2eb8aa08aa9811eab4aa73b441d16380"),
    ])
    func format(name: String, valid: String, invalid: String) throws {
        let schema = try JSONSchema(["format": .string(name)], options: .init(validatesFormats: true))
        #expect(try schema.isValid(.string(valid)), "\(name) should accept \(valid)")
        #expect(try !schema.isValid(.string(invalid)), "\(name) should reject \(invalid)")
    }
}
