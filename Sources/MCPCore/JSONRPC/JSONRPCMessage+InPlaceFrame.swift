extension JSONRPCMessage {
    /// Decodes one frame that `writeFrame` writes straight into the storage of a new `String`,
    /// which becomes the frame's large string (a resource's text, a base64 blob) when it has one.
    ///
    /// A large message is mostly one string. Read into ordinary memory and copied out, it costs a
    /// second buffer, a pass over fresh memory and, on Linux, thousands of page faults; read into
    /// the string's own storage, the string moves a few bytes towards the start instead. The
    /// first string value of at least a quarter of the frame (and at least 256 KB) is taken;
    /// other strings are copied as usual, giving their input pages back as they go. The messages
    /// are the ones ``decodeFrame(_:maximumDepth:)-(UnsafeRawBufferPointer,_)`` gives; a frame that
    /// it finds invalid is invalid here too, though with two faults, possibly with the other one's
    /// reason (the large string's escapes and UTF-8 are checked after the rest of the frame).
    ///
    /// - Parameters:
    ///   - capacity: The room `writeFrame` gets. A string of at least a quarter of it is kept in
    ///     place: the unused room is given back to the system, but stays reserved address space
    ///     for as long as the string lives. A smaller one is copied out.
    ///   - minimumAdoptedLength: The shortest string taken in place, whatever the frame's size
    ///     (lower only in tests, to reach every path with small frames).
    ///   - writeFrame: Writes the frame (without its newline) at the start of the buffer and
    ///     returns its length, or returns `nil` when there is no frame to decode.
    /// - Returns: The frame's messages (each invalid one as an ``InvalidMessageError``), or
    ///   `nil` when `writeFrame` returned `nil`.
    package static func decodeFrameInPlace(
        capacity: Int,
        maximumDepth: Int = JSONValue.defaultMaximumDepth,
        minimumAdoptedLength: Int = JSONParser.releaseChunk,
        writeFrame: (UnsafeMutableRawBufferPointer) -> Int?
    ) -> [Result<JSONRPCMessage, InvalidMessageError>]? {
        /// The parsed frame, where its adopted string goes, and that string when it was copied
        /// out rather than kept in place.
        var outcome: Result<(value: JSONValue, path: [JSONPathStep]?, copy: String?), InvalidMessageError>?
        let string = String(unsafeUninitializedCapacity: capacity) { storage -> Int in
            let base = storage.baseAddress!
            #if os(Linux)
            JSONParser.adviseHugePages(UnsafeMutableRawPointer(base), capacity)
            #endif
            guard let length = writeFrame(UnsafeMutableRawBufferPointer(storage)) else { return 0 }
            let frame = UnsafeRawBufferPointer(start: base, count: length)
            // Taken now: moving the string overwrites the start of the frame.
            let excerpt = InvalidMessageError.excerpt(of: frame)
            do {
                let (value, adopted) = try JSONParser.parse(
                    frame,
                    maximumDepth: maximumDepth,
                    releasingInput: true,
                    adoptionThreshold: max(minimumAdoptedLength, length / 4)
                )
                guard let adopted else {
                    outcome = .success((value, nil, nil))
                    return 0
                }
                let count = try JSONParser.moveAdoptedString(adopted, in: base, inputLength: length)
                if count < capacity / 4 {
                    // Much smaller than the room: copied into a string of its own size, so that
                    // it does not hold on to the room (as address space) for as long as it lives.
                    let copy = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
                    outcome = .success((value, adopted.path, copy))
                    return 0
                }
                outcome = .success((value, adopted.path, nil))
                #if os(Linux)
                // The rest of the storage is not the string's: its pages go back now, not with it.
                JSONParser.releasePages(from: base + count, to: base + capacity)
                #endif
                return count
            } catch {
                outcome = .failure(InvalidMessageError(unparsable: error, excerpt: excerpt))
                return 0
            }
        }
        switch outcome {
        case nil:
            return nil
        case .failure(let error):
            return [.failure(error)]
        case .success(let parsed):
            var value = parsed.value
            if var path = parsed.path { value.replace(at: &path, with: .string(parsed.copy ?? string)) }
            return decodeFrame(value: value)
        }
    }
}
