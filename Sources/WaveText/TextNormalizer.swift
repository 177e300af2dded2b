/// The normalization tokens get, available to other stages so that entries of
/// dictionaries and lexicons are compared in the same form.
public enum TextNormalizer {
    /// NFKC + Unicode case folding: "Ｓｅｏｕｌ" → "seoul", "ｶﾀｶﾅ" → "カタカナ".
    public static func fold<S: StringProtocol>(_ text: S) -> String {
        Normalizer.term(String(text))
    }

    /// NFKC without case folding.
    public static func nfkc<S: StringProtocol>(_ text: S) -> String {
        ICU.nfkc(text)
    }
}
