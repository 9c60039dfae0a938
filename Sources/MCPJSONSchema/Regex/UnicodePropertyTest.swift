/// A `\p{…}` test: a General_Category value or a binary property, by the names ECMA-262 (and,
/// for a few aliases such as `digit`, common regex dialects) use.
///
/// The standard library exposes no Script property, so `\p{Script=…}` is rejected as unsupported
/// rather than guessed.
struct UnicodePropertyTest: Sendable {
    private enum Kind: Sendable {
        case categories(UInt32)
        case binary(BinaryProperty)
    }

    private enum BinaryProperty: Sendable {
        case any, assigned, ascii, alphabetic, whiteSpace, uppercase, lowercase, emoji, ideographic, math
        case asciiHexDigit, hexDigit, dash, noncharacter, defaultIgnorable, idStart, idContinue, joinControl
    }

    private let kind: Kind
    /// `\P{…}` or `\p{^…}`-style negation.
    let negated: Bool

    /// The test for a property name such as `L`, `Letter`, `General_Category=Lu` or `Alphabetic`;
    /// `nil` if the name is unknown or unsupported.
    init?(name: String, negated: Bool) {
        self.negated = negated
        var name = Substring(name)
        if let equals = name.firstIndex(of: "=") {
            let property = name[..<equals]
            guard property == "General_Category" || property == "gc" else { return nil }
            name = name[name.index(after: equals)...]
            guard let mask = Self.categoryMask(String(name)) else { return nil }
            kind = .categories(mask)
            return
        }
        if let mask = Self.categoryMask(String(name)) {
            kind = .categories(mask)
        } else if let property = Self.binaryProperty(String(name)) {
            kind = .binary(property)
        } else {
            return nil
        }
    }

    func matches(_ scalar: Unicode.Scalar) -> Bool {
        let result: Bool
        switch kind {
        case .categories(let mask):
            result = mask & Self.bit(scalar.properties.generalCategory) != 0
        case .binary(let property):
            result = Self.has(property, scalar)
        }
        return result != negated
    }

    private static func has(_ property: BinaryProperty, _ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch property {
        case .any: return true
        case .assigned: return properties.generalCategory != .unassigned
        case .ascii: return scalar.isASCII
        case .alphabetic: return properties.isAlphabetic
        case .whiteSpace: return properties.isWhitespace
        case .uppercase: return properties.isUppercase
        case .lowercase: return properties.isLowercase
        case .emoji: return properties.isEmoji
        case .ideographic: return properties.isIdeographic
        case .math: return properties.isMath
        case .asciiHexDigit: return properties.isASCIIHexDigit
        case .hexDigit: return properties.isHexDigit
        case .dash: return properties.isDash
        case .noncharacter: return properties.isNoncharacterCodePoint
        case .defaultIgnorable: return properties.isDefaultIgnorableCodePoint
        case .idStart: return properties.isIDStart
        case .idContinue: return properties.isIDContinue
        case .joinControl: return properties.isJoinControl
        }
    }

    private static func binaryProperty(_ name: String) -> BinaryProperty? {
        switch name {
        case "Any": return .any
        case "Assigned": return .assigned
        case "ASCII": return .ascii
        case "Alphabetic", "Alpha": return .alphabetic
        case "White_Space", "space": return .whiteSpace
        case "Uppercase", "Upper": return .uppercase
        case "Lowercase", "Lower": return .lowercase
        case "Emoji": return .emoji
        case "Ideographic", "Ideo": return .ideographic
        case "Math": return .math
        case "ASCII_Hex_Digit", "AHex": return .asciiHexDigit
        case "Hex_Digit", "Hex": return .hexDigit
        case "Dash": return .dash
        case "Noncharacter_Code_Point", "NChar": return .noncharacter
        case "Default_Ignorable_Code_Point", "DI": return .defaultIgnorable
        case "ID_Start", "IDS": return .idStart
        case "ID_Continue", "IDC": return .idContinue
        case "Join_Control", "Join_C": return .joinControl
        default: return nil
        }
    }

    private static let categories: [Unicode.GeneralCategory] = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark,
        .decimalNumber, .letterNumber, .otherNumber,
        .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation,
        .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
        .spaceSeparator, .lineSeparator, .paragraphSeparator,
        .control, .format, .surrogate, .privateUse, .unassigned,
    ]

    private static func bit(_ category: Unicode.GeneralCategory) -> UInt32 {
        guard let index = categories.firstIndex(of: category) else { return 0 }
        return 1 << UInt32(index)
    }

    private static func mask(_ members: [Unicode.GeneralCategory]) -> UInt32 {
        members.reduce(0) { $0 | bit($1) }
    }

    /// The categories a General_Category value name or alias stands for.
    private static func categoryMask(_ name: String) -> UInt32? {
        switch name {
        case "L", "Letter": return mask([.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter])
        case "LC", "Cased_Letter": return mask([.uppercaseLetter, .lowercaseLetter, .titlecaseLetter])
        case "Lu", "Uppercase_Letter": return mask([.uppercaseLetter])
        case "Ll", "Lowercase_Letter": return mask([.lowercaseLetter])
        case "Lt", "Titlecase_Letter": return mask([.titlecaseLetter])
        case "Lm", "Modifier_Letter": return mask([.modifierLetter])
        case "Lo", "Other_Letter": return mask([.otherLetter])
        case "M", "Mark", "Combining_Mark": return mask([.nonspacingMark, .spacingMark, .enclosingMark])
        case "Mn", "Nonspacing_Mark": return mask([.nonspacingMark])
        case "Mc", "Spacing_Mark": return mask([.spacingMark])
        case "Me", "Enclosing_Mark": return mask([.enclosingMark])
        case "N", "Number": return mask([.decimalNumber, .letterNumber, .otherNumber])
        case "Nd", "Decimal_Number", "digit": return mask([.decimalNumber])
        case "Nl", "Letter_Number": return mask([.letterNumber])
        case "No", "Other_Number": return mask([.otherNumber])
        case "P", "Punctuation", "punct":
            return mask([.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                         .initialPunctuation, .finalPunctuation, .otherPunctuation])
        case "Pc", "Connector_Punctuation": return mask([.connectorPunctuation])
        case "Pd", "Dash_Punctuation": return mask([.dashPunctuation])
        case "Ps", "Open_Punctuation": return mask([.openPunctuation])
        case "Pe", "Close_Punctuation": return mask([.closePunctuation])
        case "Pi", "Initial_Punctuation": return mask([.initialPunctuation])
        case "Pf", "Final_Punctuation": return mask([.finalPunctuation])
        case "Po", "Other_Punctuation": return mask([.otherPunctuation])
        case "S", "Symbol": return mask([.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol])
        case "Sm", "Math_Symbol": return mask([.mathSymbol])
        case "Sc", "Currency_Symbol": return mask([.currencySymbol])
        case "Sk", "Modifier_Symbol": return mask([.modifierSymbol])
        case "So", "Other_Symbol": return mask([.otherSymbol])
        case "Z", "Separator": return mask([.spaceSeparator, .lineSeparator, .paragraphSeparator])
        case "Zs", "Space_Separator": return mask([.spaceSeparator])
        case "Zl", "Line_Separator": return mask([.lineSeparator])
        case "Zp", "Paragraph_Separator": return mask([.paragraphSeparator])
        case "C", "Other": return mask([.control, .format, .surrogate, .privateUse, .unassigned])
        case "Cc", "Control", "cntrl": return mask([.control])
        case "Cf", "Format": return mask([.format])
        case "Cs", "Surrogate": return mask([.surrogate])
        case "Co", "Private_Use": return mask([.privateUse])
        case "Cn", "Unassigned": return mask([.unassigned])
        default: return nil
        }
    }
}
