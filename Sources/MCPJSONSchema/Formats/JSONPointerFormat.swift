/// RFC 6901 JSON Pointers and draft-handrews relative JSON Pointers.
enum JSONPointerFormat {
    /// Empty, or `/`-separated tokens in which `~` is always followed by `0` or `1`.
    static func isJSONPointer(_ text: Substring) -> Bool {
        guard text.isEmpty || text.hasPrefix("/") else { return false }
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte == UInt8(ascii: "~") {
                let next = bytes.next()
                guard next == UInt8(ascii: "0") || next == UInt8(ascii: "1") else { return false }
            }
        }
        return true
    }

    /// A non-negative integer without leading zeros, then `#` or a JSON Pointer.
    static func isRelativeJSONPointer(_ string: String) -> Bool {
        let text = Substring(string)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits == "0" || !digits.hasPrefix("0") else { return false }
        let rest = text.dropFirst(digits.count)
        return rest == "#" || isJSONPointer(rest)
    }
}
