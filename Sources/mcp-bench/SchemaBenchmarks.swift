import MCPCore
import MCPJSONSchema

/// Validating a typical 1 KB structured tool result against its output schema, compared with
/// decoding that result from the wire (parsing the bytes and reading them as a
/// `CallToolResult`), which every call pays anyway.
struct SchemaBenchmarks {
    var iterations = 20_000

    struct Figures: Codable {
        var resultBytes = 0
        var decodingNanoseconds: Double = 0
        var validationNanoseconds: Double = 0
        /// Validation time over decoding time: below 1, checking costs less than reading.
        var validationToDecodingRatio: Double { validationNanoseconds / decodingNanoseconds }
    }

    /// A forecast tool's output schema: nested objects, arrays, enums, ranges, required members.
    static let outputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "city": ["type": "string", "minLength": 1],
            "country": ["type": "string", "pattern": "^[A-Z]{2}$"],
            "updated": ["type": "string"],
            "current": ["$ref": "#/$defs/reading"],
            "hourly": ["type": "array", "items": ["$ref": "#/$defs/reading"], "maxItems": 48],
            "alerts": ["type": "array", "items": ["type": "string"]],
        ],
        "required": ["city", "country", "current", "hourly"],
        "additionalProperties": false,
        "$defs": [
            "reading": [
                "type": "object",
                "properties": [
                    "hour": ["type": "integer", "minimum": 0, "maximum": 23],
                    "temperature": ["type": "number"],
                    "conditions": ["enum": ["sunny", "cloudy", "rain", "snow"]],
                    "wind": ["type": "number", "minimum": 0],
                ],
                "required": ["hour", "temperature", "conditions"],
            ],
        ],
    ]

    /// About 1 KB on the wire.
    static func structuredResult() -> JSONValue {
        let conditions = ["sunny", "cloudy", "rain", "snow"]
        let hourly: [JSONValue] = (0..<12).map { hour in
            ["hour": .int(hour), "temperature": .double(10.5 + Double(hour) / 4), "conditions": .string(conditions[hour % 4]), "wind": .double(3.25)]
        }
        return [
            "city": "Trondheim", "country": "NO", "updated": "2026-11-23T12:00:00Z",
            "current": ["hour": 12, "temperature": 11.5, "conditions": "cloudy", "wind": 4.5],
            "hourly": .array(hourly),
            "alerts": ["wind"],
        ]
    }

    func run() throws -> Figures {
        let structured = Self.structuredResult()
        let message: JSONValue = [
            "jsonrpc": "2.0", "id": 7,
            "result": ["content": [["type": "text", "text": "Cloudy, 11.5 °C"]], "structuredContent": structured],
        ]
        let bytes = message.jsonBytes()
        let schema = try JSONSchema(Self.outputSchema)
        guard try schema.isValid(structured) else { throw SchemaBenchmarkError("the benchmark result does not match its schema") }

        var figures = Figures()
        figures.resultBytes = bytes.count
        let clock = ContinuousClock()
        var sink = 0
        // Warm-up, then the measured loops.
        for _ in 0..<1000 {
            sink &+= try JSONValue(parsing: bytes)["result"]?.decode(CallToolResult.self).content.count ?? 0
            sink &+= try schema.validate(structured).errors.count
        }
        let decoding = try clock.measure {
            for _ in 0..<iterations {
                sink &+= try JSONValue(parsing: bytes)["result"]?.decode(CallToolResult.self).content.count ?? 0
            }
        }
        let validation = try clock.measure {
            for _ in 0..<iterations {
                sink &+= try schema.validate(structured).errors.count
            }
        }
        precondition(sink >= 0)
        figures.decodingNanoseconds = Self.nanoseconds(decoding) / Double(iterations)
        figures.validationNanoseconds = Self.nanoseconds(validation) / Double(iterations)
        return figures
    }

    private static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    }
}

struct SchemaBenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
