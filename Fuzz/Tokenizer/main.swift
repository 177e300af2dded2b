// libFuzzer target: the tokenizer (language detection, normalisation, sentence
// rules, ICU word break, MeCab for Japanese when it loads, Korean particles,
// phrase merging) on arbitrary UTF-8. Built by scripts/fuzz.sh with every
// WaveText source, the ICU and MeCab shims; a crash, a sanitizer report or a
// token whose range lies outside the text is a bug. The first byte picks the
// language (detected, en, ja, ko).

let tokenizer = Tokenizer(configuration: TokenizerConfiguration(
    phrases: [Language.english: ["soft power", "korean wave"], .japanese: ["ソフトパワー"], .korean: ["소프트 파워"]]))
let languages: [Language?] = [nil, .english, .japanese, .korean]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let document = tokenizer.tokenize(text, language: languages[Int(data[0] & 3)], id: "fuzz")
    let length = document.text.utf8.count
    for token in document.tokens {
        precondition(token.range.lowerBound >= 0 && token.range.upperBound <= length, "token range \(token.range) outside 0..<\(length)")
        precondition(token.sentence >= 0 && token.sentence < document.sentences.count, "token in sentence \(token.sentence) of \(document.sentences.count)")
    }
    for sentence in document.sentences {
        precondition(sentence.range.upperBound <= length && sentence.tokens.upperBound <= document.tokens.count, "sentence out of bounds")
    }
    return 0
}
