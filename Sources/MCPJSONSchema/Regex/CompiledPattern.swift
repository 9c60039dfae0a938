/// A `pattern` (or `patternProperties` key) compiled once, at schema compile time, for this
/// module's own ECMA-262 matcher.
///
/// Not Swift's `Regex`: its backtracking has no bound (`(a+)+$` against twenty `a`s and a `!`
/// takes over a minute), and a schema from an untrusted server must not be able to hang its
/// client. Every match here runs under a step budget instead.
struct CompiledPattern: Sendable {
    /// The ECMA-262 source, as written in the schema.
    let source: String
    private let program: RegexProgram

    /// Extra steps a match may take per code point of the string, on top of the fixed budget, so
    /// that linear-time patterns finish on strings of any length.
    static let stepsPerCharacter = 64

    /// Compiles `source`; throws a readable reason if it is not a valid ECMA-262 pattern.
    init(_ source: String) throws(ECMAScriptRegexParser.SyntaxError) {
        self.source = source
        let (tree, groupCount) = try ECMAScriptRegexParser.parse(source, strictness: .lenient)
        program = try RegexProgram(tree, groupCount: groupCount)
    }

    /// Whether the pattern matches anywhere in `string` (patterns are not implicitly anchored);
    /// `nil` if deciding takes more than `baseSteps` (plus ``stepsPerCharacter`` per code point).
    func matches(_ string: String, baseSteps: Int) -> Bool? {
        let input = Array(string.unicodeScalars)
        let (perCharacter, overflow) = input.count.multipliedReportingOverflow(by: Self.stepsPerCharacter)
        let (budget, sumOverflow) = baseSteps.addingReportingOverflow(perCharacter)
        return RegexMachine.search(program, in: input, budget: overflow || sumOverflow ? .max : budget)
    }
}
