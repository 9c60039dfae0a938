/// RFC 3986 URIs and URI references, and RFC 3987 IRIs and IRI references, checked against the
/// ABNF (not merely split), so that spaces, backslashes, bad percent-escapes, non-numeric ports
/// and stray brackets are rejected.
enum URIFormat {
    static func isValid(_ string: String, allowsRelative: Bool, international: Bool) -> Bool {
        let grammar = Grammar(international: international)
        var rest = Array(string.unicodeScalars)[...]

        if let fragmentStart = rest.firstIndex(of: "#") {
            guard grammar.isQueryOrFragment(rest[(fragmentStart + 1)...], allowsPrivate: false) else { return false }
            rest = rest[..<fragmentStart]
        }
        if let queryStart = rest.firstIndex(of: "?") {
            guard grammar.isQueryOrFragment(rest[(queryStart + 1)...], allowsPrivate: international) else { return false }
            rest = rest[..<queryStart]
        }
        let firstDelimiter = rest.firstIndex { $0 == "/" } ?? rest.endIndex
        if let colon = rest[..<firstDelimiter].firstIndex(of: ":") {
            // Before any "/", a colon can only end a scheme (a relative path's first segment may not contain one).
            guard isScheme(rest[..<colon]) else { return false }
            rest = rest[(colon + 1)...]
        } else if !allowsRelative {
            return false
        }
        if rest.starts(with: ["/", "/"]) {
            let authorityEnd = rest.dropFirst(2).firstIndex(of: "/") ?? rest.endIndex
            guard grammar.isAuthority(rest[(rest.startIndex + 2)..<authorityEnd]) else { return false }
            rest = rest[authorityEnd...]
        }
        return rest.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(grammar.isSegment)
    }

    private static func isScheme(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = scalars.first, Grammar.isAlpha(first) else { return false }
        return scalars.allSatisfy { Grammar.isAlpha($0) || Grammar.isDigit($0) || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// The character classes of RFC 3986, extended with RFC 3987's `ucschar` and `iprivate` for IRIs.
    struct Grammar {
        var international: Bool

        static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }

        static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
            ("0"..."9").contains(scalar)
        }

        static func isHex(_ scalar: Unicode.Scalar) -> Bool {
            isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
        }

        func isUnreserved(_ scalar: Unicode.Scalar) -> Bool {
            Self.isAlpha(scalar) || Self.isDigit(scalar) || "-._~".unicodeScalars.contains(scalar)
                || (international && Self.isUCSChar(scalar))
        }

        static func isSubDelimiter(_ scalar: Unicode.Scalar) -> Bool {
            "!$&'()*+,;=".unicodeScalars.contains(scalar)
        }

        /// RFC 3987 `ucschar`: non-ASCII characters minus specials, surrogates, private use and
        /// the last two code points of each plane.
        static func isUCSChar(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            switch value {
            case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF: return true
            case 0x10000...0xEFFFD: return value & 0xFFFF <= 0xFFFD
            default: return false
            }
        }

        static func isPrivate(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true
            default: return false
            }
        }

        /// Whether every character is allowed by `allowed`, `%XX` escapes included.
        func isEncoded(_ scalars: ArraySlice<Unicode.Scalar>, _ allowed: (Unicode.Scalar) -> Bool) -> Bool {
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if scalar == "%" {
                    guard index + 2 < scalars.endIndex,
                          Self.isHex(scalars[index + 1]), Self.isHex(scalars[index + 2]) else { return false }
                    index += 3
                } else {
                    guard allowed(scalar) else { return false }
                    index += 1
                }
            }
            return true
        }

        func isPathCharacter(_ scalar: Unicode.Scalar) -> Bool {
            isUnreserved(scalar) || Self.isSubDelimiter(scalar) || scalar == ":" || scalar == "@"
        }

        func isSegment(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
            isEncoded(scalars, isPathCharacter)
        }

        func isQueryOrFragment(_ scalars: ArraySlice<Unicode.Scalar>, allowsPrivate: Bool) -> Bool {
            isEncoded(scalars) { isPathCharacter($0) || $0 == "/" || $0 == "?" || (allowsPrivate && Self.isPrivate($0)) }
        }

        /// `[userinfo "@"] host [":" port]`.
        func isAuthority(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
            var rest = scalars
            if let at = rest.firstIndex(of: "@") {
                guard isEncoded(rest[..<at], { isUnreserved($0) || Self.isSubDelimiter($0) || $0 == ":" }) else { return false }
                rest = rest[(at + 1)...]
            }
            let port: ArraySlice<Unicode.Scalar>
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), isIPLiteral(rest[(rest.startIndex + 1)..<close]) else { return false }
                let after = rest[(close + 1)...]
                if after.isEmpty { return true }
                guard after.first == ":" else { return false }
                port = after.dropFirst()
            } else {
                let colon = rest.firstIndex(of: ":") ?? rest.endIndex
                guard isEncoded(rest[..<colon], { isUnreserved($0) || Self.isSubDelimiter($0) }) else { return false }
                port = colon == rest.endIndex ? [] : rest[(colon + 1)...]
            }
            return port.allSatisfy(Self.isDigit)
        }

        /// IPv6 address or `v<hex>.<text>` (IPvFuture).
        private func isIPLiteral(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
            if let first = scalars.first, first == "v" || first == "V" {
                guard let dot = scalars.firstIndex(of: "."), dot > scalars.startIndex + 1,
                      scalars[(scalars.startIndex + 1)..<dot].allSatisfy(Self.isHex) else { return false }
                let tail = scalars[(dot + 1)...]
                return !tail.isEmpty && tail.allSatisfy {
                    Self.isAlpha($0) || Self.isDigit($0) || "-._~:".unicodeScalars.contains($0) || Self.isSubDelimiter($0)
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            return IPAddressFormat.isIPv6(Substring(text))
        }
    }
}
