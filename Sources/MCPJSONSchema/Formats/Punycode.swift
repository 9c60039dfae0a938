/// RFC 3492 Punycode, the encoding of IDNA A-labels (`xn--…`).
enum Punycode {
    private static let base: UInt32 = 36
    private static let tMin: UInt32 = 1
    private static let tMax: UInt32 = 26
    private static let skew: UInt32 = 38
    private static let damp: UInt32 = 700
    private static let initialBias: UInt32 = 72
    private static let initialN: UInt32 = 0x80

    /// Decodes the part after `xn--`; `nil` if it is not valid Punycode.
    static func decode(_ input: Substring) -> [Unicode.Scalar]? {
        var output: [Unicode.Scalar] = []
        var rest = Substring(input)
        if let delimiter = input.lastIndex(of: "-") {
            for scalar in input[..<delimiter].unicodeScalars {
                guard scalar.isASCII else { return nil }
                output.append(scalar)
            }
            rest = input[input.index(after: delimiter)...]
        }
        var n = initialN
        var i: UInt32 = 0
        var bias = initialBias
        var digits = rest.unicodeScalars.makeIterator()
        var pending = digits.next()
        while pending != nil {
            let oldI = i
            var weight: UInt32 = 1
            var k = base
            while true {
                guard let scalar = pending, let digit = digitValue(scalar) else { return nil }
                pending = digits.next()
                let (product, overflow1) = digit.multipliedReportingOverflow(by: weight)
                guard !overflow1 else { return nil }
                let (sum, overflow2) = i.addingReportingOverflow(product)
                guard !overflow2 else { return nil }
                i = sum
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                let (nextWeight, overflow3) = weight.multipliedReportingOverflow(by: base - t)
                guard !overflow3 else { return nil }
                weight = nextWeight
                k += base
            }
            let length = UInt32(output.count + 1)
            bias = adapt(delta: i - oldI, length: length, first: oldI == 0)
            let (newN, overflow) = n.addingReportingOverflow(i / length)
            guard !overflow else { return nil }
            n = newN
            i %= length
            guard let scalar = Unicode.Scalar(n), !scalar.isASCII else { return nil }
            output.insert(scalar, at: Int(i))
            i += 1
        }
        return output
    }

    /// Encodes code points as Punycode (without the `xn--` prefix); `nil` on overflow.
    static func encode(_ input: [Unicode.Scalar]) -> String? {
        var output = String(String.UnicodeScalarView(input.filter(\.isASCII)))
        let basicCount = UInt32(output.unicodeScalars.count)
        var handled = basicCount
        if basicCount > 0 { output += "-" }
        var n = initialN
        var delta: UInt32 = 0
        var bias = initialBias
        let values = input.map(\.value)
        while handled < UInt32(values.count) {
            guard let m = values.filter({ $0 >= n }).min() else { return nil }
            let (scaled, overflow1) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow1 else { return nil }
            let (newDelta, overflow2) = delta.addingReportingOverflow(scaled)
            guard !overflow2 else { return nil }
            delta = newDelta
            n = m
            for value in values {
                if value < n {
                    let (next, overflow) = delta.addingReportingOverflow(1)
                    guard !overflow else { return nil }
                    delta = next
                }
                if value == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.unicodeScalars.append(digitScalar(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.unicodeScalars.append(digitScalar(q))
                    bias = adapt(delta: delta, length: handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            let (next, overflow) = delta.addingReportingOverflow(1)
            guard !overflow else { return nil }
            delta = next
            n += 1
        }
        return output
    }

    private static func adapt(delta: UInt32, length: UInt32, first: Bool) -> UInt32 {
        var delta = first ? delta / damp : delta / 2
        delta += delta / length
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "a"..."z": return scalar.value - 0x61
        case "A"..."Z": return scalar.value - 0x41
        case "0"..."9": return scalar.value - 0x30 + 26
        default: return nil
        }
    }

    private static func digitScalar(_ digit: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(UInt8(truncatingIfNeeded: digit < 26 ? digit + 0x61 : digit - 26 + 0x30))
    }
}
