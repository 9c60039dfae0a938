/// RFC 2673 dotted-quad IPv4 and RFC 4291 IPv6 text forms (no zone, no prefix length).
enum IPAddressFormat {
    /// Four decimal octets 0–255 without leading zeros.
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy(DateTimeFormat.isDigit) else { return false }
            guard part.utf8.count == 1 || part.utf8.first != UInt8(ascii: "0") else { return false }
            return Int(part).map { $0 <= 255 } ?? false
        }
    }

    /// Eight groups of up to four hex digits, one `::` for a run of zero groups, and optionally an
    /// IPv4 address in place of the last two groups.
    static func isIPv6(_ text: Substring) -> Bool {
        guard text.utf8.count <= 45 else { return false }
        var hexPart = text
        var ipv4Groups = 0
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(text[text.index(after: lastColon)...]) else { return false }
            ipv4Groups = 2
            hexPart = text[...lastColon]
            // Keep a "::" that ends the hex part; drop a single separating colon.
            if !hexPart.hasSuffix("::") { hexPart = hexPart.dropLast() }
        }
        let compressions = hexPart.ranges(of: "::")
        switch compressions.count {
        case 0:
            guard let count = groupCount(hexPart) else { return false }
            return count + ipv4Groups == 8
        case 1:
            let range = compressions[0]
            guard let before = groupCount(hexPart[..<range.lowerBound]),
                  let after = groupCount(hexPart[range.upperBound...]) else { return false }
            return before + after + ipv4Groups <= 7
        default:
            return false
        }
    }

    /// The number of colon-separated groups of one to four hex digits, `nil` if malformed.
    private static func groupCount(_ text: Substring) -> Int? {
        if text.isEmpty { return 0 }
        var count = 0
        for group in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard (1...4).contains(group.utf8.count), group.utf8.allSatisfy(isHexDigit) else { return nil }
            count += 1
        }
        return count
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        DateTimeFormat.isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
