// MARK: - MeCab segmentation (Japanese)

extension Tokenizer {
    /// MeCab over a gap, one sentence (at most 8 KB) at a time.
    func mecabSegment(_ gap: Range<Int>, bytes: [UInt8], sentenceEnds: [Int], pool: MeCabPool,
                              morphemes: inout [MeCabMorpheme], infos: inout [MorphemeInfo], into raws: inout [Raw]) {
        bytes.withUnsafeBufferPointer { b in
            var chunkStart = gap.lowerBound
            // First sentence end after the chunk start (binary search).
            var lo = 0, hi = sentenceEnds.count
            while lo < hi { let mid = (lo + hi) / 2; if sentenceEnds[mid] <= chunkStart { lo = mid + 1 } else { hi = mid } }
            var sentence = lo
            while chunkStart < gap.upperBound {
                var chunkEnd = gap.upperBound
                if sentence < sentenceEnds.count { chunkEnd = min(chunkEnd, sentenceEnds[sentence]) }
                if chunkEnd - chunkStart > 8192 { chunkEnd = Tokenizer.safeCut(b, chunkStart, chunkStart + 8192) }
                if chunkEnd <= chunkStart { chunkEnd = gap.upperBound }
                let range = chunkStart..<chunkEnd
                morphemes.removeAll(keepingCapacity: true)
                if b[range].contains(0) {
                    // MeCab stops at NUL bytes: parse a copy with spaces instead.
                    let copy = b[range].map { $0 == 0 ? UInt8(ascii: " ") : $0 }
                    copy.withUnsafeBufferPointer { c in
                        pool.parse(c, 0..<c.count, lemmaField: configuration.mecabLemmaField, into: &morphemes)
                    }
                    for k in morphemes.indices {
                        morphemes[k].range = (morphemes[k].range.lowerBound + chunkStart)..<(morphemes[k].range.upperBound + chunkStart)
                    }
                } else {
                    pool.parse(b, range, lemmaField: configuration.mecabLemmaField, into: &morphemes)
                }
                for m in morphemes {
                    guard Tokenizer.hasAlphanumeric(b, m.range) else {
                        // Punctuation and symbols are left out, as with ICU; emoji are kept.
                        if b[m.range.lowerBound] >= 0xE2, let (s, _) = Optional(decodeScalar(b, m.range.lowerBound)),
                           let scalar = Unicode.Scalar(s), scalar.properties.isEmojiPresentation {
                            raws.append(Raw(range: m.range, kind: .emoji))
                        }
                        continue
                    }
                    infos.append(MorphemeInfo(pos: m.info.pos, lemma: m.lemma, details: m.info.details))
                    raws.append(Raw(range: m.range, kind: m.info.isNumber ? .number : .word,
                                    info: Int32(infos.count - 1), function: m.info.isFunction))
                }
                chunkStart = chunkEnd
                while sentence < sentenceEnds.count && sentenceEnds[sentence] <= chunkStart { sentence += 1 }
            }
        }
    }

    /// A cut point at or before `limit`: after whitespace or ASCII punctuation
    /// if one is near, else at a scalar boundary.
    static func safeCut(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int) -> Int {
        var j = limit
        while j > start + 1024 {
            let c = b[j - 1]
            if isASCIISpace(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: ",") { return j }
            j -= 1
        }
        j = limit
        while j > start && (b[j] & 0xC0) == 0x80 { j -= 1 }
        return j > start ? j : limit
    }
}
