/// RFC 5321 `Mailbox` (`email`) and its RFC 6531 internationalized form (`idn-email`).
enum EmailFormat {
    static func isEmail(_ string: String, international: Bool) -> Bool {
        let scalars = Array(string.unicodeScalars)
        // The domain never contains "@"; a quoted local part may.
        guard let at = scalars.lastIndex(of: "@") else { return false }
        let local = scalars[..<at]
        let domain = scalars[(at + 1)...]
        guard !local.isEmpty, !domain.isEmpty, isLocalPart(local, international: international) else { return false }
        return isDomain(domain, international: international)
    }

    /// A dot-string of atoms, or a quoted string.
    private static func isLocalPart(_ local: ArraySlice<Unicode.Scalar>, international: Bool) -> Bool {
        if local.first == "\"" {
            guard local.count >= 2, local.last == "\"" else { return false }
            var escaped = false
            for scalar in local.dropFirst().dropLast() {
                if escaped {
                    guard (0x20...0x7E).contains(scalar.value) || (international && !scalar.isASCII) else { return false }
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else {
                    // qtextSMTP: printable ASCII except `"` and `\`.
                    let isText = (0x20...0x7E).contains(scalar.value) && scalar != "\""
                    guard isText || (international && !scalar.isASCII) else { return false }
                }
            }
            return !escaped
        }
        return local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isAtomText($0) || (international && !$0.isASCII) }
        }
    }

    private static func isAtomText(_ scalar: Unicode.Scalar) -> Bool {
        URIFormat.Grammar.isAlpha(scalar) || URIFormat.Grammar.isDigit(scalar) || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    /// A host name, `[IPv4]` or `[IPv6:…]`.
    private static func isDomain(_ domain: ArraySlice<Unicode.Scalar>, international: Bool) -> Bool {
        var text = ""
        text.unicodeScalars.append(contentsOf: domain)
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { return false }
            let literal = text.dropFirst().dropLast()
            if literal.hasPrefix("IPv6:") { return IPAddressFormat.isIPv6(literal.dropFirst(5)) }
            return IPAddressFormat.isIPv4(literal)
        }
        return international ? HostnameFormat.isInternationalHostname(text) : HostnameFormat.isHostname(text)
    }
}
