extension StringProtocol {
    /// Whether two strings hold the same Unicode scalars.
    ///
    /// Logins and group names compare exactly, as byte strings do in the reference; Swift's
    /// `==` would also equate canonically equivalent spellings (`é` and `e` + U+0301).
    func hasSameScalars(as other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// The text without leading and trailing white space (Python `str.strip()`).
    func trimmingWhitespace() -> Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}
