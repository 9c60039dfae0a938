#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? JSONValueDecoderImpl {
            self = decoder.value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(JSONObject.self) {
            self = .object(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? JSONValueEncoderImpl {
            encoder.storage = .value(self)
            return
        }
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONObject: Codable {
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? JSONValueDecoderImpl {
            guard case .object(let object) = decoder.value else {
                throw DecodingError.typeMismatch(
                    JSONObject.self,
                    .init(codingPath: decoder.codingPath, debugDescription: "expected an object, found \(decoder.value.typeName)")
                )
            }
            self = object
            return
        }
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var object = JSONObject()
        for key in container.allKeys {
            object[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self = object
    }

    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? JSONValueEncoderImpl {
            encoder.storage = .value(.object(self))
            return
        }
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (key, value) in self {
            try container.encode(value, forKey: AnyCodingKey(stringValue: key))
        }
    }
}

extension JSONValue {
    /// Encodes any `Encodable` value as JSON, the way ``JSONValueEncoder`` does.
    public init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }

    /// Decodes this JSON as `type`, the way ``JSONValueDecoder`` does.
    ///
    /// A mismatch throws `DecodingError`; its ``Swift/DecodingError/pathDescription`` names the
    /// path of the offending member.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONValueDecoder().decode(type, from: self)
    }
}

// MARK: - Members a type does not model

extension Decoder {
    /// The members of the object being decoded whose keys `Known` does not name.
    ///
    /// Model types call this from `init(from:)` to keep members this SDK does not know, so they
    /// survive a decode/encode round trip.
    public func additionalFields<Known: CodingKey>(excluding known: Known.Type) throws -> JSONObject {
        try additionalFields { Known(stringValue: $0) != nil }
    }

    /// The members of the object being decoded whose keys are not in `known`: for types whose
    /// modelled members depend on the value (a spelling chosen at decoding time).
    public func additionalFields(excludingNames known: Set<String>) throws -> JSONObject {
        try additionalFields { known.contains($0) }
    }

    private func additionalFields(isKnown: (String) -> Bool) throws -> JSONObject {
        if let decoder = self as? JSONValueDecoderImpl {
            guard case .object(let object) = decoder.value else { return [:] }
            var extra = JSONObject()
            for (key, value) in object where !isKnown(key) {
                extra[key] = value
            }
            return extra
        }
        let container = try container(keyedBy: AnyCodingKey.self)
        var extra = JSONObject()
        for key in container.allKeys where !isKnown(key.stringValue) {
            extra[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        return extra
    }
}

extension Encoder {
    /// Writes `fields` into the object being encoded, skipping any key `Known` names (the modelled
    /// member wins).
    public func encodeAdditionalFields<Known: CodingKey>(_ fields: JSONObject, excluding known: Known.Type) throws {
        guard !fields.isEmpty else { return }
        var container = container(keyedBy: AnyCodingKey.self)
        for (key, value) in fields where Known(stringValue: key) == nil {
            try container.encode(value, forKey: AnyCodingKey(stringValue: key))
        }
    }

    /// Writes `fields` into the object being encoded, skipping any key in `known`.
    public func encodeAdditionalFields(_ fields: JSONObject, excludingNames known: Set<String>) throws {
        guard !fields.isEmpty else { return }
        var container = container(keyedBy: AnyCodingKey.self)
        for (key, value) in fields where !known.contains(key) {
            try container.encode(value, forKey: AnyCodingKey(stringValue: key))
        }
    }
}
