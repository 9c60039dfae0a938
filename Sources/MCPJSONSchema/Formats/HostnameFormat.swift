/// RFC 1123 host names (with IDNA A-labels checked) and IDNA2008 internationalized host names.
enum HostnameFormat {
    /// The label separators IDNA accepts: full stop, ideographic, fullwidth and halfwidth full stops.
    private static let separators: Set<Unicode.Scalar> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]

    /// ASCII letters, digits and hyphens; labels of 1–63 characters; at most 253 in all;
    /// `xn--` labels must be valid A-labels.
    static func isHostname(_ string: String) -> Bool {
        guard !string.isEmpty, string.utf8.count <= 253, string.unicodeScalars.allSatisfy(\.isASCII) else { return false }
        var decoded: [[Unicode.Scalar]] = []
        for label in string.split(separator: ".", omittingEmptySubsequences: false) {
            guard let scalars = checkASCIILabel(label) else { return false }
            decoded.append(scalars)
        }
        return IDNA.satisfiesBidiRule(decoded)
    }

    /// Like ``isHostname(_:)`` but labels may be U-labels, checked by IDNA2008 and measured in
    /// their A-label form.
    static func isInternationalHostname(_ string: String) -> Bool {
        let scalars = Array(string.unicodeScalars)
        guard !scalars.isEmpty else { return false }
        var decoded: [[Unicode.Scalar]] = []
        var totalLength = 0
        for label in scalars.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }) {
            if label.allSatisfy(\.isASCII) {
                var text = ""
                text.unicodeScalars.append(contentsOf: label)
                guard let scalars = checkASCIILabel(Substring(text)) else { return false }
                decoded.append(scalars)
                totalLength += label.count + 1
            } else {
                // An A-label spends at least one character per code point, so a longer U-label
                // cannot fit in 63; checking first also keeps the encoder's work small.
                let lowered = label.map(lowercasedASCII)
                guard lowered.count <= 63, IDNA.isValidULabel(lowered), let encoded = Punycode.encode(lowered), encoded.utf8.count + 4 <= 63 else {
                    return false
                }
                decoded.append(lowered)
                totalLength += encoded.utf8.count + 5
            }
        }
        return totalLength - 1 <= 253 && IDNA.satisfiesBidiRule(decoded)
    }

    /// Checks one ASCII label; returns its code points (decoded, for an A-label) or `nil`.
    private static func checkASCIILabel(_ label: Substring) -> [Unicode.Scalar]? {
        guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
              label.unicodeScalars.allSatisfy({ URIFormat.Grammar.isAlpha($0) || URIFormat.Grammar.isDigit($0) || $0 == "-" }) else {
            return nil
        }
        let lowered = label.lowercased()
        guard lowered.count >= 4, lowered.dropFirst(2).hasPrefix("--") else { return Array(lowered.unicodeScalars) }
        // "??--" is reserved for encodings; "xn--" is the only one in use.
        guard lowered.hasPrefix("xn--") else { return nil }
        let payload = lowered.dropFirst(4)
        guard let decoded = Punycode.decode(payload), decoded.contains(where: { !$0.isASCII }),
              Punycode.encode(decoded) == String(payload), IDNA.isValidULabel(decoded) else { return nil }
        return decoded
    }

    private static func lowercasedASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
    }
}
