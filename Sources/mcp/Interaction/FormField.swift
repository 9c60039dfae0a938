import MCPCore

/// Turns what a user typed for one elicitation field into its value, checking it against the
/// field's schema. Pure, so it is tested without a terminal.
enum FormField {
    enum Outcome: Equatable {
        /// The value to send; `nil` means "leave the field out".
        case value(JSONValue?)
        /// Why the input is not acceptable (ask again).
        case invalid(String)
    }

    /// The value for `input` (already trimmed; empty means "use the default / skip").
    static func parse(_ input: String, schema: PrimitiveSchemaDefinition, required: Bool) -> Outcome {
        if input.isEmpty {
            if let defaultValue = defaultValue(of: schema) { return .value(defaultValue) }
            return required ? .invalid("a value is required") : .value(nil)
        }
        switch schema {
        case .string(let string):
            let length = input.unicodeScalars.count
            if let minimum = string.minLength, length < minimum { return .invalid("at least \(minimum) characters") }
            if let maximum = string.maxLength, length > maximum { return .invalid("at most \(maximum) characters") }
            if let format = string.format, let problem = check(input, format: format) { return .invalid(problem) }
            return .value(.string(input))
        case .number(let number):
            let isInteger = number.type == .integer
            guard let value = Double(input), value.isFinite, !isInteger || value.rounded() == value else {
                return .invalid(isInteger ? "a whole number" : "a number")
            }
            if let minimum = number.minimum, value < minimum { return .invalid("at least \(ProgressBar.format(minimum))") }
            if let maximum = number.maximum, value > maximum { return .invalid("at most \(ProgressBar.format(maximum))") }
            return .value(isInteger ? .int(Int(value)) : .double(value))
        case .boolean:
            switch input.lowercased() {
            case "y", "yes", "true", "1": return .value(.bool(true))
            case "n", "no", "false", "0": return .value(.bool(false))
            default: return .invalid("yes or no")
            }
        case .untitledMultiSelect, .titledMultiSelect:
            let options = schema.options ?? []
            var chosen: [String] = []
            for part in input.split(separator: ",").map({ String($0).trimmed }) where !part.isEmpty {
                guard let value = option(part, in: options) else { return .invalid("not an option: \(part)") }
                if !chosen.contains(value) { chosen.append(value) }
            }
            let (minimum, maximum) = itemBounds(schema)
            if let minimum, chosen.count < minimum { return .invalid("choose at least \(minimum)") }
            if let maximum, chosen.count > maximum { return .invalid("choose at most \(maximum)") }
            return .value(.array(chosen.map(JSONValue.string)))
        case .untitledSingleSelect, .titledSingleSelect, .legacyTitledEnum:
            guard let value = option(input, in: schema.options ?? []) else { return .invalid("choose one of the options") }
            return .value(.string(value))
        case .unknown:
            return .value(.string(input))
        }
    }

    /// An option by its number (1-based), value or title.
    private static func option(_ input: String, in options: [EnumOption]) -> String? {
        if let number = Int(input), options.indices.contains(number - 1) { return options[number - 1].value }
        return options.first { $0.value == input || $0.title.lowercased() == input.lowercased() }?.value
    }

    private static func itemBounds(_ schema: PrimitiveSchemaDefinition) -> (Int?, Int?) {
        switch schema {
        case .untitledMultiSelect(let multi): return (multi.minItems, multi.maxItems)
        case .titledMultiSelect(let multi): return (multi.minItems, multi.maxItems)
        default: return (nil, nil)
        }
    }

    static func defaultValue(of schema: PrimitiveSchemaDefinition) -> JSONValue? {
        switch schema {
        case .string(let string): return string.defaultValue.map(JSONValue.string)
        case .number(let number):
            guard let value = number.defaultValue else { return nil }
            return number.type == .integer ? .int(Int(value)) : .double(value)
        case .boolean(let boolean): return boolean.defaultValue.map(JSONValue.bool)
        case .untitledSingleSelect(let select): return select.defaultValue.map(JSONValue.string)
        case .titledSingleSelect(let select): return select.defaultValue.map(JSONValue.string)
        case .legacyTitledEnum(let select): return select.defaultValue.map(JSONValue.string)
        case .untitledMultiSelect(let select): return select.defaultValue.map { .array($0.map(JSONValue.string)) }
        case .titledMultiSelect(let select): return select.defaultValue.map { .array($0.map(JSONValue.string)) }
        case .unknown(let object): return object["default"]
        }
    }

    private static func check(_ input: String, format: StringSchema.Format) -> String? {
        switch format {
        case .email:
            let parts = input.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !input.contains(" ") ? nil : "an email address"
        case .uri:
            guard let colon = input.firstIndex(of: ":"), colon != input.startIndex,
                input[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }), !input.contains(" ")
            else { return "a URI such as https://example.com" }
            return nil
        case .date:
            return isDate(input) ? nil : "a date as YYYY-MM-DD"
        case .dateTime:
            guard input.count >= 19, let t = input.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }),
                isDate(String(input[..<t]))
            else { return "a date and time as YYYY-MM-DDThh:mm:ssZ" }
            return nil
        default:
            return nil
        }
    }

    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
