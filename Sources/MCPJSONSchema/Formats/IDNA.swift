/// The parts of IDNA2008 (RFC 5891–5893) needed to decide whether a label is a valid U-label.
///
/// Code point validity follows the derivation rules of RFC 5892 section 2 using the Unicode
/// properties the standard library exposes. Swift does not expose Script, Joining_Type or
/// Bidi_Class, so the contextual and Bidi rules use the ranges of the scripts concerned
/// (Arabic, Syriac, N'Ko, Hebrew, Greek, Kana, Han); this is exact for the characters those
/// rules are about and an approximation for rare scripts. Labels are not checked for NFC.
enum IDNA {
    enum Validity {
        case valid
        case contextJoiner
        case contextOther
        case disallowed
    }

    // MARK: Code point validity (RFC 5892 section 2)

    static func validity(_ scalar: Unicode.Scalar) -> Validity {
        let value = scalar.value
        switch value {
        case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
            return .valid
        case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB, 0x0660...0x0669, 0x06F0...0x06F9:
            return .contextOther
        case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
            return .disallowed
        case 0x61...0x7A, 0x30...0x39, 0x2D:
            return .valid
        case 0x200C, 0x200D:
            return .contextJoiner
        default:
            break
        }
        let properties = scalar.properties
        if properties.generalCategory == .unassigned { return .disallowed }
        if properties.changesWhenNFKCCaseFolded { return .disallowed }
        if properties.isDefaultIgnorableCodePoint || properties.isWhitespace || properties.isNoncharacterCodePoint {
            return .disallowed
        }
        switch value {
        case 0x20D0...0x20FF, 0x1D100...0x1D1FF, 0x1D200...0x1D24F:
            return .disallowed  // IgnorableBlocks
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF:
            return .disallowed  // OldHangulJamo
        default:
            break
        }
        switch properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter, .nonspacingMark, .spacingMark:
            return .valid
        default:
            return .disallowed
        }
    }

    // MARK: U-labels (RFC 5891 section 4.2.3, RFC 5892 appendix A)

    /// Whether `label` (lower-cased, non-empty) is a valid U-label apart from the Bidi rule.
    static func isValidULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
        if label.count >= 4 && label[2] == "-" && label[3] == "-" { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        for (index, scalar) in label.enumerated() {
            switch validity(scalar) {
            case .valid: continue
            case .disallowed: return false
            case .contextJoiner, .contextOther:
                guard satisfiesContextRule(at: index, in: label) else { return false }
            }
        }
        return true
    }

    private static func satisfiesContextRule(at index: Int, in label: [Unicode.Scalar]) -> Bool {
        let scalar = label[index]
        let before = index > 0 ? label[index - 1] : nil
        let after = index + 1 < label.count ? label[index + 1] : nil
        switch scalar.value {
        case 0x200C:
            if let before, before.properties.canonicalCombiningClass == .virama { return true }
            return isJoinedByNonJoiner(at: index, in: label)
        case 0x200D:
            return before?.properties.canonicalCombiningClass == .virama
        case 0x00B7:
            return before == "l" && after == "l"
        case 0x0375:
            return after.map(isGreek) ?? false
        case 0x05F3, 0x05F4:
            return before.map(isHebrew) ?? false
        case 0x30FB:
            return label.contains { $0.value != 0x30FB && isKanaOrHan($0) }
        case 0x0660...0x0669:
            return !label.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9:
            return !label.contains { (0x0660...0x0669).contains($0.value) }
        default:
            return false
        }
    }

    /// `(Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D})`.
    private static func isJoinedByNonJoiner(at index: Int, in label: [Unicode.Scalar]) -> Bool {
        var left = index - 1
        while left >= 0 && joiningType(label[left]) == .transparent { left -= 1 }
        var right = index + 1
        while right < label.count && joiningType(label[right]) == .transparent { right += 1 }
        guard left >= 0, right < label.count else { return false }
        let leftType = joiningType(label[left])
        let rightType = joiningType(label[right])
        return (leftType == .left || leftType == .dual) && (rightType == .right || rightType == .dual)
    }

    private enum JoiningType {
        case dual, right, left, transparent, none
    }

    private static func joiningType(_ scalar: Unicode.Scalar) -> JoiningType {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return scalar.value == 0x200C || scalar.value == 0x200D ? .none : .transparent
        default:
            break
        }
        let value = scalar.value
        if rightJoining.contains(where: { $0.contains(value) }) { return .right }
        let isLetter = scalar.properties.generalCategory == .otherLetter
        switch value {
        case 0x0620...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0x0710...0x074F, 0x07CA...0x07EA, 0x1820...0x1878, 0xA840...0xA872:
            return isLetter ? .dual : .none
        default:
            return .none
        }
    }

    /// Right-joining letters of Arabic and Syriac (Joining_Type R).
    private static let rightJoining: [ClosedRange<UInt32>] = [
        0x0622...0x0625, 0x0627...0x0627, 0x0629...0x0629, 0x062F...0x0632, 0x0648...0x0648, 0x0671...0x0673,
        0x0675...0x0677, 0x0688...0x0699, 0x06C0...0x06C0, 0x06C3...0x06CB, 0x06CD...0x06CD, 0x06CF...0x06CF,
        0x06D2...0x06D3, 0x06D5...0x06D5, 0x06EE...0x06EF, 0x0759...0x075B, 0x076B...0x076C, 0x0771...0x0771,
        0x0773...0x0774, 0x0778...0x0779, 0x0710...0x0710, 0x0715...0x0719, 0x071E...0x071E, 0x0728...0x0728,
        0x072A...0x072A, 0x072C...0x072C, 0x072F...0x072F, 0x074D...0x074D,
    ]

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0370...0x0373, 0x0376...0x03E1, 0x03F0...0x03FF, 0x1D26...0x1D2A, 0x1F00...0x1FFE, 0x10140...0x1018E:
            return true
        default:
            return false
        }
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        (0x0591...0x05F4).contains(scalar.value) || (0xFB1D...0xFB4F).contains(scalar.value)
    }

    private static func isKanaOrHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3041...0x309F, 0x1B001...0x1B11F:  // Hiragana
            return true
        case 0x30A0...0x30FF, 0x31F0...0x31FF, 0x32D0...0x32FE, 0x3300...0x3357, 0xFF66...0xFF9D, 0x1B000...0x1B000:  // Katakana
            return true
        case 0x2E80...0x2FDF, 0x3005...0x3005, 0x3007...0x3007, 0x3021...0x3029, 0x3038...0x303B, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F:  // Han
            return true
        default:
            return false
        }
    }

    // MARK: Bidi rule (RFC 5893 section 2)

    private enum BidiClass {
        case leftToRight, rightToLeft, arabicLetter, arabicNumber, europeanNumber, nonspacingMark, other
    }

    private static func bidiClass(_ scalar: Unicode.Scalar) -> BidiClass {
        let value = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return .nonspacingMark
        default: break
        }
        switch value {
        case 0x30...0x39, 0x06F0...0x06F9, 0xB2, 0xB3, 0xB9: return .europeanNumber
        case 0x0600...0x0605, 0x0660...0x0669, 0x066B...0x066C, 0x06DD, 0x08E2, 0x10E60...0x10E7E: return .arabicNumber
        case 0x0590...0x05FF, 0x07C0...0x085F, 0xFB1D...0xFB4F, 0x10800...0x10FFF, 0x1E800...0x1EDFF: return .rightToLeft
        case 0x0606...0x07BF, 0x0860...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF, 0x1EE00...0x1EEFF: return .arabicLetter
        default: break
        }
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .modifierLetter, .titlecaseLetter, .spacingMark, .decimalNumber,
             .letterNumber, .otherNumber:
            return .leftToRight
        default:
            return .other
        }
    }

    /// Whether the labels of a domain name satisfy the Bidi rule. Only domains with at least one
    /// right-to-left label are constrained.
    static func satisfiesBidiRule(_ labels: [[Unicode.Scalar]]) -> Bool {
        let classes = labels.map { $0.map(bidiClass) }
        let isBidiDomain = classes.contains { $0.contains { $0 == .rightToLeft || $0 == .arabicLetter || $0 == .arabicNumber } }
        guard isBidiDomain else { return true }
        for label in classes where !label.isEmpty {
            let significant = label.last { $0 != .nonspacingMark }
            switch label[0] {
            case .rightToLeft, .arabicLetter:
                guard !label.contains(.leftToRight) else { return false }
                guard let significant, [.rightToLeft, .arabicLetter, .europeanNumber, .arabicNumber].contains(significant) else {
                    return false
                }
                if label.contains(.europeanNumber) && label.contains(.arabicNumber) { return false }
            case .leftToRight:
                guard !label.contains(where: { $0 == .rightToLeft || $0 == .arabicLetter || $0 == .arabicNumber }) else { return false }
                guard let significant, significant == .leftToRight || significant == .europeanNumber else { return false }
            default:
                return false
            }
        }
        return true
    }
}
