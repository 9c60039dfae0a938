import MCPCore

extension SchemaCompiler {
    /// Compiles the keywords of one schema object into rules, cheap assertions first and
    /// `unevaluated*` last (they depend on what every other keyword evaluated).
    ///
    /// Keywords the dialect does not recognize are ignored; recognized keywords with malformed
    /// values are errors.
    mutating func compileKeywords(
        _ object: JSONObject, at location: DocumentLocation, context: SchemaContext
    ) throws(JSONSchemaError) -> [CompiledKeyword] {
        let source = SchemaObjectReader(object: object, location: location, context: context, display: index.displayLocation(of: location))
        var keywords: [CompiledKeyword] = []
        func add(_ name: String, _ rule: any KeywordRule) { keywords.append(CompiledKeyword(name: name, rule: rule)) }

        // Draft-07: "$ref" overrides every sibling keyword.
        if context.dialect.draft == .draft7, object["$ref"] != nil {
            add("$ref", ReferenceRule(target: try compileReference(source)))
            return keywords
        }

        if let value = source["type"] { add("type", try source.typeRule(value)) }
        if let value = source["const"] { add("const", ConstRule(value: value)) }
        if let value = source["enum"] {
            guard let values = value.arrayValue else { throw source.invalid("enum", "must be an array") }
            add("enum", EnumRule(values))
        }
        if let value = source["multipleOf"] {
            guard let divisor = SchemaNumber(value), divisor.doubleValue > 0 else {
                throw source.invalid("multipleOf", "must be a number greater than 0")
            }
            add("multipleOf", MultipleOfRule(divisor: divisor))
        }
        let bounds: [(String, NumericBound.Kind)] = [
            ("minimum", .minimum), ("exclusiveMinimum", .exclusiveMinimum), ("maximum", .maximum), ("exclusiveMaximum", .exclusiveMaximum),
        ]
        for (name, kind) in bounds {
            guard let value = source[name] else { continue }
            guard let limit = SchemaNumber(value) else { throw source.invalid(name, "must be a number") }
            add(name, NumericBound(kind: kind, limit: limit))
        }
        if let limit = try source.count("maxLength") { add("maxLength", MaxLengthRule(limit: limit)) }
        if let limit = try source.count("minLength"), limit > 0 { add("minLength", MinLengthRule(limit: limit)) }
        if let value = source["pattern"] { add("pattern", PatternRule(pattern: try source.pattern(value, keyword: "pattern"))) }
        if let value = source["format"] {
            guard let name = value.stringValue else { throw source.invalid("format", "must be a string") }
            if assertsFormat(in: context.dialect), let format = StringFormat(rawValue: name) { add("format", FormatRule(format: format)) }
        }

        if let limit = try source.count("maxItems") { add("maxItems", MaxItemsRule(limit: limit)) }
        if let limit = try source.count("minItems"), limit > 0 { add("minItems", MinItemsRule(limit: limit)) }
        if let value = source["uniqueItems"] {
            guard let unique = value.boolValue else { throw source.invalid("uniqueItems", "must be a boolean") }
            if unique { add("uniqueItems", UniqueItemsRule()) }
        }

        if let limit = try source.count("maxProperties") { add("maxProperties", MaxPropertiesRule(limit: limit)) }
        if let limit = try source.count("minProperties"), limit > 0 { add("minProperties", MinPropertiesRule(limit: limit)) }
        if let value = source["required"] {
            let names = try source.strings(value, keyword: "required")
            if !names.isEmpty { add("required", RequiredRule(names: names)) }
        }
        if let value = source["dependentRequired"] {
            guard let members = value.objectValue else { throw source.invalid("dependentRequired", "must be an object") }
            var requirements: [DependentRequiredRule.Requirement] = []
            for (property, names) in members {
                requirements.append(.init(property: property, required: try source.strings(names, keyword: "dependentRequired")))
            }
            add("dependentRequired", DependentRequiredRule(requirements: requirements))
        }

        try compileObjectApplicators(source, add: add)
        try compileArrayApplicators(source, add: add)

        if source["$ref"] != nil { add("$ref", ReferenceRule(target: try compileReference(source))) }
        if source["$dynamicRef"] != nil { add("$dynamicRef", try compileDynamicReference(source, keyword: "$dynamicRef")) }
        if source["$recursiveRef"] != nil { add("$recursiveRef", try compileDynamicReference(source, keyword: "$recursiveRef")) }
        for name in ["allOf", "anyOf", "oneOf"] {
            guard let value = source[name] else { continue }
            guard let branches = value.arrayValue, !branches.isEmpty else {
                throw source.invalid(name, "must be a non-empty array of schemas")
            }
            var nodes: [Int] = []
            for index in branches.indices { nodes.append(try node(at: source.child(name, index))) }
            switch name {
            case "allOf": add(name, AllOfRule(branches: nodes))
            case "anyOf": add(name, AnyOfRule(branches: nodes))
            default: add(name, OneOfRule(branches: nodes))
            }
        }
        if source["not"] != nil { add("not", NotRule(negated: try node(at: source.child("not")))) }
        if source["if"] != nil {
            let rule = ConditionalRule(
                condition: try node(at: source.child("if")),
                then: source["then"] != nil ? try node(at: source.child("then")) : nil,
                otherwise: source["else"] != nil ? try node(at: source.child("else")) : nil
            )
            add("if", rule)
        }

        if source["unevaluatedProperties"] != nil {
            add("unevaluatedProperties", UnevaluatedPropertiesRule(schema: try node(at: source.child("unevaluatedProperties"))))
        }
        if source["unevaluatedItems"] != nil {
            add("unevaluatedItems", UnevaluatedItemsRule(schema: try node(at: source.child("unevaluatedItems"))))
        }
        return keywords
    }

    // MARK: - Objects

    private mutating func compileObjectApplicators(
        _ source: SchemaObjectReader, add: (String, any KeywordRule) -> Void
    ) throws(JSONSchemaError) {
        var declared: Set<String> = []
        if let value = source["properties"] {
            guard let members = value.objectValue else { throw source.invalid("properties", "must be an object") }
            var rules: [(name: String, schema: Int)] = []
            for (name, _) in members {
                rules.append((name, try node(at: source.child("properties", name))))
                declared.insert(name)
            }
            if !rules.isEmpty { add("properties", PropertiesRule(properties: rules)) }
        }
        var patterns: [CompiledPattern] = []
        if let value = source["patternProperties"] {
            guard let members = value.objectValue else { throw source.invalid("patternProperties", "must be an object") }
            var rules: [(pattern: CompiledPattern, schema: Int)] = []
            for (expression, _) in members {
                let pattern = try source.pattern(.string(expression), keyword: "patternProperties")
                patterns.append(pattern)
                rules.append((pattern, try node(at: source.child("patternProperties", expression))))
            }
            if !rules.isEmpty { add("patternProperties", PatternPropertiesRule(patterns: rules)) }
        }
        if source["additionalProperties"] != nil {
            let schema = try node(at: source.child("additionalProperties"))
            add("additionalProperties", AdditionalPropertiesRule(schema: schema, declared: declared, patterns: patterns))
        }
        if source["propertyNames"] != nil {
            add("propertyNames", PropertyNamesRule(schema: try node(at: source.child("propertyNames"))))
        }
        if let value = source["dependentSchemas"] {
            guard let members = value.objectValue else { throw source.invalid("dependentSchemas", "must be an object") }
            var rules: [(property: String, schema: Int)] = []
            for (property, _) in members {
                rules.append((property, try node(at: source.child("dependentSchemas", property))))
            }
            add("dependentSchemas", DependentSchemasRule(schemas: rules))
        }
        if let value = source["dependencies"] {
            // Draft-07's combined keyword: an array lists required names, anything else is a schema.
            guard let members = value.objectValue else { throw source.invalid("dependencies", "must be an object") }
            var requirements: [DependentRequiredRule.Requirement] = []
            var schemas: [(property: String, schema: Int)] = []
            for (property, dependency) in members {
                if dependency.arrayValue != nil {
                    requirements.append(.init(property: property, required: try source.strings(dependency, keyword: "dependencies")))
                } else {
                    schemas.append((property, try node(at: source.child("dependencies", property))))
                }
            }
            if !requirements.isEmpty { add("dependencies", DependentRequiredRule(requirements: requirements)) }
            if !schemas.isEmpty { add("dependencies", DependentSchemasRule(schemas: schemas)) }
        }
    }

    // MARK: - Arrays

    private mutating func compileArrayApplicators(
        _ source: SchemaObjectReader, add: (String, any KeywordRule) -> Void
    ) throws(JSONSchemaError) {
        let isDraft2020 = source.context.dialect.draft == .draft2020_12
        var prefixCount = 0
        let prefixKeyword = isDraft2020 ? "prefixItems" : "items"
        if let value = source[prefixKeyword], isDraft2020 || value.arrayValue != nil {
            guard let schemas = value.arrayValue else { throw source.invalid(prefixKeyword, "must be an array of schemas") }
            var nodes: [Int] = []
            for index in schemas.indices { nodes.append(try node(at: source.child(prefixKeyword, index))) }
            prefixCount = nodes.count
            if !nodes.isEmpty { add(prefixKeyword, PrefixItemsRule(schemas: nodes)) }
        }
        if isDraft2020 {
            if source["items"] != nil {
                add("items", ItemsRule(startIndex: prefixCount, schema: try node(at: source.child("items"))))
            }
        } else if let items = source["items"] {
            if items.arrayValue == nil {
                add("items", ItemsRule(startIndex: 0, schema: try node(at: source.child("items"))))
            } else if source["additionalItems"] != nil {
                add("additionalItems", ItemsRule(startIndex: prefixCount, schema: try node(at: source.child("additionalItems"))))
            }
        }
        if source["contains"] != nil {
            var rule = ContainsRule(schema: try node(at: source.child("contains")), annotatesItems: isDraft2020)
            if let minimum = try source.count("minContains") {
                rule.minimum = minimum
                rule.hasExplicitMinimum = true
            }
            rule.maximum = try source.count("maxContains")
            add("contains", rule)
        }
    }

    // MARK: - References

    private mutating func compileReference(_ source: SchemaObjectReader) throws(JSONSchemaError) -> Int {
        guard let reference = source.object["$ref"]?.stringValue else { throw source.invalid("$ref", "must be a string") }
        let resolved = try resolve(
            reference, against: source.context.baseURI, dialect: source.context.dialect, from: source.keywordLocation("$ref")
        )
        return try node(at: resolved.location)
    }

    /// `$dynamicRef` is dynamic only when its static target is a `$dynamicAnchor` of the same
    /// name (the "bookend"); `$recursiveRef` only when its target has `"$recursiveAnchor": true`.
    private mutating func compileDynamicReference(
        _ source: SchemaObjectReader, keyword: String
    ) throws(JSONSchemaError) -> DynamicReferenceRule {
        guard let reference = source.object[keyword]?.stringValue else { throw source.invalid(keyword, "must be a string") }
        let resolved = try resolve(
            reference, against: source.context.baseURI, dialect: source.context.dialect, from: source.keywordLocation(keyword)
        )
        let target = try node(at: resolved.location)
        guard let resource = index.resourceByURI[resolved.target.withoutFragment.description] else {
            return DynamicReferenceRule(staticTarget: target, anchor: nil)
        }
        let anchor: String
        if keyword == "$recursiveRef" {
            anchor = SchemaResource.recursiveAnchorName
        } else {
            anchor = URIReference.percentDecoded(Substring(resolved.target.fragment ?? ""))
            guard !anchor.isEmpty, !anchor.hasPrefix("/") else { return DynamicReferenceRule(staticTarget: target, anchor: nil) }
        }
        let isBookended = index.resources[resource].dynamicAnchors[anchor] == resolved.location
        return DynamicReferenceRule(staticTarget: target, anchor: isBookended ? anchor : nil)
    }
}

/// One schema object being compiled, with helpers that read keyword values or report them malformed.
struct SchemaObjectReader {
    let object: JSONObject
    let location: DocumentLocation
    let context: SchemaContext
    /// The schema's absolute location, for messages.
    let display: String

    /// The value of `keyword` if the dialect recognizes it.
    subscript(keyword: String) -> JSONValue? {
        context.dialect.recognizes(keyword) ? object[keyword] : nil
    }

    func keywordLocation(_ keyword: String) -> String {
        display + "/" + JSONPointer.escape(keyword)
    }

    func invalid(_ keyword: String, _ message: String) -> JSONSchemaError {
        JSONSchemaError(.invalidSchema, "\"\(keyword)\" \(message)", schemaLocation: keywordLocation(keyword))
    }

    /// The location of the subschema `keyword` holds.
    func child(_ keyword: String) -> DocumentLocation {
        DocumentLocation(document: location.document, pointer: JSONPointer.appending(location.pointer, keyword))
    }

    /// The location of subschema `index` of an array-valued keyword.
    func child(_ keyword: String, _ index: Int) -> DocumentLocation {
        DocumentLocation(document: location.document, pointer: JSONPointer.appending(child(keyword).pointer, index))
    }

    /// The location of subschema `name` of an object-valued keyword.
    func child(_ keyword: String, _ name: String) -> DocumentLocation {
        DocumentLocation(document: location.document, pointer: JSONPointer.appending(child(keyword).pointer, name))
    }

    /// A non-negative integer keyword (`2.0` counts as `2`; huge values saturate).
    func count(_ keyword: String) throws(JSONSchemaError) -> Int? {
        guard let value = self[keyword] else { return nil }
        switch value {
        case .int(let number) where number >= 0:
            return number
        case .double(let number) where number >= 0 && number.isFinite && number.rounded() == number:
            return Int(exactly: number) ?? Int.max
        default:
            throw invalid(keyword, "must be a non-negative integer")
        }
    }

    func typeRule(_ value: JSONValue) throws(JSONSchemaError) -> TypeRule {
        let names: [String]
        switch value {
        case .string(let name):
            names = [name]
        case .array:
            names = try strings(value, keyword: "type")
        default:
            throw invalid("type", "must be a type name or an array of them")
        }
        do {
            return try TypeRule(names: names)
        } catch {
            throw invalid("type", "has an unknown type \"\(error.name)\"")
        }
    }

    func strings(_ value: JSONValue, keyword: String) throws(JSONSchemaError) -> [String] {
        guard let items = value.arrayValue else { throw invalid(keyword, "must be an array of strings") }
        var strings: [String] = []
        for item in items {
            guard let string = item.stringValue else { throw invalid(keyword, "must be an array of strings") }
            strings.append(string)
        }
        return strings
    }

    func pattern(_ value: JSONValue, keyword: String) throws(JSONSchemaError) -> CompiledPattern {
        guard let source = value.stringValue else { throw invalid(keyword, "must be a string") }
        do {
            return try CompiledPattern(source)
        } catch {
            throw JSONSchemaError(
                .invalidPattern, "invalid regular expression \"\(source)\": \(error.message)", schemaLocation: keywordLocation(keyword)
            )
        }
    }
}
