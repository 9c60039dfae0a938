#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Adoption: a large message is usually one large string (a resource's text, a file, an image in
// base64) in a small envelope. When the frame was read into the storage of a `String` under
// construction (`String(unsafeUninitializedCapacity:)`), the parser leaves that string where it
// is, and the caller moves it to the front of the storage, which then becomes the string: no
// second buffer, no copy into fresh memory, no page faults beyond the ones reading cost.

/// One step from a JSON value to a value inside it.
enum JSONPathStep: Equatable {
    case key(String)
    case index(Int)
}

/// A string value the parser left in its input, and where it belongs in the parsed value (which
/// holds an empty string in its place).
struct AdoptedString {
    /// The string's bytes between its quotes, as written.
    var range: Range<Int>
    /// Whether `range` holds escape sequences.
    var isEscaped: Bool
    /// The steps from the parsed value down to the string, innermost first.
    var path: [JSONPathStep]
}

extension JSONParser {
    /// The index of the quote that closes the string whose content starts at `start`, and
    /// whether the content holds a backslash; `nil` when no quote closes it. Linear: each run
    /// of backslashes is looked at once, by the quote that follows it.
    static func closingQuote(base: UnsafePointer<UInt8>, from start: Int, end: Int) -> (Int, Bool)? {
        var position = start
        while let quote = memchr(base + position, Int32(UInt8(ascii: "\"")), end - position) {
            let quoteIndex = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quoteIndex - backslashes > start, base[quoteIndex - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 {
                let isEscaped = memchr(base + start, Int32(UInt8(ascii: "\\")), quoteIndex - start) != nil
                return (quoteIndex, isEscaped)
            }
            position = quoteIndex + 1
        }
        return nil
    }

    /// Moves the content of `adopted` to the start of `storage` (the parser's input, `inputLength`
    /// bytes), unescaped and checked, and returns its length in bytes.
    ///
    /// Only bytes already read are overwritten: content moves towards the start and unescaping
    /// never lengthens it.
    ///
    /// - Throws: ``JSONParseError`` for an invalid escape sequence or invalid UTF-8, at the offset
    ///   and with the reason the usual parse gives.
    static func moveAdoptedString(_ adopted: AdoptedString, in storage: UnsafeMutablePointer<UInt8>, inputLength: Int) throws -> Int {
        let range = adopted.range
        guard adopted.isEscaped else {
            // Each piece is checked while it is in the cache, then moved.
            var offset = range.lowerBound
            while offset < range.upperBound {
                let pieceEnd = range.lowerBound + pieceEnd(storage + range.lowerBound, from: offset - range.lowerBound, count: range.count)
                let piece = UnsafeBufferPointer(start: storage + offset, count: pieceEnd - offset)
                guard isValidUTF8(piece) else {
                    throw JSONParseError(offset: offset, reason: "string is not valid UTF-8")
                }
                memmove(storage + offset - range.lowerBound, storage + offset, piece.count)
                offset = pieceEnd
            }
            return range.count
        }
        // Runs without escapes move with memmove; each escape is decoded by the parser's own code,
        // which (as in the usual parse) may look past the closing quote at a broken `\u` escape.
        var parser = JSONParser(base: storage, end: inputLength, maximumDepth: 0, releasesInput: false)
        parser.index = range.lowerBound
        var written = 0
        while parser.index < range.upperBound {
            let runStart = parser.index
            let runEnd = memchr(storage + runStart, Int32(UInt8(ascii: "\\")), range.upperBound - runStart)
                .map { storage.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? range.upperBound
            memmove(storage + written, storage + runStart, runEnd - runStart)
            written += runEnd - runStart
            parser.index = runEnd + 1
            guard runEnd < range.upperBound else { break }
            // `closingQuote` saw to it that a backslash is never the content's last byte.
            guard parser.index < range.upperBound else { throw JSONParseError(offset: runEnd, reason: "invalid escape sequence") }
            let escape = storage[parser.index]
            parser.index += 1
            if let unescaped = unescaped(escape) {
                storage[written] = unescaped
                written += 1
            } else if escape == UInt8(ascii: "u") {
                written += writeUTF8(try parser.parseUnicodeEscape(), to: storage + written)
            } else {
                // At the escape's letter, where the usual parse reports it.
                throw JSONParseError(offset: runEnd + 1, reason: "invalid escape sequence")
            }
        }
        var offset = 0
        while offset < written {
            let pieceEnd = pieceEnd(storage, from: offset, count: written)
            guard isValidUTF8(UnsafeBufferPointer(start: storage + offset, count: pieceEnd - offset)) else {
                throw JSONParseError(offset: range.lowerBound, reason: "string is not valid UTF-8")
            }
            offset = pieceEnd
        }
        return written
    }

    /// Whether `bytes` (a piece that starts and ends on character boundaries) is valid UTF-8;
    /// ASCII, the common case, is checked in one quick pass.
    private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        return combined < 0x80 || String(validating: bytes, as: UTF8.self) != nil
    }
}

extension JSONValue {
    /// Replaces the value at the end of `path` (innermost step first) with `newValue`. The value
    /// is changed in place: no container on the way is copied.
    mutating func replace(at path: inout [JSONPathStep], with newValue: JSONValue) {
        guard let step = path.popLast() else {
            self = newValue
            return
        }
        switch (self, step) {
        case (.object(var object), .key(let key)):
            self = .null  // so that `object` is the only reference, and changes in place
            object.modifyValue(forKey: key) { $0.replace(at: &path, with: newValue) }
            self = .object(object)
        case (.array(var array), .index(let index)) where array.indices.contains(index):
            self = .null
            array[index].replace(at: &path, with: newValue)
            self = .array(array)
        default:
            // The parser records only paths that exist.
            assertionFailure("no value at \(step)")
        }
    }
}
