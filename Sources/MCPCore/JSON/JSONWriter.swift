/// Options for writing JSON text.
public struct JSONWritingOptions: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Object keys sorted by their UTF-8 bytes instead of insertion order, for stable output.
    public static let sortedKeys = JSONWritingOptions(rawValue: 1 << 0)
    /// Indented output across several lines, for people. Never used on the wire.
    public static let prettyPrinted = JSONWritingOptions(rawValue: 1 << 1)
}

extension JSONValue {
    /// The value as UTF-8 JSON text. Non-finite doubles, which JSON cannot express, become `null`.
    public func jsonBytes(options: JSONWritingOptions = []) -> [UInt8] {
        var writer = JSONWriter(options: options)
        writer.write(self, indent: 0)
        return writer.bytes
    }

    /// Appends the value's JSON text to `bytes`.
    public func writeJSON(to bytes: inout [UInt8], options: JSONWritingOptions = []) {
        var writer = JSONWriter(options: options, bytes: bytes)
        bytes = []
        writer.write(self, indent: 0)
        bytes = writer.bytes
    }

    /// The value as JSON text.
    public func jsonString(options: JSONWritingOptions = []) -> String {
        String(decoding: jsonBytes(options: options), as: UTF8.self)
    }
}

/// Writes JSON text into a byte array.
struct JSONWriter {
    var bytes: [UInt8]
    let options: JSONWritingOptions

    init(options: JSONWritingOptions, bytes: [UInt8] = []) {
        self.options = options
        self.bytes = bytes
        if self.bytes.capacity < 256 { self.bytes.reserveCapacity(256) }
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .int(let number):
            writeInteger(number)
        case .double(let number):
            if number.isFinite {
                if let exact = Int(exactly: number), abs(number) < 1e15, number != 0 || number.sign == .plus {
                    // Keep integral doubles recognisably non-integer: "2.0", as Swift and Python print it.
                    writeInteger(exact)
                    append(".0")
                } else {
                    append(number.description)
                }
            } else {
                append("null")
            }
        case .string(let string):
            writeString(string)
        case .array(let array):
            writeArray(array, indent: indent)
        case .object(let object):
            writeObject(object, indent: indent)
        }
    }

    private mutating func writeArray(_ array: [JSONValue], indent: Int) {
        bytes.append(UInt8(ascii: "["))
        if array.isEmpty {
            bytes.append(UInt8(ascii: "]"))
            return
        }
        let pretty = options.contains(.prettyPrinted)
        for (offset, element) in array.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            if pretty { newline(indent: indent + 1) }
            write(element, indent: indent + 1)
        }
        if pretty { newline(indent: indent) }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: JSONObject, indent: Int) {
        bytes.append(UInt8(ascii: "{"))
        if object.isEmpty {
            bytes.append(UInt8(ascii: "}"))
            return
        }
        let pretty = options.contains(.prettyPrinted)
        var first = true
        func member(_ key: String, _ value: JSONValue, _ writer: inout JSONWriter) {
            if !first { writer.bytes.append(UInt8(ascii: ",")) }
            first = false
            if pretty { writer.newline(indent: indent + 1) }
            writer.writeString(key)
            writer.bytes.append(UInt8(ascii: ":"))
            if pretty { writer.bytes.append(UInt8(ascii: " ")) }
            writer.write(value, indent: indent + 1)
        }
        if options.contains(.sortedKeys) {
            for (key, value) in object.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                member(key, value, &self)
            }
        } else {
            // By position, not by iterator: members are borrowed in place instead of copied out.
            let members = object.members
            for position in members.indices { member(members[position].key, members[position].value, &self) }
        }
        if pretty { newline(indent: indent) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func newline(indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { append("  ") }
    }

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func writeInteger(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // Digits are produced backwards into a small stack buffer, then appended.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var magnitude = value.magnitude
            var position = 20
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position..<20]))
        }
    }

    mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        // Native and small strings lend their bytes in place; others are copied once.
        if string.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
            var string = string
            string.withUTF8 { writeEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            // Only '"', '\\' and control characters need escaping; everything else,
            // including non-ASCII UTF-8, is copied in runs.
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                append("\\u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        if runStart < utf8.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
    }
}
