import MCPCore
import Synchronization

/// One attempt at a 2026-07-28 request whose handler may ask the client for input (multi
/// round-trip requests): the answers known so far, and the questions still open.
///
/// The handler runs from the start on every attempt. Each question gets a key derived from its
/// content (and how many identical questions came before it in this run), so the same question
/// asked on the retry finds the client's answer under the same key, whatever the order of
/// concurrent questions. An unanswered question is recorded and fails with
/// ``ClientInputPending``; once the handler has finished, open questions turn the answer into an
/// `input_required` result.
final class InputRound: Sendable {
    /// The most questions one request may ask over all its rounds; bounds the `requestState`.
    static let maximumQuestions = 64

    private struct State {
        var answers: JSONObject
        var occurrences: [String: Int] = [:]
        var pending: [(key: String, request: InputRequest)] = []
    }

    private let state: Mutex<State>
    private let capabilities: ClientCapabilities

    /// - Parameter answers: Earlier rounds' answers and this retry's, by key.
    init(answers: JSONObject, capabilities: ClientCapabilities) {
        self.state = Mutex(State(answers: answers))
        self.capabilities = capabilities
    }

    /// The client's answer to `request`, or ``ClientInputPending`` after recording the question.
    ///
    /// - Throws: ``ClientInputPending``; `-32021` if the client did not declare the capability
    ///   the question needs (the server must not ask it then); `-32602` if the client's answer is
    ///   not a result of the right type.
    func ask<Answer: Decodable>(_ request: InputRequest, answer: Answer.Type) throws -> Answer {
        if let missing = Self.missingCapability(for: request, in: capabilities) {
            throw Self.missingCapabilityError(request, missing)
        }
        let base = Self.baseKey(for: request)
        let found: (key: String, answer: JSONValue?) = state.withLock { state in
            let occurrence = state.occurrences[base, default: 0] + 1
            state.occurrences[base] = occurrence
            let key = occurrence == 1 ? base : "\(base)-\(occurrence)"
            if let answer = state.answers[key] { return (key, answer) }
            if !state.pending.contains(where: { $0.key == key }) { state.pending.append((key, request)) }
            return (key, nil)
        }
        guard let answer = found.answer else { throw ClientInputPending(key: found.key, request: request) }
        do {
            return try answer.decode(Answer.self)
        } catch {
            throw MCPError.invalidParams("inputResponses[\(found.key)] is not a valid \(Answer.self)")
        }
    }

    /// The open questions, in the order they were asked; `nil` if there are none.
    var pendingRequests: [(key: String, request: InputRequest)]? {
        state.withLock { $0.pending.isEmpty ? nil : $0.pending }
    }

    /// The answers to carry to the next round.
    var knownAnswers: JSONObject {
        state.withLock { $0.answers }
    }

    /// A key naming the question by what it asks: stable across runs of the handler.
    static func baseKey(for request: InputRequest) -> String {
        let prefix: String
        switch request {
        case .sampling: prefix = "sampling"
        case .elicitation: prefix = "elicitation"
        case .roots: prefix = "roots"
        case .unknown: prefix = "input"
        }
        let text = (try? JSONValue(encoding: request).jsonString()) ?? request.method
        return prefix + "-" + RequestStateCodec.hex(SHA256.hash(Array(text.utf8)).prefix(8))
    }

    /// The `-32021` error for a question the client did not declare the capability for.
    static func missingCapabilityError(_ request: InputRequest, _ missing: JSONObject) -> MCPError {
        MCPError(
            code: .missingRequiredClientCapability,
            message: "The client did not declare the capability \(request.method) needs",
            data: ["requiredCapabilities": .object(missing)]
        )
    }

    /// The capabilities (as `ClientCapabilities` JSON) `request` needs but the client lacks.
    static func missingCapability(for request: InputRequest, in capabilities: ClientCapabilities) -> JSONObject? {
        switch request {
        case .sampling:
            return capabilities.sampling == nil ? ["sampling": [:]] : nil
        case .elicitation(let params):
            guard let elicitation = capabilities.elicitation else {
                return params.isURL ? ["elicitation": ["url": [:]]] : ["elicitation": [:]]
            }
            if params.isURL, !elicitation.supportsURL { return ["elicitation": ["url": [:]]] }
            if !params.isURL, !elicitation.supportsForm { return ["elicitation": ["form": [:]]] }
            return nil
        case .roots:
            return capabilities.roots == nil ? ["roots": [:]] : nil
        case .unknown:
            return nil
        }
    }
}

extension ElicitRequestParams {
    fileprivate var isURL: Bool {
        if case .url = self { return true }
        return false
    }
}
