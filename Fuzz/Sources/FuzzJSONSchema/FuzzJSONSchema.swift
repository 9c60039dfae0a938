import MCPCore
import MCPJSONSchema

/// What libFuzzer runs on each input: the JSON Schema compiler and validator on untrusted schemas (a
/// server's `inputSchema`, `outputSchema`, elicitation schemas).
///
/// The input is JSON: `[schema, instance, …]` validates each instance against the schema;
/// anything else is compiled as a schema and checked against a few fixed instances. Compiling
/// may fail and evaluation may stop at a limit (both typed errors); nothing may trap or run away
/// (libFuzzer's `-timeout` catches that), and the fast `isValid` must agree with `validate`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONSchema(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    guard let value = try? JSONValue(parsing: bytes, maximumDepth: 128) else { return 0 }
    let schemaValue: JSONValue
    let instances: [JSONValue]
    if case .array(let elements) = value, elements.count >= 2 {
        schemaValue = elements[0]
        instances = Array(elements.dropFirst())
    } else {
        schemaValue = value
        instances = [.null, true, 0, 1.5, "", "a@b.c", [], [1, "a"], [:], ["a": 1, "b": ["c": "d"]]]
    }
    for validatesFormats in [false, true] {
        var options = JSONSchema.Options()
        options.validatesFormats = validatesFormats
        guard let schema = try? JSONSchema(schemaValue, options: options) else { continue }
        for instance in instances {
            guard let result = try? schema.validate(instance), let valid = try? schema.isValid(instance) else { continue }
            guard result.isValid == valid else {
                fatalError("validate says \(result.isValid), isValid says \(valid), for \(instance) against \(schemaValue)")
            }
            _ = result.description
        }
    }
    return 0
}
