/// A type that reads itself from a parsed JSON object by hand, without Codable's generic
/// machinery (metadata lookups, a container and a coding path per member), for the messages of
/// hot paths such as a tool call's result.
///
/// ``JSONValueDecoder`` tries it first. It must give exactly what `init(from:)` gives, and
/// returns `nil` for anything but the common shape, so Codable (with its detailed errors) handles
/// the rest.
package protocol JSONFastDecodable: Decodable {
    /// The value `object` decodes to, or `nil` to let `init(from:)` decide.
    init?(fastDecoding object: JSONObject)
}

/// A type that writes itself as a JSON object by hand, for hot paths (see
/// ``JSONFastDecodable``). ``JSONValueEncoder`` tries it first; it must give exactly what
/// `encode(to:)` gives, or `nil` to let `encode(to:)` do it.
package protocol JSONFastEncodable: Encodable {
    /// The object this value encodes to, or `nil` to let `encode(to:)` do it.
    var fastEncoded: JSONObject? { get }
}

extension JSONValue {
    /// For optional members, as `decodeIfPresent` reads them: absent or `null` is `.some(nil)`,
    /// an object is `.some(object)`, anything else is `nil` (not the fast path's business).
    @inline(__always)
    var fastOptionalObject: JSONObject?? {
        switch self {
        case .null: return .some(nil)
        case .object(let object): return .some(object)
        default: return nil
        }
    }
}

// MARK: - tools/call

extension CallToolRequestParams: JSONFastDecodable, JSONFastEncodable {
    package init?(fastDecoding object: JSONObject) {
        var name: String?
        var arguments: JSONObject?
        var inputResponses: JSONObject?
        var requestState: String?
        var meta: JSONObject?
        var additionalFields = JSONObject()
        for (key, value) in object {
            switch key {
            case "name":
                guard case .string(let string) = value else { return nil }
                name = string
            case "arguments":
                guard let object = value.fastOptionalObject else { return nil }
                arguments = object
            case "task":
                // Task metadata is rare: Codable reads it.
                guard case .null = value else { return nil }
            case "inputResponses":
                guard let object = value.fastOptionalObject else { return nil }
                inputResponses = object
            case "requestState":
                switch value {
                case .null: requestState = nil
                case .string(let string): requestState = string
                default: return nil
                }
            case "_meta":
                guard let object = value.fastOptionalObject else { return nil }
                meta = object
            default:
                additionalFields[key] = value
            }
        }
        guard let name else { return nil }
        self.init(
            name: name,
            arguments: arguments,
            inputResponses: inputResponses,
            requestState: requestState,
            meta: meta,
            additionalFields: additionalFields
        )
    }

    package var fastEncoded: JSONObject? {
        guard task == nil else { return nil }
        var object = JSONObject(minimumCapacity: 2 + additionalFields.count)
        object["name"] = .string(name)
        if let arguments { object["arguments"] = .object(arguments) }
        if let inputResponses { object["inputResponses"] = .object(inputResponses) }
        if let requestState { object["requestState"] = .string(requestState) }
        if let meta { object["_meta"] = .object(meta) }
        for (key, value) in additionalFields where CodingKeys(stringValue: key) == nil {
            object[key] = value
        }
        return object
    }
}

extension CallToolResult: JSONFastDecodable, JSONFastEncodable {
    package init?(fastDecoding object: JSONObject) {
        var content: [ContentBlock] = []
        var structuredContent: JSONValue?
        var isError: Bool?
        var meta: JSONObject?
        var additionalFields = JSONObject()
        for (key, value) in object {
            switch key {
            case "content":
                switch value {
                case .null:
                    break
                case .array(let blocks):
                    content.reserveCapacity(blocks.count)
                    for block in blocks {
                        guard case .object(let fields) = block, let decoded = ContentBlock(fastDecoding: fields) else { return nil }
                        content.append(decoded)
                    }
                default:
                    return nil
                }
            case "structuredContent":
                // As `decodeIfPresent(JSONValue.self, …)`: a null stays `.null`.
                structuredContent = value
            case "isError":
                switch value {
                case .null: isError = nil
                case .bool(let flag): isError = flag
                default: return nil
                }
            case "_meta":
                guard let object = value.fastOptionalObject else { return nil }
                meta = object
            default:
                additionalFields[key] = value
            }
        }
        self.init(content: content, structuredContent: structuredContent, isError: isError, meta: meta, additionalFields: additionalFields)
    }

    package var fastEncoded: JSONObject? {
        var blocks: [JSONValue] = []
        blocks.reserveCapacity(content.count)
        for block in content {
            guard let encoded = block.fastEncoded else { return nil }
            blocks.append(.object(encoded))
        }
        var object = JSONObject(minimumCapacity: 2 + additionalFields.count)
        object["content"] = .array(blocks)
        if let structuredContent { object["structuredContent"] = structuredContent }
        if let isError { object["isError"] = .bool(isError) }
        if let meta { object["_meta"] = .object(meta) }
        for (key, value) in additionalFields where CodingKeys(stringValue: key) == nil {
            object[key] = value
        }
        return object
    }
}

// MARK: - Content

extension ContentBlock {
    /// Text blocks only; other kinds are left to Codable.
    init?(fastDecoding object: JSONObject) {
        guard case .string("text")? = object["type"], let text = TextContent(fastDecoding: object) else { return nil }
        self = .text(text)
    }

    var fastEncoded: JSONObject? {
        guard case .text(let text) = self else { return nil }
        return text.fastEncoded
    }
}

extension TextContent {
    /// Without annotations only; those are left to Codable.
    init?(fastDecoding object: JSONObject) {
        var text: String?
        var meta: JSONObject?
        var additionalFields = JSONObject()
        for (key, value) in object {
            switch key {
            case "type":
                continue
            case "text":
                guard case .string(let string) = value else { return nil }
                text = string
            case "annotations":
                guard case .null = value else { return nil }
            case "_meta":
                guard let object = value.fastOptionalObject else { return nil }
                meta = object
            default:
                additionalFields[key] = value
            }
        }
        guard let text else { return nil }
        self.init(text: text, meta: meta, additionalFields: additionalFields)
    }

    var fastEncoded: JSONObject? {
        guard annotations == nil else { return nil }
        var object = JSONObject(minimumCapacity: 2 + additionalFields.count)
        object["type"] = .string("text")
        object["text"] = .string(text)
        if let meta { object["_meta"] = .object(meta) }
        for (key, value) in additionalFields where CodingKeys(stringValue: key) == nil {
            object[key] = value
        }
        return object
    }
}
