/// The 2019-09/2020-12 vocabularies a schema's meta-schema can switch on, as a bit set.
///
/// Draft-07 has no vocabularies; its schemas behave as if every one of them were on.
struct VocabularySet: OptionSet, Hashable, Sendable {
    let rawValue: UInt16

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    static let core = VocabularySet(rawValue: 1 << 0)
    static let applicator = VocabularySet(rawValue: 1 << 1)
    static let unevaluated = VocabularySet(rawValue: 1 << 2)
    static let validation = VocabularySet(rawValue: 1 << 3)
    static let metaData = VocabularySet(rawValue: 1 << 4)
    static let formatAnnotation = VocabularySet(rawValue: 1 << 5)
    static let formatAssertion = VocabularySet(rawValue: 1 << 6)
    static let content = VocabularySet(rawValue: 1 << 7)

    /// What a schema gets when its meta-schema does not say (`$vocabulary` absent).
    static let standard: VocabularySet = [
        .core, .applicator, .unevaluated, .validation, .metaData, .formatAnnotation, .content,
    ]

    /// The vocabulary a `$vocabulary` URI names, or `nil` if this validator does not know it.
    init?(uri: String) {
        let name: Substring
        if uri.hasPrefix("https://json-schema.org/draft/2020-12/vocab/") {
            name = uri.dropFirst("https://json-schema.org/draft/2020-12/vocab/".count)
        } else if uri.hasPrefix("https://json-schema.org/draft/2019-09/vocab/") {
            name = uri.dropFirst("https://json-schema.org/draft/2019-09/vocab/".count)
            // 2019-09 had one "format" vocabulary; treat it as annotation, like 2020-12's default.
            if name == "format" {
                self = .formatAnnotation
                return
            }
        } else {
            return nil
        }
        switch name {
        case "core": self = .core
        case "applicator": self = .applicator
        case "unevaluated": self = .unevaluated
        case "validation": self = .validation
        case "meta-data": self = .metaData
        case "format-annotation": self = .formatAnnotation
        case "format-assertion": self = .formatAssertion
        case "content": self = .content
        default: return nil
        }
    }
}

/// The rules a subschema is compiled under: its draft and the vocabularies its meta-schema enables.
struct Dialect: Hashable, Sendable {
    var draft: JSONSchemaDraft
    var vocabularies: VocabularySet

    init(draft: JSONSchemaDraft, vocabularies: VocabularySet = .standard) {
        self.draft = draft
        self.vocabularies = vocabularies
    }

    /// Whether `keyword` means something in this dialect. Unknown keywords are ignored
    /// (they stay reachable through JSON Pointer references).
    func recognizes(_ keyword: String) -> Bool {
        guard let entry = Self.keywords[keyword] else { return false }
        switch draft {
        case .draft7: return entry.drafts.contains(.draft7)
        case .draft2019_09: return entry.drafts.contains(.draft2019_09) && !vocabularies.isDisjoint(with: entry.vocabulary2019)
        case .draft2020_12: return entry.drafts.contains(.draft2020_12) && !vocabularies.isDisjoint(with: entry.vocabulary)
        }
    }

    /// Whether `format` asserts rather than annotates (the format-assertion vocabulary is on).
    var formatAssertionVocabulary: Bool { vocabularies.contains(.formatAssertion) }

    private struct DraftSet: OptionSet {
        let rawValue: UInt8
        static let draft7 = DraftSet(rawValue: 1)
        static let draft2019_09 = DraftSet(rawValue: 2)
        static let draft2020_12 = DraftSet(rawValue: 4)
        static let all: DraftSet = [.draft7, .draft2019_09, .draft2020_12]
        static let modern: DraftSet = [.draft2019_09, .draft2020_12]
    }

    private struct Entry {
        var drafts: DraftSet
        /// The keyword is active when any of these vocabularies is on (`format` belongs to two).
        var vocabulary: VocabularySet
        /// 2019-09 grouped a few keywords differently (unevaluated* lived in applicator).
        var vocabulary2019: VocabularySet
        init(_ drafts: DraftSet, _ vocabulary: VocabularySet, in2019 vocabulary2019: VocabularySet? = nil) {
            self.drafts = drafts
            self.vocabulary = vocabulary
            self.vocabulary2019 = vocabulary2019 ?? vocabulary
        }
    }

    private static let keywords: [String: Entry] = [
        "$ref": Entry(.all, .core),
        "$defs": Entry(.modern, .core),
        "definitions": Entry([.draft7], .core),
        "$dynamicRef": Entry([.draft2020_12], .core),
        "$recursiveRef": Entry([.draft2019_09], .core),

        "allOf": Entry(.all, .applicator),
        "anyOf": Entry(.all, .applicator),
        "oneOf": Entry(.all, .applicator),
        "not": Entry(.all, .applicator),
        "if": Entry(.all, .applicator),
        "then": Entry(.all, .applicator),
        "else": Entry(.all, .applicator),
        "properties": Entry(.all, .applicator),
        "patternProperties": Entry(.all, .applicator),
        "additionalProperties": Entry(.all, .applicator),
        "propertyNames": Entry(.all, .applicator),
        "dependentSchemas": Entry(.modern, .applicator),
        "dependencies": Entry(.all, .applicator),
        "items": Entry(.all, .applicator),
        "prefixItems": Entry([.draft2020_12], .applicator),
        "additionalItems": Entry([.draft7, .draft2019_09], .applicator),
        "contains": Entry(.all, .applicator),

        "unevaluatedProperties": Entry(.modern, .unevaluated, in2019: .applicator),
        "unevaluatedItems": Entry(.modern, .unevaluated, in2019: .applicator),

        "type": Entry(.all, .validation),
        "enum": Entry(.all, .validation),
        "const": Entry(.all, .validation),
        "multipleOf": Entry(.all, .validation),
        "maximum": Entry(.all, .validation),
        "exclusiveMaximum": Entry(.all, .validation),
        "minimum": Entry(.all, .validation),
        "exclusiveMinimum": Entry(.all, .validation),
        "maxLength": Entry(.all, .validation),
        "minLength": Entry(.all, .validation),
        "pattern": Entry(.all, .validation),
        "maxItems": Entry(.all, .validation),
        "minItems": Entry(.all, .validation),
        "uniqueItems": Entry(.all, .validation),
        "maxContains": Entry(.modern, .validation),
        "minContains": Entry(.modern, .validation),
        "maxProperties": Entry(.all, .validation),
        "minProperties": Entry(.all, .validation),
        "required": Entry(.all, .validation),
        "dependentRequired": Entry(.modern, .validation),

        "format": Entry(.all, [.formatAnnotation, .formatAssertion]),
    ]
}
