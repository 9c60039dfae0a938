/// RFC 9562 UUID text: 8-4-4-4-12 hex digits, any version and variant.
enum UUIDFormat {
    static func isUUID(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !IPAddressFormat.isHexDigit(byte) {
                return false
            }
        }
        return true
    }
}
