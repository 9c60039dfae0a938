public import MCPCore

/// One step of a request followed as a sequence: progress reports, then the result.
public enum RequestUpdate<Result: Sendable>: Sendable {
    /// The server reported progress.
    case progress(ProgressUpdate)
    /// The request completed with this result; the sequence ends after it.
    case result(Result)
}

extension ClientSession {
    /// Sends a request and follows it as an asynchronous sequence of progress reports ending in
    /// the result.
    ///
    /// The request starts at once, when the sequence is created (reports arriving before
    /// iteration starts are buffered). Ending iteration early, cancelling the iterating task or
    /// discarding the sequence cancels the request, and tells the server if it was sent.
    ///
    /// ```swift
    /// for try await update in session.sendWithUpdates(CallToolRequestParams(name: "build")) {
    ///     switch update {
    ///     case .progress(let progress): print(progress.fractionCompleted ?? 0)
    ///     case .result(let result): print(result.text)
    ///     }
    /// }
    /// ```
    public func sendWithUpdates<Params: RequestParams>(
        _ params: Params,
        options: RequestOptions = .default
    ) -> AsyncThrowingStream<RequestUpdate<Params.Result>, any Error> {
        AsyncThrowingStream { continuation in
            var options = options
            let userCallback = options.onProgress
            options.onProgress = { update in
                userCallback?(update)
                continuation.yield(.progress(update))
            }
            let task = Task {
                do {
                    let result = try await self.send(params, options: options)
                    continuation.yield(.result(result))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
