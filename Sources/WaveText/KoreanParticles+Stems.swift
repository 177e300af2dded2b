extension KoreanParticles {
    /// The word `word` (folded, as ``TextNormalizer/fold(_:)`` gives it) and every
    /// stem it leaves when one particle or particle chain of ``particles`` that agrees
    /// with the stem's last syllable is taken off its end, longest stem first:
    /// `다도를` → [`다도를`, `다도`], `레트로가` → [`레트로가`, `레트로`], `과로는` →
    /// [`과로는`, `과로`, `과`].
    ///
    /// Unlike the term the tokenizer keeps (one split, exceptions honoured), this
    /// lists every reading, for matching a word against dictionary entries by
    /// their written form: an entry that itself ends in a syllable that looks like
    /// a particle (`다도`, `태권도`, `레트로`) is found with or without a particle
    /// after it, and never by its truncated term (`다`, `레트`).
    public static func stems(of word: String) -> [String] {
        var result = [word]
        let bytes = Array(word.utf8)
        for p in particles where bytes.count >= p.bytes.count + 3 && bytes.suffix(p.bytes.count).elementsEqual(p.bytes) {
            let stemEnd = bytes.count - p.bytes.count
            if let s = syllable(bytes, stemEnd - 3) {
                let batchim = (s - 0xAC00) % 28
                if !p.agreement.allows(batchim: Int(batchim)) { continue }
            }
            result.append(String(decoding: bytes[..<stemEnd], as: UTF8.self))
        }
        return result
    }
}
