import MCPCore
import MCPJSONSchema
import Testing

/// `pattern` runs ECMA-262 regular expressions on the module's own bounded matcher.
@Suite("Patterns")
struct PatternTests {
    static func matches(_ pattern: String, _ string: String) throws -> Bool {
        try JSONSchema(["pattern": .string(pattern)]).isValid(.string(string))
    }

    @Test("ECMA-262 meanings, not those of other dialects", arguments: [
        ("^\\d+$", "42", true),
        ("^\\d+$", "٤٢", false),  // Arabic-Indic digits are not \d
        ("^abc$", "abc\n", false),  // $ is the end of the input only
        ("^.$", "\n", false),  // . stops at line terminators
        ("^[^]$", "\n", true),
        ("^[]$", "", false),
        ("^\\w+$", "café", false),  // \w is ASCII
        ("^\\s$", "\u{FEFF}", true),
        ("^\\p{L}+$", "café", true),
        ("^\\P{L}+$", "123", true),
        ("^[\\p{Lu}\\d]+$", "A1B2", true),
        ("\\bcat\\b", "a cat here", true),
        ("\\bcat\\b", "concatenate", false),
        ("^\\u{1F432}\\ud83d\\udc09$", "🐲🐉", true),
        ("^\\cJ$", "\n", true),
        ("^[a-z\\-_]+$", "a-b_c", true),  // identity escapes browsers accept
        ("colou?r", "The colour", true),
    ])
    func semantics(pattern: String, string: String, expected: Bool) throws {
        #expect(try Self.matches(pattern, string) == expected, "\(pattern) on \(string)")
    }

    @Test("groups, backreferences, lookaround and laziness")
    func features() throws {
        #expect(try Self.matches("^(a|b)\\1$", "aa"))
        #expect(try !Self.matches("^(a|b)\\1$", "ab"))
        #expect(try Self.matches("^(?<q>['\"]).*\\k<q>$", "'quoted'"))
        #expect(try !Self.matches("^(?<q>['\"]).*\\k<q>$", "'mixed\""))
        #expect(try Self.matches("^(?=.*\\d)(?=.*[a-z]).{8,}$", "passw0rdx"))
        #expect(try !Self.matches("^(?=.*\\d)(?=.*[a-z]).{8,}$", "password"))
        #expect(try Self.matches("(?<=\\$)\\d+", "cost: $42"))
        #expect(try !Self.matches("(?<!\\$)\\b\\d+", "$42"))
        #expect(try Self.matches("^a{2,3}?b$", "aaab"))
        #expect(try Self.matches("^(a*)*b$", "aaab"))  // an empty-matching loop body ends the loop
        #expect(try !Self.matches("^x{3}$", "xx"))
    }

    @Test("catastrophic backtracking stops with a typed error, quickly")
    func catastrophicBacktracking() throws {
        let schema = try JSONSchema(["pattern": "^(a+)+$"])
        let clock = ContinuousClock()
        var thrown: JSONSchemaError?
        let elapsed = clock.measure {
            do {
                _ = try schema.validate(.string(String(repeating: "a", count: 40) + "!"))
            } catch {
                thrown = error as? JSONSchemaError
            }
        }
        #expect(thrown?.kind == .patternStepsExceeded)
        #expect(thrown?.schemaLocation == "#")
        #expect(elapsed < .seconds(20), "took \(elapsed)")
        // The same pattern on a short string is answered normally.
        #expect(try schema.isValid("aaaa"))
        #expect(try !schema.isValid("aab!"))
    }

    @Test("patternProperties and additionalProperties share the bounded matcher")
    func hostilePatternProperties() throws {
        let schema = try JSONSchema(
            ["patternProperties": ["^(x+x+)+y$": true], "additionalProperties": false],
            options: .init(limits: .init(maximumPatternSteps: 10_000))
        )
        #expect(try schema.isValid(["xxy": 1]))
        #expect(throws: JSONSchemaError.self) { _ = try schema.isValid([.init(stringLiteral: String(repeating: "x", count: 64)): 1]) }
    }

    @Test("linear patterns finish on long strings")
    func longString() throws {
        let schema = try JSONSchema(["pattern": "^[A-Za-z0-9+/]*={0,2}$"])
        #expect(try schema.isValid(.string(String(repeating: "QUJD", count: 250_000))))
    }

    @Test("patterns are checked when the schema compiles", arguments: ["(unclosed", "a{2,1}", "[z-a]", "\\p{Script=Greek}", "(?<n>a)(?<n>b)", "\\2(a)", "*a"])
    func invalidPatterns(pattern: String) {
        #expect {
            _ = try JSONSchema(["pattern": .string(pattern)])
        } throws: { error in
            (error as? JSONSchemaError)?.kind == .invalidPattern
        }
    }

    @Test("deeply nested groups are refused rather than parsed recursively")
    func deepGroups() {
        let pattern = String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000)
        #expect(throws: JSONSchemaError.self) { _ = try JSONSchema(["pattern": .string(pattern)]) }
    }
}
