#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONValue {
    /// The default limit on nesting depth when parsing; deeper input is rejected, never a crash.
    public static let defaultMaximumDepth = 512

    /// Parses JSON text (UTF-8 bytes).
    ///
    /// Parsing is linear in the input's size. Invalid UTF-8, bad syntax, trailing characters
    /// and nesting deeper than `maximumDepth` throw a ``JSONParseError``.
    public init(parsing bytes: some Collection<UInt8>, maximumDepth: Int = JSONValue.defaultMaximumDepth) throws {
        if let value = try bytes.withContiguousStorageIfAvailable({ buffer in
            try JSONParser.parse(UnsafeRawBufferPointer(buffer), maximumDepth: maximumDepth)
        }) {
            self = value
        } else {
            let copy = Array(bytes)
            self = try copy.withUnsafeBytes { try JSONParser.parse($0, maximumDepth: maximumDepth) }
        }
    }

    /// Parses JSON text.
    public init(parsing text: String, maximumDepth: Int = JSONValue.defaultMaximumDepth) throws {
        var text = text
        self = try text.withUTF8 { try JSONParser.parse(UnsafeRawBufferPointer($0), maximumDepth: maximumDepth) }
    }

    /// Parses JSON text from raw bytes without copying them.
    public init(parsing buffer: UnsafeRawBufferPointer, maximumDepth: Int = JSONValue.defaultMaximumDepth) throws {
        self = try JSONParser.parse(buffer, maximumDepth: maximumDepth)
    }
}

/// A recursive-descent JSON parser over a contiguous byte buffer.
struct JSONParser {
    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0
    private let maximumDepth: Int
    /// Whether the input is writable memory nobody reads again, whose pages the parser may give
    /// back to the system once a large string has been copied out of them (see
    /// `makeStringReleasingInput`).
    private let releasesInput: Bool
    /// String values at least this long (as written) are left in the input (see
    /// `JSONParser+Adoption.swift`); `Int.max` when the caller adopts none.
    private let adoptionThreshold: Int
    /// The string left in the input, once one is.
    private var adopted: AdoptedString?
    /// Set when the value just parsed holds the adopted string, until its container records where.
    private var adoptionPending = false

    static func parse(_ buffer: UnsafeRawBufferPointer, maximumDepth: Int, releasingInput: Bool = false) throws -> JSONValue {
        try parse(buffer, maximumDepth: maximumDepth, releasingInput: releasingInput, adoptionThreshold: .max).value
    }

    static func parse(
        _ buffer: UnsafeRawBufferPointer,
        maximumDepth: Int,
        releasingInput: Bool,
        adoptionThreshold: Int
    ) throws -> (value: JSONValue, adopted: AdoptedString?) {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw JSONParseError(offset: 0, reason: "empty input")
        }
        var parser = JSONParser(
            base: base.assumingMemoryBound(to: UInt8.self),
            end: buffer.count,
            maximumDepth: maximumDepth,
            releasesInput: releasingInput,
            adoptionThreshold: adoptionThreshold
        )
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index != parser.end {
            throw JSONParseError(offset: parser.index, reason: "unexpected characters after the value")
        }
        return (value, parser.adopted)
    }

    init(base: UnsafePointer<UInt8>, end: Int, maximumDepth: Int, releasesInput: Bool, adoptionThreshold: Int = .max) {
        self.base = base
        self.end = end
        self.maximumDepth = maximumDepth
        self.releasesInput = releasesInput
        self.adoptionThreshold = adoptionThreshold
    }

    // MARK: Scanning helpers

    @inline(__always)
    private func peek() -> UInt8? {
        index < end ? base[index] : nil
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < end {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func error(_ reason: String) -> JSONParseError {
        JSONParseError(offset: index, reason: reason)
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard let byte = peek() else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try parseString(adoptable: true))
        case UInt8(ascii: "{"):
            return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["):
            return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error("unexpected character '\(Unicode.Scalar(byte))'")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard end - index >= count, memcmp(base + index, literal.utf8Start, count) == 0 else {
            throw error("invalid literal")
        }
        index += count
    }

    private mutating func parseObject(depth: Int) throws -> JSONObject {
        guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth)") }
        index += 1  // {
        var object = JSONObject()
        /// The member holding the adopted string, when this object holds it.
        var adoptedKey: String?
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return object
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if adoptionPending {
                adoptionPending = false
                adoptedKey = key
                adopted!.path.append(.key(key))
            } else if let adoptedKey, adoptedKey == key {
                // A later member of the same name replaces the one holding the adopted string.
                try abandonAdoptedString()
            }
            object[key] = value
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                if adoptedKey != nil, adopted != nil { adoptionPending = true }
                return object
            default:
                throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws -> [JSONValue] {
        guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth)") }
        index += 1  // [
        var array: [JSONValue] = []
        var holdsAdoptedString = false
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return array
        }
        while true {
            skipWhitespace()
            array.append(try parseValue(depth: depth))
            if adoptionPending {
                adoptionPending = false
                holdsAdoptedString = true
                adopted!.path.append(.index(array.count - 1))
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                if holdsAdoptedString, adopted != nil { adoptionPending = true }
                return array
            default:
                throw error("expected ',' or ']' in an array")
            }
        }
    }

    // MARK: Strings

    private mutating func parseString(adoptable: Bool = false) throws -> String {
        index += 1  // opening quote
        let start = index
        if adoptable, end - start >= adoptionThreshold, adopted == nil, adoptString(from: start) {
            adoptionPending = true
            return ""
        }
        // Fast path: find the closing quote with memchr; if no backslash precedes it the
        // string needs no unescaping and is validated and copied in one step.
        guard let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), end - start) else {
            index = end
            throw error("unterminated string")
        }
        let quoteIndex = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
        if memchr(base + start, Int32(UInt8(ascii: "\\")), quoteIndex - start) == nil {
            index = quoteIndex + 1
            return try makeString(start, quoteIndex)
        }
        return try parseEscapedString(from: start)
    }

    /// Leaves the string starting at `start` in the input when it is long enough; `adopted` then
    /// says where it is and `index` is past its closing quote. Escape sequences are checked when
    /// the string is moved into place, not here.
    private mutating func adoptString(from start: Int) -> Bool {
        // An unterminated string is left to the usual parse, which says what is wrong with it.
        guard let (stop, isEscaped) = Self.closingQuote(base: base, from: start, end: end),
            stop - start >= adoptionThreshold
        else { return false }
        adopted = AdoptedString(range: start..<stop, isEscaped: isEscaped, path: [])
        index = stop + 1
        return true
    }

    /// Forgets the adopted string once the value holding it is replaced, after checking it as
    /// parsing it would have: a frame is invalid whether or not its strings are kept.
    private mutating func abandonAdoptedString() throws {
        guard let range = adopted?.range else { return }
        let resume = index
        if adopted!.isEscaped {
            _ = try parseEscapedString(from: range.lowerBound)
        } else {
            _ = try makeString(range.lowerBound, range.upperBound)
        }
        index = resume
        adopted = nil
    }

    private func makeString(_ start: Int, _ stop: Int) throws -> String {
        let bytes = UnsafeBufferPointer(start: base + start, count: stop - start)
        // `String(validating:as:)` costs over 100 ns even for a short string (generic code, not
        // specialised here), several times the rest of the work. Short ASCII strings (keys, most
        // values) are valid UTF-8 as they are, and `String(decoding:as:)` takes them as they are.
        if bytes.count <= 256, Self.isASCII(bytes) {
            return String(decoding: bytes, as: UTF8.self)
        }
        #if os(Linux)
        if releasesInput, bytes.count >= Self.releaseChunk {
            return try makeStringReleasingInput(start, stop)
        }
        #endif
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw JSONParseError(offset: start, reason: "string is not valid UTF-8")
        }
        return string
    }

    /// The piece of a large string copied or checked (and its input pages released) at a time.
    static let releaseChunk = 1 << 18

    /// Where the piece of `bytes[offset..<count]` that starts at `offset` ends: `releaseChunk`
    /// bytes on, backed off to the start of a character (at most 3 continuation bytes).
    static func pieceEnd(_ bytes: UnsafePointer<UInt8>, from offset: Int, count: Int) -> Int {
        var pieceEnd = min(offset + releaseChunk, count)
        var backoff = 0
        while pieceEnd < count, backoff < 3, bytes[pieceEnd] & 0xC0 == 0x80 {
            pieceEnd -= 1
            backoff += 1
        }
        return pieceEnd
    }

    #if os(Linux)
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// A large string (a resource's text, say), copied out piece by piece, each piece's input
    /// pages given back to the system as soon as it is copied: the message then needs about its
    /// own size in memory rather than twice that (input buffer plus string) at its peak.
    ///
    /// Each piece is checked before its pages go, so invalid UTF-8 still throws; the input's first
    /// page is kept for the error's excerpt. Pieces end on character boundaries.
    private func makeStringReleasingInput(_ start: Int, _ stop: Int) throws -> String {
        let count = stop - start
        var invalidAt: Int?
        let string = String(unsafeUninitializedCapacity: count) { destination in
            Self.adviseHugePages(destination.baseAddress!, count)
            var offset = 0
            while offset < count {
                let pieceEnd = Self.pieceEnd(base + start, from: offset, count: count)
                let piece = UnsafeBufferPointer(start: base + start + offset, count: pieceEnd - offset)
                // Copied and checked for ASCII in one pass over the bytes; only a piece that is
                // not ASCII needs the full UTF-8 check.
                var combined: UInt8 = 0
                let target = destination.baseAddress! + offset
                for position in 0..<piece.count {
                    let byte = piece[position]
                    target[position] = byte
                    combined |= byte
                }
                guard combined < 0x80 || String(validating: piece, as: UTF8.self) != nil else {
                    invalidAt = start + offset
                    return 0
                }
                releaseInputPages(from: start + offset, to: start + pieceEnd)
                offset = pieceEnd
            }
            return count
        }
        if let invalidAt { throw JSONParseError(offset: invalidAt, reason: "string is not valid UTF-8") }
        return string
    }

    /// Asks for transparent huge pages for a large string's fresh memory before it is written: a
    /// few page faults instead of thousands (THP is in `madvise` mode by default).
    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
        let hugePage = 2 << 20
        guard count >= 2 * hugePage else { return }
        let lower = (UInt(bitPattern: pointer) + UInt(hugePage) - 1) & ~UInt(hugePage - 1)
        let upper = (UInt(bitPattern: pointer) + UInt(count)) & ~UInt(hugePage - 1)
        guard upper > lower, let aligned = UnsafeMutableRawPointer(bitPattern: lower) else { return }
        _ = madvise(aligned, Int(upper - lower), MADV_HUGEPAGE)
    }

    /// Gives back the whole pages of `base[from..<to]`, except the input's first page.
    private func releaseInputPages(from: Int, to: Int) {
        Self.releasePages(from: max(base + from, base + Self.pageSize), to: base + to)
    }

    /// Gives back the whole pages between `from` and `to`, which are private anonymous memory
    /// (malloc's) nobody reads again: they read back as zeros afterwards.
    static func releasePages(from: UnsafePointer<UInt8>, to: UnsafePointer<UInt8>) {
        let lower = (UInt(bitPattern: from) + UInt(pageSize) - 1) & ~UInt(pageSize - 1)
        let upper = UInt(bitPattern: to) & ~UInt(pageSize - 1)
        guard upper > lower, let pointer = UnsafeMutableRawPointer(bitPattern: lower) else { return }
        _ = madvise(pointer, Int(upper - lower), MADV_DONTNEED)
    }
    #endif

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        return combined < 0x80
    }

    private mutating func parseEscapedString(from start: Int) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        var runStart = start
        index = start
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                index += 1
                guard let string = String(validating: bytes, as: UTF8.self) else {
                    throw JSONParseError(offset: start, reason: "string is not valid UTF-8")
                }
                return string
            }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            index += 1
            guard index < end else { break }
            let escape = base[index]
            index += 1
            if let unescaped = Self.unescaped(escape) {
                bytes.append(unescaped)
            } else if escape == UInt8(ascii: "u") {
                let scalar = try parseUnicodeEscape()
                appendUTF8(scalar, to: &bytes)
            } else {
                index -= 1
                throw error("invalid escape sequence")
            }
            runStart = index
        }
        throw error("unterminated string")
    }

    /// The byte a one-character escape (`\n`, `\"`, …) stands for; `nil` for `u` and for invalid escapes.
    @inline(__always)
    static func unescaped(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escape
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// Parses the four hex digits after `\u`, joining a surrogate pair when one follows.
    /// A lone surrogate becomes U+FFFD rather than an error: servers do send them.
    mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800...0xDBFF).contains(first) {
            if end - index >= 6, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") {
                let saved = index
                index += 2
                let second = try parseHex4()
                if (0xDC00...0xDFFF).contains(second) {
                    let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    return Unicode.Scalar(value) ?? "\u{FFFD}"
                }
                index = saved
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard end - index >= 4 else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &encoded) { encoded in
            let target = encoded.baseAddress!.assumingMemoryBound(to: UInt8.self)
            bytes.append(contentsOf: UnsafeBufferPointer(start: target, count: Self.writeUTF8(scalar, to: target)))
        }
    }

    /// Writes the UTF-8 encoding of `scalar` (one to four bytes) at `target`; returns its length.
    static func writeUTF8(_ scalar: Unicode.Scalar, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            target[0] = UInt8(value)
            return 1
        case 0x80..<0x800:
            target[0] = UInt8(0xC0 | (value >> 6))
            target[1] = UInt8(0x80 | (value & 0x3F))
            return 2
        case 0x800..<0x10000:
            target[0] = UInt8(0xE0 | (value >> 12))
            target[1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            target[2] = UInt8(0x80 | (value & 0x3F))
            return 3
        default:
            target[0] = UInt8(0xF0 | (value >> 18))
            target[1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            target[2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            target[3] = UInt8(0x80 | (value & 0x3F))
            return 4
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        var negative = false
        if base[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard let first = peek(), isDigit(first) else { throw error("invalid number") }
        // Accumulate as a negative number so Int.min parses without overflow.
        var accumulator = 0
        var overflow = false
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek(), isDigit(next) { throw error("leading zero in a number") }
        } else {
            while let byte = peek(), isDigit(byte) {
                if !overflow {
                    let (times10, o1) = accumulator.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.subtractingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                    overflow = o1 || o2
                    accumulator = sum
                }
                index += 1
            }
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let byte = peek(), isDigit(byte) else { throw error("expected digits after '.'") }
            while let byte = peek(), isDigit(byte) { index += 1 }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard let byte = peek(), isDigit(byte) else { throw error("expected digits in an exponent") }
            while let byte = peek(), isDigit(byte) { index += 1 }
        }
        if isInteger && !overflow {
            if negative { return .int(accumulator) }
            if accumulator != Int.min { return .int(-accumulator) }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        guard let double = Double(text) else { throw JSONParseError(offset: start, reason: "invalid number") }
        return .double(double)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
