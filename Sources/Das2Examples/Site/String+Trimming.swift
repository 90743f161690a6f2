extension String {
    /// The text without leading and trailing blanks, tabs and line ends.
    var trimmingBlanks: String {
        let isBlank = { (character: Character) in character == " " || character == "\t" || character == "\n" || character == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
