/// RFC 6570 URI Templates (level 4 syntax).
enum URITemplateFormat {
    static func isURITemplate(_ string: String) -> Bool {
        let scalars = Array(string.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "{":
                guard let close = scalars[index...].firstIndex(of: "}"), isExpression(scalars[(index + 1)..<close]) else { return false }
                index = close + 1
            case "%":
                guard isPercentEscape(scalars[...], at: index) else { return false }
                index += 3
            default:
                guard isLiteral(scalar) else { return false }
                index += 1
            }
        }
        return true
    }

    /// Whether `%XX` (two hex digits) starts at `index`.
    private static func isPercentEscape(_ scalars: ArraySlice<Unicode.Scalar>, at index: Int) -> Bool {
        index + 2 < scalars.endIndex && URIFormat.Grammar.isHex(scalars[index + 1]) && URIFormat.Grammar.isHex(scalars[index + 2])
    }

    /// Any character except controls, space and `"<>\^`{|}` (and `%` outside an escape).
    private static func isLiteral(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x20 || scalar.value == 0x7F { return false }
        if "\"<>\\^`{|}".unicodeScalars.contains(scalar) { return false }
        if scalar.isASCII { return true }
        return URIFormat.Grammar.isUCSChar(scalar) || URIFormat.Grammar.isPrivate(scalar)
    }

    /// `[operator] varspec *("," varspec)` between the braces.
    private static func isExpression(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = body
        if let first = body.first, "+#./;?&=,!@|".unicodeScalars.contains(first) { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        return body.split(separator: ",", omittingEmptySubsequences: false).allSatisfy(isVariableSpecification)
    }

    /// `varname [":" max-length | "*"]`.
    private static func isVariableSpecification(_ spec: ArraySlice<Unicode.Scalar>) -> Bool {
        var name = spec
        if spec.last == "*" {
            name = spec.dropLast()
        } else if let colon = spec.firstIndex(of: ":") {
            let length = spec[(colon + 1)...]
            guard (1...4).contains(length.count), length.first != "0", length.allSatisfy(URIFormat.Grammar.isDigit) else { return false }
            name = spec[..<colon]
        }
        return isVariableName(name)
    }

    /// `varchar *(["."] varchar)` where a varchar is ALPHA / DIGIT / "_" / pct-encoded.
    private static func isVariableName(_ name: ArraySlice<Unicode.Scalar>) -> Bool {
        guard !name.isEmpty, name.first != ".", name.last != "." else { return false }
        var index = name.startIndex
        var previousWasDot = false
        while index < name.endIndex {
            let scalar = name[index]
            if scalar == "." {
                guard !previousWasDot else { return false }
                previousWasDot = true
                index += 1
                continue
            }
            previousWasDot = false
            if scalar == "%" {
                guard isPercentEscape(name, at: index) else { return false }
                index += 3
            } else {
                guard URIFormat.Grammar.isAlpha(scalar) || URIFormat.Grammar.isDigit(scalar) || scalar == "_" else { return false }
                index += 1
            }
        }
        return true
    }
}
