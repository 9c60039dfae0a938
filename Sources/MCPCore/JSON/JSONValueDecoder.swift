#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes `Decodable` values from a ``JSONValue``, as `JSONDecoder` does from text.
///
/// Numbers convert when exact (an integer field accepts `3` and `3.0`, never `3.5`); `Data` is
/// read from base64; `Date` from an ISO 8601 string (or, with ``DateDecodingStrategy/secondsSince1970``,
/// a number); `URL` from a string. Errors carry the coding path of the offending member.
public struct JSONValueDecoder: Sendable {
    /// How `Date` values are read.
    public enum DateDecodingStrategy: Sendable {
        /// An ISO 8601 string, with or without fractional seconds.
        case iso8601
        /// A number of seconds since 1970-01-01T00:00:00Z.
        case secondsSince1970
        /// A number of milliseconds since 1970-01-01T00:00:00Z.
        case millisecondsSince1970
    }

    /// How `Date` values are read. Defaults to ``DateDecodingStrategy/iso8601``.
    public var dateDecodingStrategy: DateDecodingStrategy = .iso8601

    /// Values handed to types' `init(from:)` through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder with default options.
    public init() {}

    /// Decodes a value of `type` from `value`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        // The hottest message types read themselves without Codable when they can.
        if let fastType = T.self as? any JSONFastDecodable.Type, case .object(let object) = value,
            let decoded = fastType.init(fastDecoding: object)
        {
            return decoded as! T
        }
        let decoder = JSONValueDecoderImpl(value: value, path: .root, options: options)
        return try decoder.unbox(value, as: type, path: .root)
    }

    /// Parses JSON text and decodes a value of `type` from it.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try decode(type, from: try JSONValue(parsing: bytes))
    }

    var options: JSONValueDecoderImpl.Options {
        JSONValueDecoderImpl.Options(dateStrategy: dateDecodingStrategy, userInfo: userInfo)
    }
}

final class JSONValueDecoderImpl: Decoder {
    struct Options: Sendable {
        var dateStrategy: JSONValueDecoder.DateDecodingStrategy
        var userInfo: [CodingUserInfoKey: any Sendable]
    }

    let value: JSONValue
    let path: CodingPathNode
    let options: Options

    init(value: JSONValue, path: CodingPathNode, options: Options) {
        self.value = value
        self.path = path
        self.options = options
    }

    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .object(let object):
            return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, object: object))
        case .null:
            throw DecodingError.valueNotFound(
                [String: JSONValue].self,
                .init(codingPath: codingPath, debugDescription: "expected an object, found null")
            )
        default:
            throw mismatch([String: JSONValue].self, expected: "an object", path: path, found: value)
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .array(let array):
            return UnkeyedContainer(decoder: self, array: array)
        case .null:
            throw DecodingError.valueNotFound(
                [JSONValue].self,
                .init(codingPath: codingPath, debugDescription: "expected an array, found null")
            )
        default:
            throw mismatch([JSONValue].self, expected: "an array", path: path, found: value)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    // MARK: Conversions

    func mismatch(_ type: Any.Type, expected: String, path: CodingPathNode, found: JSONValue) -> DecodingError {
        DecodingError.typeMismatch(
            type,
            .init(codingPath: path.keys, debugDescription: "expected \(expected), found \(found.typeName)")
        )
    }

    func unboxBool(_ value: JSONValue, path: CodingPathNode) throws -> Bool {
        if case .bool(let flag) = value { return flag }
        throw mismatch(Bool.self, expected: "a boolean", path: path, found: value)
    }

    func unboxString(_ value: JSONValue, path: CodingPathNode) throws -> String {
        if case .string(let string) = value { return string }
        throw mismatch(String.self, expected: "a string", path: path, found: value)
    }

    func unboxDouble(_ value: JSONValue, path: CodingPathNode) throws -> Double {
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: throw mismatch(Double.self, expected: "a number", path: path, found: value)
        }
    }

    func unboxInteger<T: FixedWidthInteger>(_ value: JSONValue, as type: T.Type, path: CodingPathNode) throws -> T {
        switch value {
        case .int(let number):
            if let exact = T(exactly: number) { return exact }
        case .double(let number):
            if let exact = T(exactly: number) { return exact }
        default:
            throw mismatch(T.self, expected: "an integer", path: path, found: value)
        }
        throw DecodingError.dataCorrupted(
            .init(codingPath: path.keys, debugDescription: "number \(value) does not fit in \(T.self)")
        )
    }

    func unbox<T: Decodable>(_ value: JSONValue, as type: T.Type, path: CodingPathNode) throws -> T {
        // Fast paths for the types MCP models use most; everything else goes through init(from:).
        if T.self == String.self { return try unboxString(value, path: path) as! T }
        if T.self == Int.self { return try unboxInteger(value, as: Int.self, path: path) as! T }
        if T.self == Bool.self { return try unboxBool(value, path: path) as! T }
        if T.self == Double.self { return try unboxDouble(value, path: path) as! T }
        if T.self == JSONValue.self { return value as! T }
        if T.self == JSONObject.self {
            guard case .object(let object) = value else {
                throw mismatch(JSONObject.self, expected: "an object", path: path, found: value)
            }
            return object as! T
        }
        if T.self == Data.self { return try unboxData(value, path: path) as! T }
        if T.self == Date.self { return try unboxDate(value, path: path) as! T }
        if T.self == URL.self {
            let string = try unboxString(value, path: path)
            guard let url = URL(string: string) else {
                throw DecodingError.dataCorrupted(.init(codingPath: path.keys, debugDescription: "invalid URL \(string)"))
            }
            return url as! T
        }
        // The same path node means the same value: reuse this decoder instead of allocating.
        let decoder = path === self.path ? self : JSONValueDecoderImpl(value: value, path: path, options: options)
        return try T(from: decoder)
    }

    private func unboxData(_ value: JSONValue, path: CodingPathNode) throws -> Data {
        let string = try unboxString(value, path: path)
        guard let data = Data(base64Encoded: string) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path.keys, debugDescription: "invalid base64 data"))
        }
        return data
    }

    private func unboxDate(_ value: JSONValue, path: CodingPathNode) throws -> Date {
        switch options.dateStrategy {
        case .secondsSince1970:
            return Date(timeIntervalSince1970: try unboxDouble(value, path: path))
        case .millisecondsSince1970:
            return Date(timeIntervalSince1970: try unboxDouble(value, path: path) / 1000)
        case .iso8601:
            let string = try unboxString(value, path: path)
            if let date = try? Date(string, strategy: .iso8601) { return date }
            if let date = try? Date(string, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
                return date
            }
            throw DecodingError.dataCorrupted(.init(codingPath: path.keys, debugDescription: "invalid ISO 8601 date \(string)"))
        }
    }
}

// MARK: - Containers

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONValueDecoderImpl
    let object: JSONObject

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object.contains(key: key.stringValue) }

    private func value(for key: Key) throws -> JSONValue {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: decoder.codingPath, debugDescription: "no member named \"\(key.stringValue)\"")
            )
        }
        return value
    }

    private func path(_ key: Key) -> CodingPathNode { decoder.path.appending(key) }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try decoder.unboxBool(try value(for: key), path: path(key))
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decoder.unboxString(try value(for: key), path: path(key))
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decoder.unboxDouble(try value(for: key), path: path(key))
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try decoder.unboxDouble(try value(for: key), path: path(key)))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
        try decoder.unboxInteger(try value(for: key), as: T.self, path: path(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unbox(try value(for: key), as: type, path: path(key))
    }

    // Absent and null both read as nil, and no path node is built for them.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try decoder.unboxString(value, path: path(key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try decoder.unboxBool(value, path: path(key))
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try decoder.unboxInteger(value, as: Int.self, path: path(key))
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let value = object[key.stringValue], !value.isNull else { return nil }
        return try decoder.unboxDouble(value, path: path(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = object[key.stringValue] else { return nil }
        if value.isNull && T.self != JSONValue.self { return nil }
        return try decoder.unbox(value, as: type, path: path(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONValueDecoderImpl(value: try value(for: key), path: path(key), options: decoder.options)
            .container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoderImpl(value: try value(for: key), path: path(key), options: decoder.options)
            .unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = AnyCodingKey(stringValue: "super")
        return JSONValueDecoderImpl(
            value: object["super"] ?? .null,
            path: decoder.path.appending(key),
            options: decoder.options
        )
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoderImpl(value: object[key.stringValue] ?? .null, path: path(key), options: decoder.options)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: JSONValueDecoderImpl
    let array: [JSONValue]
    var currentIndex = 0

    init(decoder: JSONValueDecoderImpl, array: [JSONValue]) {
        self.decoder = decoder
        self.array = array
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, CodingPathNode) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: decoder.path.appending(index: currentIndex).keys,
                    debugDescription: "array has only \(array.count) elements"
                )
            )
        }
        defer { currentIndex += 1 }
        return (array[currentIndex], decoder.path.appending(index: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if array[currentIndex].isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next(type)
        return try decoder.unbox(value, as: type, path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next(JSONObject.self)
        return try JSONValueDecoderImpl(value: value, path: path, options: decoder.options).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next([JSONValue].self)
        return try JSONValueDecoderImpl(value: value, path: path, options: decoder.options).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next(JSONValue.self)
        return JSONValueDecoderImpl(value: value, path: path, options: decoder.options)
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: JSONValueDecoderImpl

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool { try decoder.unboxBool(decoder.value, path: decoder.path) }
    func decode(_ type: String.Type) throws -> String { try decoder.unboxString(decoder.value, path: decoder.path) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.unboxDouble(decoder.value, path: decoder.path) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.unboxDouble(decoder.value, path: decoder.path)) }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private func integer<T: FixedWidthInteger>() throws -> T {
        try decoder.unboxInteger(decoder.value, as: T.self, path: decoder.path)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.unbox(decoder.value, as: type, path: decoder.path)
    }
}
