/// RFC 3339 appendix A `duration` (ISO 8601 durations without fractions or signs).
enum DurationFormat {
    /// `P` then date units in the chains Y[M[D]], M[D], D, optionally `T` and time units in the
    /// chains H[M[S]], M[S], S; or `P` and weeks alone.
    static func isDuration(_ string: String) -> Bool {
        var bytes = Array(string.utf8)[...]
        guard bytes.popFirst() == UInt8(ascii: "P"), !bytes.isEmpty else { return false }
        let datePart: ArraySlice<UInt8>
        var timePart: ArraySlice<UInt8>?
        if let separator = bytes.firstIndex(of: UInt8(ascii: "T")) {
            datePart = bytes[..<separator]
            timePart = bytes[(separator + 1)...]
        } else {
            datePart = bytes
        }
        guard let dateUnits = units(datePart), let timeUnits = units(timePart ?? []) else { return false }
        if dateUnits == [UInt8(ascii: "W")] { return timePart == nil }
        if let timePart {
            guard !timePart.isEmpty, isChain(timeUnits, in: Array("HMS".utf8)) else { return false }
        }
        guard dateUnits.isEmpty || isChain(dateUnits, in: Array("YMD".utf8)) else { return false }
        return !dateUnits.isEmpty || timePart != nil
    }

    /// The unit letters of `digits+ letter` components, or `nil` if the text is not such a sequence.
    private static func units(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var units: [UInt8] = []
        var sawDigit = false
        for byte in bytes {
            if DateTimeFormat.isDigit(byte) {
                sawDigit = true
            } else {
                guard sawDigit, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return nil }
                units.append(byte)
                sawDigit = false
            }
        }
        return sawDigit ? nil : units
    }

    /// Whether `units` is a contiguous run of `order` (e.g. "MD" in "YMD", but not "YD").
    private static func isChain(_ units: [UInt8], in order: [UInt8]) -> Bool {
        guard let first = units.first, let start = order.firstIndex(of: first), start + units.count <= order.count else {
            return false
        }
        return Array(order[start..<start + units.count]) == units
    }
}
