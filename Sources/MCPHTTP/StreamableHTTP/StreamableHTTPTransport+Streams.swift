import AsyncHTTPClient
import MCPCore
import NIOCore
import NIOHTTP1

extension StreamableHTTPTransport {
    /// Reads the event stream that answers `requestID` in the background, resuming it if it
    /// breaks before the response arrives.
    func startStream(for requestID: RequestID, response: HTTPClientResponse) {
        state.withLock { state in
            guard !state.closed else { return }
            let key = state.nextStream
            state.nextStream += 1
            state.streamOfRequest[requestID] = key
            state.streams[key] = Task {
                await self.followRequestStream(requestID, response: response)
                self.state.withLock { state in
                    state.streams[key] = nil
                    if state.streamOfRequest[requestID] == key { state.streamOfRequest[requestID] = nil }
                }
            }
        }
    }

    /// Whether the stream of one request has delivered its response; shared by the event handler
    /// and the resumption loop of that one stream's task.
    private final class StreamOutcome {
        var answered = false
    }

    private func followRequestStream(_ requestID: RequestID, response: HTTPClientResponse) async {
        var parser = ServerSentEventParser()
        let outcome = StreamOutcome()
        let handle: (ServerSentEvent) -> Void = { event in
            guard event.type == "message", !event.data.isEmpty else { return }
            for decoded in JSONRPCMessage.decodeFrame(event.data).transportEvents {
                if case .message(let message) = decoded, message.responseID == requestID { outcome.answered = true }
                self.inboundContinuation.yield(self.inspect(decoded))
            }
        }
        do {
            try await response.readEvents(parser: &parser, maximumEventSize: configuration.maximumMessageSize, handle)
        } catch let error as TransportError where error.code == .messageTooLarge {
            inboundContinuation.yield(.requestFailed(requestID, error))
            return
        } catch {
            // A broken connection: resume below.
        }
        if outcome.answered || Task.isCancelled { return }
        await resume(requestID, parser: &parser, outcome: outcome, handle: handle)
    }

    /// Resumes a broken stream with GET + `Last-Event-ID` until the response arrives, the server
    /// refuses, or the reconnection policy gives up; then the request fails with a clear error.
    private func resume(
        _ requestID: RequestID,
        parser: inout ServerSentEventParser,
        outcome: StreamOutcome,
        handle: (ServerSentEvent) -> Void
    ) async {
        let policy = configuration.reconnection
        var attempt = 0
        while !outcome.answered, !Task.isCancelled, attempt < policy.maximumAttempts {
            guard let lastEventID = parser.lastEventID else {
                inboundContinuation.yield(.requestFailed(requestID, TransportError(
                    .ioFailed,
                    "the event stream ended before the response, and the server gave no event id to resume from"
                )))
                return
            }
            do {
                try await Task.sleep(for: policy.delay(attempt: attempt, serverRetryMilliseconds: parser.retryMilliseconds))
            } catch {
                return
            }
            var headers = baseHeaders(includeVersion: true)
            headers.add(name: "Accept", value: "text/event-stream")
            headers.add(name: "Last-Event-ID", value: lastEventID)
            let request = exchange.makeRequest(.GET, url: url, extraHeaders: headers)
            let response: HTTPClientResponse
            do {
                response = try await exchange.execute(request)
            } catch {
                attempt += 1
                continue
            }
            guard response.status.code == 200, response.isEventStream else {
                _ = try? await response.collectBody(limit: 64 * 1024)
                inboundContinuation.yield(.requestFailed(requestID, TransportError(
                    .httpStatus,
                    "resuming the event stream failed with HTTP \(response.status.code)",
                    statusCode: Int(response.status.code)
                )))
                return
            }
            let before = parser.lastEventID
            do {
                try await response.readEvents(parser: &parser, maximumEventSize: configuration.maximumMessageSize, handle)
            } catch {
                // Broken again.
            }
            // Progress (a new event) earns a fresh start of the backoff.
            attempt = parser.lastEventID != before ? 0 : attempt + 1
        }
        if !outcome.answered, !Task.isCancelled {
            inboundContinuation.yield(.requestFailed(requestID, TransportError(
                .ioFailed,
                "the event stream could not be resumed after \(policy.maximumAttempts) attempts"
            )))
        }
    }

    /// Opens the optional GET stream on which the server sends its own requests and
    /// notifications (handshake protocol versions only), keeping it open with reconnection.
    ///
    /// Returns once the server answered the first GET (or refused it, or
    /// ``HTTPTransportConfiguration/getStreamOpeningTimeout`` passed), so that requests sent
    /// afterwards reach the server after the stream is open: a server that answers a request by
    /// sending its own on the GET stream must find it there.
    func startGetStreamIfNeeded() async {
        let opened = OneTimeSignal()
        let started = state.withLock { state -> Bool in
            guard !state.closed, !state.getStreamRunning else { return false }
            if let version = state.protocolVersion, version >= "2026-07-28" { return false }
            state.getStreamRunning = true
            let key = state.nextStream
            state.nextStream += 1
            state.streams[key] = Task {
                await self.runGetStream(opened: opened)
                opened.fire()
                self.state.withLock { state in
                    state.streams[key] = nil
                    state.getStreamRunning = false
                }
            }
            return true
        }
        if started { await opened.wait(upTo: configuration.getStreamOpeningTimeout) }
    }

    private func runGetStream(opened: OneTimeSignal) async {
        let policy = configuration.reconnection
        var parser = ServerSentEventParser()
        var attempt = 0
        while !Task.isCancelled, attempt < policy.maximumAttempts {
            var headers = baseHeaders(includeVersion: true)
            headers.add(name: "Accept", value: "text/event-stream")
            if let lastEventID = parser.lastEventID { headers.add(name: "Last-Event-ID", value: lastEventID) }
            let request = exchange.makeRequest(.GET, url: url, extraHeaders: headers)
            do {
                let response = try await exchange.execute(request)
                opened.fire()
                guard response.status.code == 200, response.isEventStream else {
                    // 405: the server offers no such stream. Anything else: it will not either.
                    _ = try? await response.collectBody(limit: 64 * 1024)
                    return
                }
                let before = parser.lastEventID
                var received = false
                try? await response.readEvents(parser: &parser, maximumEventSize: configuration.maximumMessageSize) { event in
                    received = true
                    guard event.type == "message", !event.data.isEmpty else { return }
                    for decoded in JSONRPCMessage.decodeFrame(event.data).transportEvents {
                        self.inboundContinuation.yield(decoded)
                    }
                }
                attempt = received || parser.lastEventID != before ? 0 : attempt + 1
            } catch {
                opened.fire()
                attempt += 1
            }
            do {
                try await Task.sleep(for: policy.delay(attempt: attempt, serverRetryMilliseconds: parser.retryMilliseconds))
            } catch {
                return
            }
        }
    }

    /// Cancels a request of the 2026-07-28 protocol the way it prescribes: by closing the stream
    /// that carries its response. Returns whether there was such a stream.
    func closeStream(of requestID: RequestID) -> Bool {
        let task = state.withLock { state -> Task<Void, Never>? in
            guard let key = state.streamOfRequest.removeValue(forKey: requestID) else { return nil }
            return state.streams.removeValue(forKey: key)
        }
        task?.cancel()
        return task != nil
    }
}
