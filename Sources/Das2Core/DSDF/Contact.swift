/// A person to contact about a data source, from a DSDF `*Contact` value (dsdf.md §4.1, §6).
public struct Contact: Hashable, Sendable {
    /// The name (text before `<`), trimmed.
    public var name: String
    /// The address between `<` and `>`, trimmed; `nil` when there is none or it is empty.
    public var email: String?

    /// Creates a contact.
    /// - Parameters:
    ///   - name: The name.
    ///   - email: The e-mail address, if any.
    public init(name: String, email: String?) {
        self.name = name
        self.email = email
    }

    /// Parses a contact list `Name <email>[, Name2 <email2> …]`.
    ///
    /// The value is split on `,`; each non-blank part is one contact. Its address is the text
    /// after the first `<`, up to the next `>` (or the end), and its name the text before the
    /// `<`; a part without `<` is a name only.
    /// - Parameter value: The DSDF value, e.g. `Your Name <your.name@yourplace.edu>`.
    /// - Returns: The contacts in order, possibly none.
    public static func list(parsing value: String) -> [Contact] {
        value.split(separator: ",", omittingEmptySubsequences: false).compactMap { part in
            let text = part.trimmingASCIISpace
            guard !text.isEmpty else { return nil }
            guard let open = text.firstIndex(of: "<") else { return Contact(name: text, email: nil) }
            let rest = text[text.index(after: open)...]
            let address = rest[..<(rest.firstIndex(of: ">") ?? rest.endIndex)].trimmingASCIISpace
            return Contact(name: text[..<open].trimmingASCIISpace, email: address.isEmpty ? nil : address)
        }
    }
}
