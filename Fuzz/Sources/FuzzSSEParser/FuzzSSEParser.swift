/// What libFuzzer runs on each input: the `text/event-stream` parser, whole and in chunks.
///
/// Servers and proxies split event streams anywhere, so the events (type, data, last event id)
/// and the final `id`/`retry` state must not depend on where the chunks end: the input is parsed
/// in one piece, byte by byte, and in chunks whose sizes the first input byte chooses, and the
/// three results must be identical.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSEParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size >= 1 else { return 0 }
    let seed = Int(data[0])
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    var whole = ServerSentEventParser()
    let wholeEvents = whole.feed(stream)

    var bytewise = ServerSentEventParser()
    var bytewiseEvents: [ServerSentEvent] = []
    for byte in stream { bytewiseEvents += bytewise.feed(CollectionOfOne(byte)) }

    var chunked = ServerSentEventParser()
    var chunkedEvents: [ServerSentEvent] = []
    var offset = 0
    var step = 0
    while offset < stream.count {
        let length = min(stream.count - offset, (seed * 7 + step * 13) % 23)  // empty chunks too
        step += 1
        chunkedEvents += chunked.feed(stream[offset..<offset + length])
        offset += length
    }

    for (name, events, parser) in [("byte by byte", bytewiseEvents, bytewise), ("chunked", chunkedEvents, chunked)] {
        guard events == wholeEvents else {
            fatalError("\(name): \(events.map(\.text)) but whole: \(wholeEvents.map(\.text))")
        }
        guard parser.lastEventID == whole.lastEventID, parser.retryMilliseconds == whole.retryMilliseconds else {
            fatalError("\(name): id \(String(describing: parser.lastEventID)) retry \(String(describing: parser.retryMilliseconds))")
        }
    }
    whole.finish()
    return 0
}
