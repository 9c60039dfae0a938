import MCPCore
import Testing

/// A member of the wrong type fails decoding, and the error names its path.
@Suite("Decoding error paths")
struct DecodingErrorPathTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let path: String
        let decode: @Sendable (JSONValue) throws -> Void

        var testDescription: String { name }

        static func make<T: Decodable & Sendable>(_ type: T.Type, _ json: String, path: String) -> Case {
            Case(name: "\(T.self) at \(path)", json: json, path: path) { _ = try $0.decode(T.self) }
        }
    }

    static let cases: [Case] = [
        .make(
            CreateMessageRequestParams.self,
            #"{"messages": [{"role": "user", "content": {"type": "text", "text": 5}}], "maxTokens": 1}"#,
            path: "messages[0].content.text"
        ),
        .make(
            CreateMessageResult.self,
            #"""
            {"role": "assistant", "content": [{"type": "text", "text": "a"}, {"type": "tool_use", "id": "1", "name": "t", "input": "x"}],
             "model": "m"}
            """#,
            path: "content[1].input"
        ),
        .make(
            ElicitRequestParams.self,
            #"""
            {"message": "m",
             "requestedSchema": {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "number", "minimum": "18"}}}}
            """#,
            path: "requestedSchema.properties.age.minimum"
        ),
        .make(
            InitializeResult.self,
            #"""
            {"protocolVersion": "2025-06-18", "capabilities": {"tools": {"listChanged": "yes"}},
             "serverInfo": {"name": "s", "version": "1"}}
            """#,
            path: "capabilities.tools.listChanged"
        ),
        .make(
            InitializeResult.self,
            #"""
            {"protocolVersion": 20250618, "capabilities": {}, "serverInfo": {"name": "s", "version": "1"}}
            """#,
            path: "protocolVersion"
        ),
        .make(
            InputRequiredResult.self,
            #"""
            {"resultType": "input_required",
             "inputRequests": {"k": {"method": "sampling/createMessage", "params": {"messages": [], "maxTokens": "100"}}}}
            """#,
            path: "inputRequests.k.params.maxTokens"
        ),
        .make(ListResourcesResult.self, #"{"resources": [{"uri": "file:///a", "name": "a"}, {"name": "b"}]}"#, path: "resources[1].uri"),
        .make(
            GetTaskResult.self,
            #"""
            {"taskId": "t", "status": "working", "createdAt": "a", "lastUpdatedAt": "b", "ttl": "forever"}
            """#,
            path: "ttl"
        ),
        .make(LoggingMessageNotificationParams.self, #"{"level": 3, "data": "x"}"#, path: "level"),
        .make(CompleteRequestParams.self, #"{"ref": {"type": 1}, "argument": {"name": "a", "value": "v"}}"#, path: "ref.type"),
        .make(ClientCapabilities.self, #"{"elicitation": {"form": true}}"#, path: "elicitation.form"),
        .make(ProgressNotificationParams.self, #"{"progressToken": 1.5, "progress": 1}"#, path: "progressToken"),
        .make(ElicitResult.self, #"{"action": "accept", "content": ["a"]}"#, path: "content"),
        .make(DiscoverResult.self, #"{"supportedVersions": ["2026-07-28", 1], "capabilities": {}}"#, path: "supportedVersions[1]"),
        .make(
            SamplingMessage.self,
            #"""
            {"role": "user", "content": [{"type": "tool_result", "toolUseId": "c", "content": [{"type": "text"}]}]}
            """#,
            path: "content[0].content[0].text"
        ),
    ]

    @Test("the error names the offending member", arguments: cases)
    func path(_ testCase: Case) throws {
        let json = try JSONValue(parsing: testCase.json)
        do {
            try testCase.decode(json)
            Issue.record("\(testCase.name): decoding should have failed")
        } catch let error as DecodingError {
            let description = error.pathDescription
            #expect(description.hasPrefix(testCase.path + ": "), "got: \(description)")
        }
    }

    @Test("the description says what was expected and found")
    func message() throws {
        let json = try JSONValue(parsing: #"{"messages": [{"role": "user", "content": {"type": "text", "text": 5}}], "maxTokens": 1}"#)
        let error = try #require(throws: DecodingError.self) { try json.decode(CreateMessageRequestParams.self) }
        #expect(error.pathDescription == "messages[0].content.text: expected a string, found integer")
    }
}
