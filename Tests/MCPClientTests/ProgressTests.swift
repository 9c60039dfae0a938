import MCPClient
import MCPCore
import MCPServer
import Testing

@Suite("Progress")
struct ProgressTests {
    /// `steps` reports three steps then answers; `stall` reports one step then waits to be cancelled.
    static func server(events: Recorder<String>) -> MCPServer {
        let server = MCPServer.testing()
        server.addTool(Tool(name: "steps")) { _, context in
            events.append("token \(context.progressToken.map(String.init(describing:)) ?? "none")")
            for step in 1...3 {
                await context.reportProgress(Double(step), total: 3, message: "step \(step)")
            }
            return CallToolResult(content: [.text("finished")])
        }
        server.addTool(Tool(name: "stall")) { _, context in
            await context.reportProgress(1, total: 10, message: "started")
            try await sleepUntilCancelled(recording: events, as: "cancelled stall")
            return CallToolResult()
        }
        server.addTool(Tool(name: "explode")) { _, context in
            await context.reportProgress(1)
            throw MCPError.invalidParams("bad input")
        }
        return server
    }

    @Test("a per-request callback receives the request's progress; the request carries its id as the token")
    func perRequestCallback() async throws {
        let events = Recorder<String>()
        let updates = Recorder<ProgressUpdate>()
        let everything = Recorder<ProgressNotificationParams>()
        let handlers = ClientHandlers(onProgress: { everything.append($0) })
        try await TestConnection.withClient(to: Self.server(events: events), handlers: handlers) { c in
            let result = try await c.client.callTool("steps", options: RequestOptions(onProgress: { updates.append($0) }))
            #expect(result.text == "finished")
            #expect(updates.values == [
                ProgressUpdate(progress: 1, total: 3, message: "step 1"),
                ProgressUpdate(progress: 2, total: 3, message: "step 2"),
                ProgressUpdate(progress: 3, total: 3, message: "step 3"),
            ])
            #expect(updates.values.last?.fractionCompleted == 1)
            let request = try #require(c.transport.sentRequests("tools/call").first)
            #expect(request.params?["_meta"]?["progressToken"] == request.id.jsonValue)
            // The session-wide callback sees them too.
            try await everything.wait(forCount: 3)
            #expect(everything.values.map(\.progressToken) == Array(repeating: ProgressToken(request.id), count: 3))
        }
    }

    @Test("without a progress callback the request carries no token and the server reports nothing")
    func noCallbackNoToken() async throws {
        let events = Recorder<String>()
        let everything = Recorder<ProgressNotificationParams>()
        try await TestConnection.withClient(to: Self.server(events: events), handlers: ClientHandlers(onProgress: { everything.append($0) })) { c in
            _ = try await c.client.callTool("steps")
            #expect(events.values == ["token none"])
            #expect(c.transport.sentRequests("tools/call").first?.params?["_meta"] == nil)
            #expect(!c.transport.inbound.contains { event in
                if case .message(.notification(let notification)) = event { return notification.method == "notifications/progress" }
                return false
            })
            #expect(everything.values.isEmpty)
        }
    }

    @Test("callToolWithProgress yields each progress report, then the result, then ends")
    func progressSequence() async throws {
        try await TestConnection.withClient(to: Self.server(events: Recorder())) { c in
            var progress: [Double] = []
            var results: [CallToolResult] = []
            for try await update in try c.client.callToolWithProgress("steps") {
                switch update {
                case .progress(let report):
                    #expect(results.isEmpty, "progress after the result")
                    progress.append(report.progress)
                case .result(let result):
                    results.append(result)
                }
            }
            #expect(progress == [1, 2, 3])
            #expect(results.map(\.text) == ["finished"])
        }
    }

    @Test("callToolWithProgress throws the server's error")
    func progressSequenceError() async throws {
        try await TestConnection.withClient(to: Self.server(events: Recorder())) { c in
            var progress = 0
            let error = try await #require(throws: MCPError.self) {
                for try await update in try c.client.callToolWithProgress("explode") {
                    if case .progress = update { progress += 1 }
                }
            }
            #expect(error.code == .invalidParams)
            #expect(progress == 1)
        }
    }

    @Test("ending the iteration early cancels the call at the server")
    func endingIterationCancels() async throws {
        let events = Recorder<String>()
        try await TestConnection.withClient(to: Self.server(events: events)) { c in
            var seen: [ProgressUpdate] = []
            for try await update in try c.client.callToolWithProgress("stall") {
                if case .progress(let report) = update {
                    seen.append(report)
                    break
                }
            }
            #expect(seen == [ProgressUpdate(progress: 1, total: 10, message: "started")])
            try await events.wait { $0.contains("cancelled stall") }
            let id = try #require(c.transport.sentRequests("tools/call").first?.id)
            #expect(c.transport.sentNotifications("notifications/cancelled").contains { $0.params?["requestId"] == id.jsonValue })
            try await c.client.ping()
        }
    }

    @Test("concurrent requests get distinct progress tokens and each callback only its own reports")
    func uniqueTokens() async throws {
        try await TestConnection.withClient(toPeerAnswering: .latestLegacy) { c in
            let count = 6
            let recorders = (0..<count).map { _ in Recorder<Double>() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        _ = try await c.client.callTool(
                            "work",
                            arguments: ["index": .int(index)],
                            options: RequestOptions(onProgress: { recorders[index].append($0.progress) })
                        )
                    }
                }
                var requests: [JSONRPCRequest] = []
                for _ in 0..<count { requests.append(try await c.peer.nextRequest("tools/call")) }
                let tokens = requests.compactMap { $0.params?["_meta"]?["progressToken"] }
                #expect(tokens.count == count)
                #expect(Set(tokens).count == count)
                for request in requests {
                    let index = request.params?["arguments"]?["index"]?.intValue ?? -1
                    let token = request.params?["_meta"]?["progressToken"] ?? .null
                    try await c.peer.notify("notifications/progress", ["progressToken": token, "progress": .int(100 + index)])
                    try await c.peer.notify("notifications/progress", ["progressToken": token, "progress": .int(200 + index)])
                }
                for request in requests {
                    try await c.peer.reply(to: request.id, ["content": []])
                }
                try await group.waitForAll()
            }
            for (index, recorder) in recorders.enumerated() {
                #expect(recorder.values == [Double(100 + index), Double(200 + index)])
            }
        }
    }
}
