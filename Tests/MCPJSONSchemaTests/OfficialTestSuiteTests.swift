import Foundation
import MCPCore
import MCPJSONSchema
import Testing

/// Runs the official JSON-Schema-Test-Suite (draft 2020-12) against this validator.
@Suite("JSON-Schema-Test-Suite draft2020-12")
struct OfficialTestSuiteTests {
    /// Every document in `remotes/`, registered as `http://localhost:1234/<path>` as the suite expects.
    static func remotesRegistry() throws -> JSONSchemaRegistry {
        let remotes = try SharedFixtures.url("json-schema-test-suite/remotes")
        var registry = JSONSchemaRegistry()
        let prefix = remotes.standardizedFileURL.path + "/"
        for file in try SharedFixtures.jsonFiles(in: remotes, recursive: true) {
            let relative = String(file.standardizedFileURL.path.dropFirst(prefix.count))
            try registry.register(SharedFixtures.json(at: file), at: "http://localhost:1234/" + relative)
        }
        return registry
    }

    struct Tally {
        var files = 0
        var cases = 0
        var tests = 0
        var passed = 0
        var excluded = 0
    }

    /// Runs every file in `directory` (relative to tests/draft2020-12) and records a test issue for
    /// each mismatch.
    static func run(_ directory: String, validatesFormats: Bool) throws -> Tally {
        let root = try SharedFixtures.url("json-schema-test-suite/tests/draft2020-12")
        let folder = root.appendingPathComponent(directory)
        let files = try SharedFixtures.jsonFiles(in: folder, recursive: false)
        #expect(!files.isEmpty, "no test files in \(folder.path)")
        let options = JSONSchema.Options(validatesFormats: validatesFormats, registry: try remotesRegistry())
        var tally = Tally()
        for file in files {
            tally.files += 1
            let name = directory.isEmpty ? file.lastPathComponent : directory + "/" + file.lastPathComponent
            guard case .array(let cases) = try SharedFixtures.json(at: file) else {
                Issue.record("\(name): not an array of cases")
                continue
            }
            for testCase in cases {
                tally.cases += 1
                let caseDescription = testCase["description"]?.stringValue ?? "?"
                let tests = testCase["tests"]?.arrayValue ?? []
                let schema: JSONSchema?
                var compileError: (any Error)?
                do {
                    schema = try JSONSchema(testCase["schema"] ?? true, options: options)
                } catch {
                    schema = nil
                    compileError = error
                }
                for test in tests {
                    tally.tests += 1
                    let testDescription = test["description"]?.stringValue ?? "?"
                    let expected = test["valid"]?.boolValue ?? true
                    var outcome: String
                    if let schema {
                        do {
                            let result = try schema.validate(test["data"] ?? .null)
                            let fast = try schema.isValid(test["data"] ?? .null)
                            if result.isValid != fast {
                                outcome = "validate() says \(result.isValid) but isValid() says \(fast)"
                            } else if result.isValid == expected {
                                outcome = "pass"
                            } else {
                                outcome = "expected \(expected ? "valid" : "invalid"), got \(result.isValid ? "valid" : "invalid: \(result)")"
                            }
                        } catch {
                            outcome = "validation threw \(error)"
                        }
                    } else {
                        outcome = "schema did not compile: \(compileError.map { "\($0)" } ?? "?")"
                    }
                    let key = "\(name)|\(caseDescription)|\(testDescription)"
                    let exclusion = OfficialSuiteExclusions.reasons[key] ?? OfficialSuiteExclusions.reasons["\(name)|\(caseDescription)|*"]
                    switch (outcome == "pass", exclusion) {
                    case (true, nil):
                        tally.passed += 1
                    case (false, nil):
                        Issue.record("\(key): \(outcome)")
                    case (false, .some):
                        tally.excluded += 1
                    case (true, .some):
                        Issue.record("\(key): passes but is listed in OfficialSuiteExclusions; remove it from the list")
                    }
                }
            }
        }
        print("JSON-Schema-Test-Suite \(directory.isEmpty ? "required" : directory): \(tally.files) files, \(tally.cases) cases, "
              + "\(tally.passed)/\(tally.tests) tests passed, \(tally.excluded) excluded")
        return tally
    }

    @Test("required tests")
    func required() throws {
        let tally = try Self.run("", validatesFormats: false)
        #expect(tally.passed == tally.tests)
    }

    @Test("optional tests")
    func optional() throws {
        let tally = try Self.run("optional", validatesFormats: false)
        #expect(tally.passed + tally.excluded == tally.tests)
    }

    @Test("optional format tests, with format assertion on")
    func optionalFormats() throws {
        let tally = try Self.run("optional/format", validatesFormats: true)
        #expect(tally.passed + tally.excluded == tally.tests)
    }
}
