/// Runs a ``RegexProgram`` over code points by backtracking, with an explicit stack (never native
/// recursion proportional to the input) and a step budget, so that catastrophic patterns such as
/// `(a+)+$` stop instead of running for hours.
struct RegexMachine {
    private let input: [Unicode.Scalar]
    /// Instructions left to execute; below zero the search is abandoned.
    private var budget: Int
    private var slots: [Int]

    private enum Backtrack {
        case resume(instruction: Int, position: Int)
        case restoreSlot(Int, Int)
        case restoreRegister(Int, Int)
    }

    /// Whether `program` matches anywhere in `input`; `nil` if that takes more than `budget` steps.
    static func search(_ program: RegexProgram, in input: [Unicode.Scalar], budget: Int) -> Bool? {
        var machine = RegexMachine(input: input, budget: budget, slots: Array(repeating: -1, count: program.slotCount))
        let lastStart = program.isAnchoredAtStart ? 0 : input.count
        for start in 0...lastStart {
            guard let matched = machine.run(program, from: start, endingAt: nil) else { return nil }
            if matched { return true }
        }
        return false
    }

    /// Runs `program` from `start`; with `end`, a match must finish exactly there (lookbehind).
    private mutating func run(_ program: RegexProgram, from start: Int, endingAt end: Int?) -> Bool? {
        var stack: [Backtrack] = []
        var registers = [Int](repeating: -1, count: program.registerCount)
        var instruction = 0
        var position = start
        while true {
            budget -= 1
            if budget < 0 { return nil }
            var failed = false
            switch program.instructions[instruction] {
            case .scalar(let value):
                if position < input.count && input[position].value == value {
                    position += 1
                    instruction += 1
                } else {
                    failed = true
                }
            case .scalarClass(let index):
                if position < input.count && program.classes[index].contains(input[position]) {
                    position += 1
                    instruction += 1
                } else {
                    failed = true
                }
            case .split(let preferred, let alternative):
                stack.append(.resume(instruction: alternative, position: position))
                instruction = preferred
            case .jump(let target):
                instruction = target
            case .save(let slot):
                stack.append(.restoreSlot(slot, slots[slot]))
                slots[slot] = position
                instruction += 1
            case .mark(let register):
                stack.append(.restoreRegister(register, registers[register]))
                registers[register] = position
                instruction += 1
            case .requireProgress(let register):
                if registers[register] == position {
                    failed = true
                } else {
                    instruction += 1
                }
            case .assertion(let assertion):
                if holds(assertion, at: position) {
                    instruction += 1
                } else {
                    failed = true
                }
            case .backreference(let group):
                if let length = matchBackreference(group, at: position) {
                    position += length
                    instruction += 1
                } else {
                    failed = true
                }
            case .lookaround(let index):
                let lookaround = program.lookarounds[index]
                let before = slots
                guard let found = matchLookaround(lookaround, at: position) else { return nil }
                if found != lookaround.negated {
                    if lookaround.negated {
                        slots = before
                    } else {
                        // Captures made inside a positive lookaround stay, until backtracking past it.
                        for slot in slots.indices where slots[slot] != before[slot] {
                            stack.append(.restoreSlot(slot, before[slot]))
                        }
                    }
                    instruction += 1
                } else {
                    slots = before
                    failed = true
                }
            case .match:
                if let end, position != end {
                    failed = true
                } else {
                    return true
                }
            }
            guard failed else { continue }
            var resumed = false
            while let entry = stack.popLast() {
                switch entry {
                case .resume(let target, let savedPosition):
                    instruction = target
                    position = savedPosition
                    resumed = true
                case .restoreSlot(let slot, let value):
                    slots[slot] = value
                case .restoreRegister(let register, let value):
                    registers[register] = value
                }
                if resumed { break }
            }
            if !resumed { return false }
        }
    }

    private func holds(_ assertion: RegexAssertion, at position: Int) -> Bool {
        switch assertion {
        case .start: return position == 0
        case .end: return position == input.count
        case .wordBoundary: return isWordCharacter(at: position - 1) != isWordCharacter(at: position)
        case .notWordBoundary: return isWordCharacter(at: position - 1) == isWordCharacter(at: position)
        }
    }

    private func isWordCharacter(at position: Int) -> Bool {
        guard position >= 0, position < input.count else { return false }
        let value = input[position].value
        return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x5F
    }

    /// The length matched by a backreference at `position`, or `nil`. A group that has not
    /// participated matches the empty string, as in ECMA-262.
    private func matchBackreference(_ group: Int, at position: Int) -> Int? {
        let start = slots[group * 2]
        let end = slots[group * 2 + 1]
        guard start >= 0, end >= start else { return 0 }
        let length = end - start
        guard position + length <= input.count else { return nil }
        for offset in 0..<length where input[start + offset] != input[position + offset] { return nil }
        return length
    }

    /// Whether the lookaround's body matches here (ahead: starting here; behind: ending here).
    private mutating func matchLookaround(_ lookaround: RegexProgram.Lookaround, at position: Int) -> Bool? {
        if !lookaround.behind {
            return run(lookaround.program, from: position, endingAt: nil)
        }
        for start in stride(from: position, through: 0, by: -1) {
            guard let matched = run(lookaround.program, from: start, endingAt: position) else { return nil }
            if matched { return true }
        }
        return false
    }
}
