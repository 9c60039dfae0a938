/// What libFuzzer runs on each input: the stdio transport's newline framer against a reference splitter.
///
/// The first two input bytes choose the frame limit and the read sizes; the rest is the byte
/// stream, fed in chunks as `read(2)` would hand it over. The framer must produce exactly the
/// frames a naive split on `\n` (dropping one trailing `\r`) produces, in order, whatever the
/// chunking; and it may only report a frame as too large if that frame's bytes exceed the limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineFramer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size >= 2 else { return 0 }
    let limit = 1 + Int(data[0]) * 4
    let chunkSeed = Int(data[1])
    let stream = UnsafeBufferPointer(start: data + 2, count: size - 2)

    // The reference: split on LF, raw frames keep a trailing CR for the limit check.
    var expected: [[UInt8]] = []
    var rawLengths: [Int] = []
    var current: [UInt8] = []
    for byte in stream {
        if byte == 0x0A {
            rawLengths.append(current.count)
            expected.append(current.last == 0x0D ? Array(current.dropLast()) : current)
            current.removeAll()
        } else {
            current.append(byte)
        }
    }

    let framer = LineFramer(initialCapacity: 16, maximumFrameLength: limit)
    var produced = 0
    var offset = 0
    var step = 0
    while offset < stream.count {
        let chunk = min(stream.count - offset, 1 + (chunkSeed * 31 + step * 17) % 97)
        step += 1
        let minimum = 1 + (chunkSeed + step) % 64
        let start = offset
        offset += framer.fill(minimum: minimum) { space in
            let count = min(chunk, space.count)
            space.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(stream)[start..<start + count]))
            return count
        }
        do {
            while let frame = try framer.nextFrame() {
                guard produced < expected.count, Array(frame) == expected[produced] else {
                    fatalError("frame \(produced) is \(Array(frame)), expected \(produced < expected.count ? "\(expected[produced])" : "no frame")")
                }
                produced += 1
            }
        } catch {
            // Too large: legitimate only if the frame being assembled really is over the limit.
            let raw = produced < rawLengths.count ? rawLengths[produced] : current.count
            guard raw > limit else { fatalError("frame \(produced) of \(raw) bytes reported over the \(limit)-byte limit") }
            return 0
        }
    }
    guard produced == expected.count else { fatalError("\(produced) frames out of \(expected.count)") }
    guard Array(framer.remainder()) == current else { fatalError("remainder \(Array(framer.remainder())), expected \(current)") }
    return 0
}
