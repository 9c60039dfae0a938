#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import OrderedCollections

/// Encodes `Encodable` values as ``JSONValue``, as `JSONEncoder` does to text.
///
/// Keys keep the order in which a type encodes them; `nil` optionals encoded with
/// `encodeIfPresent` are omitted; `Data` becomes base64; `Date` an ISO 8601 string (or, with
/// ``DateEncodingStrategy/secondsSince1970``, a number); `URL` its absolute string.
public struct JSONValueEncoder: Sendable {
    /// How `Date` values are written.
    public enum DateEncodingStrategy: Sendable {
        /// An ISO 8601 string such as `2025-01-12T15:00:58Z`.
        case iso8601
        /// A number of seconds since 1970-01-01T00:00:00Z.
        case secondsSince1970
        /// A number of milliseconds since 1970-01-01T00:00:00Z.
        case millisecondsSince1970
    }

    /// How `Date` values are written. Defaults to ``DateEncodingStrategy/iso8601``.
    public var dateEncodingStrategy: DateEncodingStrategy = .iso8601

    /// Values handed to types' `encode(to:)` through `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates an encoder with default options.
    public init() {}

    /// Encodes `value`.
    public func encode(_ value: some Encodable) throws -> JSONValue {
        // The hottest message types write themselves without Codable when they can.
        if let fast = value as? any JSONFastEncodable, let object = fast.fastEncoded {
            return .object(object)
        }
        let encoder = JSONValueEncoderImpl(path: .root, options: options)
        return try encoder.box(value, path: .root).resolved()
    }

    /// Encodes `value` as JSON text.
    public func encodeToBytes(_ value: some Encodable, writing: JSONWritingOptions = []) throws -> [UInt8] {
        try encode(value).jsonBytes(options: writing)
    }

    var options: JSONValueEncoderImpl.Options {
        JSONValueEncoderImpl.Options(dateStrategy: dateEncodingStrategy, userInfo: userInfo)
    }
}

/// A value under construction: containers are references so that nested containers handed out
/// by an encoder write into their parent.
enum EncodedNode {
    case value(JSONValue)
    case object(EncodedObject)
    case array(EncodedArray)
    case encoder(JSONValueEncoderImpl)

    func resolved() -> JSONValue {
        switch self {
        case .value(let value):
            return value
        case .object(let object):
            var result = JSONObject(minimumCapacity: object.members.count)
            for (key, node) in object.members { result[key] = node.resolved() }
            return .object(result)
        case .array(let array):
            return .array(array.elements.map { $0.resolved() })
        case .encoder(let encoder):
            return encoder.storage.resolved()
        }
    }
}

final class EncodedObject {
    var members = OrderedDictionary<String, EncodedNode>()
}

final class EncodedArray {
    var elements: [EncodedNode] = []
}

final class JSONValueEncoderImpl: Encoder {
    struct Options: Sendable {
        var dateStrategy: JSONValueEncoder.DateEncodingStrategy
        var userInfo: [CodingUserInfoKey: any Sendable]
    }

    /// What this encoder has been given; an encoder nothing was written to yields `{}`.
    var storage: EncodedNode = .value(.object([:]))
    private var hasStorage = false
    let path: CodingPathNode
    let options: Options

    init(path: CodingPathNode, options: Options) {
        self.path = path
        self.options = options
    }

    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { options.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object) = storage, hasStorage {
            return KeyedEncodingContainer(KeyedContainer(encoder: self, object: object))
        }
        let object = EncodedObject()
        storage = .object(object)
        hasStorage = true
        return KeyedEncodingContainer(KeyedContainer(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = storage, hasStorage {
            return UnkeyedContainer(encoder: self, array: array)
        }
        let array = EncodedArray()
        storage = .array(array)
        hasStorage = true
        return UnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    func set(_ node: EncodedNode) {
        storage = node
        hasStorage = true
    }

    // MARK: Boxing

    func box<T: Encodable>(_ value: T, path: @autoclosure () -> CodingPathNode) throws -> EncodedNode {
        switch value {
        case let string as String: return .value(.string(string))
        case let number as Int: return .value(.int(number))
        case let flag as Bool: return .value(.bool(flag))
        case let number as Double: return .value(try boxDouble(number, path: path()))
        case let json as JSONValue: return .value(json)
        case let object as JSONObject: return .value(.object(object))
        case let data as Data: return .value(.string(data.base64EncodedString()))
        case let url as URL: return .value(.string(url.absoluteString))
        case let date as Date:
            switch options.dateStrategy {
            case .iso8601: return .value(.string(date.formatted(.iso8601)))
            case .secondsSince1970: return .value(try boxDouble(date.timeIntervalSince1970, path: path()))
            case .millisecondsSince1970:
                return .value(try boxDouble(date.timeIntervalSince1970 * 1000, path: path()))
            }
        default:
            let encoder = JSONValueEncoderImpl(path: path(), options: options)
            try value.encode(to: encoder)
            return encoder.storage
        }
    }

    func boxDouble(_ value: Double, path: CodingPathNode) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                .init(codingPath: path.keys, debugDescription: "\(value) cannot be written as JSON")
            )
        }
        return .double(value)
    }

    func boxInteger<T: FixedWidthInteger>(_ value: T, path: @autoclosure () -> CodingPathNode) throws -> JSONValue {
        if let exact = Int(exactly: value) { return .int(exact) }
        // Integers wider than Int (UInt64 above Int.max) lose nothing as long as they fit a Double.
        guard let double = Double(exactly: value) else {
            throw EncodingError.invalidValue(
                value,
                .init(codingPath: path().keys, debugDescription: "\(value) cannot be represented exactly")
            )
        }
        return .double(double)
    }
}

// MARK: - Containers

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONValueEncoderImpl
    let object: EncodedObject

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func path(_ key: Key) -> CodingPathNode { encoder.path.appending(key) }

    func encodeNil(forKey key: Key) throws { object.members[key.stringValue] = .value(.null) }
    func encode(_ value: Bool, forKey key: Key) throws { object.members[key.stringValue] = .value(.bool(value)) }
    func encode(_ value: String, forKey key: Key) throws { object.members[key.stringValue] = .value(.string(value)) }
    func encode(_ value: Double, forKey key: Key) throws {
        object.members[key.stringValue] = .value(try encoder.boxDouble(value, path: path(key)))
    }
    func encode(_ value: Float, forKey key: Key) throws {
        object.members[key.stringValue] = .value(try encoder.boxDouble(Double(value), path: path(key)))
    }
    func encode(_ value: Int, forKey key: Key) throws { object.members[key.stringValue] = .value(.int(value)) }
    func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

    private func integer<T: FixedWidthInteger>(_ value: T, _ key: Key) throws {
        object.members[key.stringValue] = .value(try encoder.boxInteger(value, path: path(key)))
    }

    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.members[key.stringValue] = try encoder.box(value, path: path(key))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedObject()
        object.members[key.stringValue] = .object(nested)
        let child = JSONValueEncoderImpl(path: path(key), options: encoder.options)
        child.set(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: child, object: nested))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = EncodedArray()
        object.members[key.stringValue] = .array(nested)
        let child = JSONValueEncoderImpl(path: path(key), options: encoder.options)
        child.set(.array(nested))
        return UnkeyedContainer(encoder: child, array: nested)
    }

    func superEncoder() -> any Encoder {
        superEncoder(named: "super", path: encoder.path.appending(AnyCodingKey(stringValue: "super")))
    }

    func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key.stringValue, path: path(key))
    }

    private func superEncoder(named name: String, path: CodingPathNode) -> any Encoder {
        let child = JSONValueEncoderImpl(path: path, options: encoder.options)
        object.members[name] = .encoder(child)
        return child
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONValueEncoderImpl
    let array: EncodedArray

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }

    private var nextPath: CodingPathNode { encoder.path.appending(index: array.elements.count) }

    func encodeNil() throws { array.elements.append(.value(.null)) }
    func encode(_ value: Bool) throws { array.elements.append(.value(.bool(value))) }
    func encode(_ value: String) throws { array.elements.append(.value(.string(value))) }
    func encode(_ value: Int) throws { array.elements.append(.value(.int(value))) }
    func encode(_ value: Double) throws { array.elements.append(.value(try encoder.boxDouble(value, path: nextPath))) }

    func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try encoder.box(value, path: nextPath))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedObject()
        let child = JSONValueEncoderImpl(path: nextPath, options: encoder.options)
        child.set(.object(nested))
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: child, object: nested))
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = EncodedArray()
        let child = JSONValueEncoderImpl(path: nextPath, options: encoder.options)
        child.set(.array(nested))
        array.elements.append(.array(nested))
        return UnkeyedContainer(encoder: child, array: nested)
    }

    func superEncoder() -> any Encoder {
        let child = JSONValueEncoderImpl(path: nextPath, options: encoder.options)
        array.elements.append(.encoder(child))
        return child
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONValueEncoderImpl

    var codingPath: [any CodingKey] { encoder.codingPath }

    func encodeNil() throws { encoder.set(.value(.null)) }
    func encode(_ value: Bool) throws { encoder.set(.value(.bool(value))) }
    func encode(_ value: String) throws { encoder.set(.value(.string(value))) }
    func encode(_ value: Double) throws { encoder.set(.value(try encoder.boxDouble(value, path: encoder.path))) }
    func encode(_ value: Float) throws { encoder.set(.value(try encoder.boxDouble(Double(value), path: encoder.path))) }
    func encode(_ value: Int) throws { encoder.set(.value(.int(value))) }
    func encode(_ value: Int8) throws { try integer(value) }
    func encode(_ value: Int16) throws { try integer(value) }
    func encode(_ value: Int32) throws { try integer(value) }
    func encode(_ value: Int64) throws { try integer(value) }
    func encode(_ value: UInt) throws { try integer(value) }
    func encode(_ value: UInt8) throws { try integer(value) }
    func encode(_ value: UInt16) throws { try integer(value) }
    func encode(_ value: UInt32) throws { try integer(value) }
    func encode(_ value: UInt64) throws { try integer(value) }

    private func integer<T: FixedWidthInteger>(_ value: T) throws {
        encoder.set(.value(try encoder.boxInteger(value, path: encoder.path)))
    }

    func encode<T: Encodable>(_ value: T) throws {
        encoder.set(try encoder.box(value, path: encoder.path))
    }
}
