import Testing
import Das2Core

/// Contact lists `Name <email>[, Name2 <email2> …]` (dsdf.md §4.1).
struct ContactTests {
    @Test(arguments: [
        ("Your Name <your.name@yourplace.edu>", [Contact(name: "Your Name", email: "your.name@yourplace.edu")]),
        ("Jane Doe <jane@example.edu>, John Roe <john@example.edu>",
         [Contact(name: "Jane Doe", email: "jane@example.edu"), Contact(name: "John Roe", email: "john@example.edu")]),
        ("Help Desk", [Contact(name: "Help Desk", email: nil)]),
        ("<only@address.org>", [Contact(name: "", email: "only@address.org")]),
        ("Name < spaced@x.org > ", [Contact(name: "Name", email: "spaced@x.org")]),
        ("Name <>", [Contact(name: "Name", email: nil)]),
        ("Name <open@x.org", [Contact(name: "Name", email: "open@x.org")]),
        ("A <a@x>, , B", [Contact(name: "A", email: "a@x"), Contact(name: "B", email: nil)]),
        ("", []),
    ])
    func contactListsAreSplitOnCommas(value: String, contacts: [Contact]) {
        #expect(Contact.list(parsing: value) == contacts)
    }
}
