import MCPCore
import MCPJSONSchema
import Testing

/// Hostile schemas and instances stop with a typed error, quickly, instead of crashing or hanging.
@Suite("Limits")
struct LimitTests {
    /// `{"allOf": [{"allOf": [ … ]}]}`, `levels` deep.
    static func nestedAllOf(_ levels: Int) -> JSONValue {
        var schema: JSONValue = ["type": "integer"]
        for _ in 0..<levels { schema = ["allOf": [schema]] }
        return schema
    }

    @Test("a hostile schema nesting depth is refused at compile time")
    func tooDeepSchema() {
        #expect {
            _ = try JSONSchema(Self.nestedAllOf(1_000))
        } throws: { error in
            (error as? JSONSchemaError)?.kind == .schemaTooDeep
        }
    }

    @Test("a deeply nested schema stops evaluating at the depth limit")
    func deepSchema() throws {
        let schema = try JSONSchema(Self.nestedAllOf(500))
        #expect {
            _ = try schema.validate(1)
        } throws: { error in
            (error as? JSONSchemaError)?.kind == .evaluationDepthExceeded
        }
        // Within the limit the same shape evaluates normally.
        let shallow = try JSONSchema(Self.nestedAllOf(50))
        #expect(try shallow.isValid(1))
        #expect(try !shallow.isValid("x"))
    }

    @Test("the subschema count is bounded at compile time")
    func tooManySubschemas() {
        #expect {
            let wide: JSONValue = ["properties": .object(JSONObject((0..<2_000).map { ("p\($0)", ["type": "string"] as JSONValue) }))]
            _ = try JSONSchema(wide, options: .init(limits: .init(maximumSubschemaCount: 1_000)))
        } throws: { error in
            (error as? JSONSchemaError)?.kind == .tooManySubschemas
        }
    }

    @Test("a $ref that loops without consuming the instance is a reference cycle", arguments: [
        ["$ref": "#"] as JSONValue,
        ["$defs": ["a": ["$ref": "#/$defs/b"], "b": ["allOf": [["$ref": "#/$defs/a"]]]], "$ref": "#/$defs/a"],
        ["$defs": ["a": ["anyOf": [["type": "string"], ["$ref": "#/$defs/a"]]]], "$ref": "#/$defs/a"],
    ])
    func referenceCycle(schemaValue: JSONValue) throws {
        let schema = try JSONSchema(schemaValue)
        var thrown: JSONSchemaError?
        do {
            _ = try schema.validate(42)
        } catch {
            thrown = error
        }
        #expect(thrown?.kind == .referenceCycle)
        #expect(thrown?.instanceLocation == "")
        #expect(thrown?.message.contains("without consuming any of the instance") == true)
    }

    /// The stack guard for tests about another limit. Under AddressSanitizer, redzones make each
    /// evaluation frame about 4 KB (twice a debug build's), so the default 256 KiB guard stops
    /// evaluation near 62 levels, before the limit such a test is about; there it gets 1 MiB (these
    /// tests nest at most about 120 levels, 0.5 MB). The guard itself is tested below, unchanged.
    static let stackUsage = TestSanitizer.isAddress ? 1 << 20 : JSONSchema.Limits().maximumStackUsage

    @Test("recursion that consumes the instance is not a cycle")
    func recursionThroughInstance() throws {
        let tree = try JSONSchema([
            "$defs": ["node": ["type": "object", "properties": ["children": ["type": "array", "items": ["$ref": "#/$defs/node"]]]]],
            "$ref": "#/$defs/node",
        ], options: .init(limits: .init(maximumStackUsage: Self.stackUsage)))
        var instance: JSONValue = [:]
        for _ in 0..<20 { instance = ["children": [instance, [:]]] }
        #expect(try tree.isValid(instance))
    }

    @Test("an exponential anyOf blow-up stops at the step limit, quickly")
    func exponentialAnyOf() throws {
        // Level i tries level i+1 twice; the last level always fails, so evaluation is 2^40 steps.
        var definitions = JSONObject()
        let levels = 40
        for level in 0..<levels {
            let next: JSONValue = ["$ref": .string("#/$defs/l\(level + 1)")]
            definitions["l\(level)"] = ["anyOf": [next, ["allOf": [next]]]]
        }
        definitions["l\(levels)"] = false
        let schema = try JSONSchema(["$defs": .object(definitions), "$ref": "#/$defs/l0"], options: .init(limits: .init(maximumStackUsage: Self.stackUsage)))
        let clock = ContinuousClock()
        var thrown: JSONSchemaError?
        let elapsed = clock.measure {
            do {
                _ = try schema.isValid(1)
            } catch {
                thrown = error as? JSONSchemaError
            }
        }
        #expect(thrown?.kind == .evaluationStepsExceeded)
        // Generous, for unoptimized builds on slow machines; optimized builds take a fraction of a second.
        #expect(elapsed < TestSanitizer.scaled(.seconds(30)), "took \(elapsed)")
        // A smaller budget stops sooner, and validate() reports the same error.
        let limited = try JSONSchema(["$defs": .object(definitions), "$ref": "#/$defs/l0"], options: .init(limits: .init(maximumStackUsage: Self.stackUsage, maximumEvaluationSteps: 1_000)))
        #expect {
            _ = try limited.validate(1)
        } throws: { error in
            (error as? JSONSchemaError)?.kind == .evaluationStepsExceeded
        }
    }

    @Test("a very deep instance against a recursive schema stops at the depth limit")
    func deepInstance() throws {
        let schema = try JSONSchema(["$defs": ["list": ["type": "array", "items": ["$ref": "#/$defs/list"]]], "$ref": "#/$defs/list"])
        var instance: JSONValue = []
        for _ in 0..<1_000 { instance = [instance] }
        var thrown: JSONSchemaError?
        do {
            _ = try schema.validate(instance)
        } catch {
            thrown = error
        }
        #expect(thrown?.kind == .evaluationDepthExceeded)
        // The error says where evaluation was when it stopped.
        #expect(thrown?.instanceLocation?.hasPrefix("/0/0/0") == true)
    }

    @Test("a stack budget stops evaluation even when the depth limit is raised")
    func stackBudget() throws {
        let options = JSONSchema.Options(limits: .init(maximumSchemaDepth: .max, maximumEvaluationDepth: .max, maximumStackUsage: 64 * 1024))
        let schema = try JSONSchema(Self.nestedAllOf(2_000), options: options)
        var thrown: JSONSchemaError?
        do {
            _ = try schema.isValid(1)
        } catch {
            thrown = error
        }
        #expect(thrown?.kind == .evaluationDepthExceeded)
        #expect(thrown?.message.contains("bytes of stack") == true)
    }
}
