import MCPCore

/// JSON equality as JSON Schema defines it for `const`, `enum` and `uniqueItems`: like
/// `JSONValue`'s `==` (numbers by value, objects without regard to order) except that strings
/// are equal only when their code points are, whereas Swift's `String` equality treats canonically
/// equivalent strings (`"é"` and `"e\u{301}"`) as equal.
///
/// Object keys are still looked up through `JSONObject`, which cannot hold two canonically
/// equivalent keys; a key's exact spelling is then compared separately.
func isStrictlyEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)):
        return a.utf8.elementsEqual(b.utf8)
    case (.array(let a), .array(let b)):
        return a.count == b.count && zip(a, b).allSatisfy(isStrictlyEqual)
    case (.object(let a), .object(let b)):
        guard a.count == b.count else { return false }
        for (key, value) in a {
            guard let other = b[key], isStrictlyEqual(value, other) else { return false }
            // ASCII keys match only themselves; others may have matched a canonical equivalent.
            if !key.utf8.allSatisfy({ $0 < 0x80 }), !b.keys.contains(where: { $0.utf8.elementsEqual(key.utf8) }) {
                return false
            }
        }
        return true
    default:
        return lhs == rhs
    }
}

/// A JSON value hashed like `JSONValue` but compared with ``isStrictlyEqual(_:_:)``; strictly
/// equal values are also `==`, so they hash alike.
struct StrictJSONKey: Hashable {
    let value: JSONValue

    static func == (lhs: StrictJSONKey, rhs: StrictJSONKey) -> Bool {
        isStrictlyEqual(lhs.value, rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }
}
