/// A regular expression compiled to instructions for ``RegexProgram/firstMatch(in:budget:)``'s
/// backtracking machine.
///
/// Counted repetitions are unrolled, so the program size is bounded (``maximumSize``) to keep
/// `a{1000}{1000}` from exhausting memory.
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        /// One code point equal to the value.
        case scalar(UInt32)
        /// One code point in `classes[index]`.
        case scalarClass(Int)
        /// Continue at `preferred`; on failure, backtrack to `alternative`.
        case split(preferred: Int, alternative: Int)
        case jump(Int)
        /// Record the position in capture slot `slot` (group `n` uses slots `2n` and `2n + 1`).
        case save(slot: Int)
        /// Record the position in loop register `register`.
        case mark(register: Int)
        /// Fail unless the position moved since `mark(register:)`: a loop iteration that matches
        /// nothing ends the loop, as ECMA-262 specifies, instead of looping forever.
        case requireProgress(register: Int)
        case assertion(RegexAssertion)
        case backreference(group: Int)
        /// Run `lookarounds[index]` at the current position.
        case lookaround(Int)
        case match
    }

    /// A lookaround's own program.
    struct Lookaround: Sendable {
        var program: RegexProgram
        var behind: Bool
        var negated: Bool
    }

    static let maximumSize = 50_000

    private(set) var instructions: [Instruction] = []
    private(set) var classes: [ScalarClass] = []
    private(set) var lookarounds: [Lookaround] = []
    /// Capture slots (two per group, plus two for the whole match).
    let slotCount: Int
    private(set) var registerCount = 0
    /// Whether every match must start at the beginning of the input (the pattern starts with `^`).
    private(set) var isAnchoredAtStart = false

    /// Compiles `tree`, which has `groupCount` capturing groups.
    init(_ tree: RegexNode, groupCount: Int) throws(ECMAScriptRegexParser.SyntaxError) {
        slotCount = (groupCount + 1) * 2
        try emit(tree)
        instructions.append(.match)
        if case .assertion(.start)? = Self.firstElement(of: tree) { isAnchoredAtStart = true }
    }

    private static func firstElement(of node: RegexNode) -> RegexNode? {
        switch node {
        case .sequence(let elements): return elements.first.flatMap(firstElement)
        case .capture(let body, _): return firstElement(of: body)
        default: return node
        }
    }

    private mutating func append(_ instruction: Instruction) throws(ECMAScriptRegexParser.SyntaxError) {
        guard instructions.count < Self.maximumSize else {
            throw ECMAScriptRegexParser.SyntaxError(message: "the pattern is too large once its repetitions are expanded")
        }
        instructions.append(instruction)
    }

    /// Appends a placeholder to patch once the jump target is known.
    private mutating func placeholder() throws(ECMAScriptRegexParser.SyntaxError) -> Int {
        try append(.jump(-1))
        return instructions.count - 1
    }

    private mutating func emit(_ node: RegexNode) throws(ECMAScriptRegexParser.SyntaxError) {
        switch node {
        case .empty:
            break
        case .characters(let set):
            if let scalar = set.singleScalar {
                try append(.scalar(scalar))
            } else {
                classes.append(set)
                try append(.scalarClass(classes.count - 1))
            }
        case .sequence(let elements):
            for element in elements { try emit(element) }
        case .alternation(let alternatives):
            // split L1, next; L1: a; jump end; next: split L2, … ; last alternative falls through.
            var exits: [Int] = []
            for (index, alternative) in alternatives.enumerated() {
                if index == alternatives.count - 1 {
                    try emit(alternative)
                } else {
                    let split = try placeholder()
                    try emit(alternative)
                    exits.append(try placeholder())
                    instructions[split] = .split(preferred: split + 1, alternative: instructions.count)
                }
            }
            for exit in exits { instructions[exit] = .jump(instructions.count) }
        case .capture(let body, let group):
            try append(.save(slot: group * 2))
            try emit(body)
            try append(.save(slot: group * 2 + 1))
        case .repetition(let body, let minimum, let maximum, let greedy):
            try emitRepetition(body, minimum: minimum, maximum: maximum, greedy: greedy)
        case .backreference(let group):
            try append(.backreference(group: group))
        case .lookaround(let body, let behind, let negated):
            var program = RegexProgram(slotCount: slotCount)
            try program.emit(body)
            try program.append(.match)
            lookarounds.append(Lookaround(program: program, behind: behind, negated: negated))
            try append(.lookaround(lookarounds.count - 1))
        case .assertion(let assertion):
            try append(.assertion(assertion))
        }
    }

    private init(slotCount: Int) {
        self.slotCount = slotCount
    }

    private mutating func emitRepetition(_ body: RegexNode, minimum: Int, maximum: Int?, greedy: Bool) throws(ECMAScriptRegexParser.SyntaxError) {
        for _ in 0..<minimum { try emit(body) }
        func split(at index: Int, body: Int, exit: Int) -> Instruction {
            greedy ? .split(preferred: body, alternative: exit) : .split(preferred: exit, alternative: body)
        }
        if let maximum {
            // Optional copies, each leaving to the same exit: x{0,3} = (x(x(x)?)?)?.
            var splits: [Int] = []
            for _ in minimum..<max(minimum, maximum) {
                splits.append(try placeholder())
                try emit(body)
            }
            let exit = instructions.count
            for index in splits { instructions[index] = split(at: index, body: index + 1, exit: exit) }
        } else {
            // loop: split body, exit; body: mark r; x; require progress r; jump loop; exit:
            let register = registerCount
            registerCount += 1
            let loop = try placeholder()
            try append(.mark(register: register))
            try emit(body)
            try append(.requireProgress(register: register))
            try append(.jump(loop))
            instructions[loop] = split(at: loop, body: loop + 1, exit: instructions.count)
        }
    }
}
