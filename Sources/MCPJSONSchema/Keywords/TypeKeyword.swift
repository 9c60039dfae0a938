import MCPCore

/// The JSON types a `type` keyword allows, as a bit set.
struct JSONTypeSet: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let null = JSONTypeSet(rawValue: 1 << 0)
    static let boolean = JSONTypeSet(rawValue: 1 << 1)
    static let integer = JSONTypeSet(rawValue: 1 << 2)
    /// `number` includes integers.
    static let number = JSONTypeSet(rawValue: 1 << 3)
    static let string = JSONTypeSet(rawValue: 1 << 4)
    static let array = JSONTypeSet(rawValue: 1 << 5)
    static let object = JSONTypeSet(rawValue: 1 << 6)

    /// The set a type name stands for, or `nil` for an unknown name.
    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// Whether `value` has one of the types. Integral doubles (`1.0`) are integers, as JSON Schema says.
    func matches(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .int: return !isDisjoint(with: [.integer, .number])
        case .double(let number):
            if contains(.number) { return true }
            return contains(.integer) && number.isFinite && number.rounded(.towardZero) == number
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }
}

/// `type`.
struct TypeRule: KeywordRule {
    let types: JSONTypeSet
    /// The type names in the order the schema lists them, for messages, packed three bits per
    /// name (an index into ``names``) so the rule holds no reference and copies for free.
    private let order: UInt32
    private let count: Int

    private static let names = ["null", "boolean", "integer", "number", "string", "array", "object"]

    init(names: [String]) throws(TypeNameError) {
        var types: JSONTypeSet = []
        var order: UInt32 = 0
        var count = 0
        for name in names {
            guard let type = JSONTypeSet(name: name), let index = Self.names.firstIndex(of: name) else {
                throw TypeNameError(name: name)
            }
            if !types.contains(type), count < 7 {
                order |= UInt32(index) << (3 * UInt32(count))
                count += 1
            }
            types.formUnion(type)
        }
        self.types = types
        self.order = order
        self.count = count
    }

    /// A name that is not a JSON Schema type.
    struct TypeNameError: Error {
        var name: String
    }

    /// The allowed types as the schema lists them: `"string or null"`.
    var expected: String {
        let listed = (0..<count).map { Self.names[Int(order >> (3 * UInt32($0)) & 7)] }
        guard let last = listed.last else { return "nothing" }
        return listed.count == 1 ? last : listed.dropLast().joined(separator: ", ") + " or " + last
    }

    func apply(
        to instance: JSONValue, at site: KeywordSite, in evaluator: inout Evaluator,
        evaluated: inout EvaluatedLocations, collecting: Bool
    ) -> Bool {
        if types.matches(instance) { return true }
        evaluator.report(site, "expected \(expected), found \(instance.typeName)")
        return false
    }
}
