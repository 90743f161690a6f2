import Das2Core
import Testing

/// `TEST_FROM` matching (auth.md §3.4, DA-4): addresses and CIDR ranges, compared as numbers.
struct AddressMatcherTests {
    static let matcher = AddressMatcher(["127.0.0.1", "10.1.0.0/16", "::1", "fd00::/8", "192.168.7.9/24"])

    @Test(
        "Addresses inside an entry match",
        arguments: [
            "127.0.0.1", "10.1.0.0", "10.1.255.255", "10.1.3.4", "::1", "0:0:0:0:0:0:0:1", "::0:1",
            "fd00::1", "fdff:ffff::", "192.168.7.0", "192.168.7.255", "::ffff:127.0.0.1", "::FFFF:10.1.2.3",
            "[::1]", "fd12::1%eth0",
        ])
    func matching(address: String) {
        #expect(Self.matcher.matches(address))
    }

    @Test(
        "Addresses outside every entry, and text that is no address, do not match",
        arguments: [
            "127.0.0.2", "10.2.0.1", "10.0.255.255", "::2", "fe00::1", "fc00::1", "192.168.8.0", "",
            "localhost", "127.0.0.1 ", " 127.0.0.1", "127.0.0.1/32", "127.1", "::ffff:127.0.0.2",
            "127.0.0.1\u{0}", "1.2.3.4.5",
        ])
    func notMatching(address: String) {
        #expect(!Self.matcher.matches(address))
    }

    @Test("An IPv4-mapped entry matches the IPv4 client, and a mapped range its IPv4 range")
    func mappedEntries() {
        let matcher = AddressMatcher(["::ffff:127.0.0.1", "::ffff:10.0.0.0/104"])
        #expect(matcher.matches("127.0.0.1"))
        #expect(matcher.matches("10.200.3.4"))
        #expect(!matcher.matches("11.0.0.1"))
        #expect(matcher.matches("::ffff:10.9.9.9"))
    }

    @Test("Prefix lengths at the edges: /0 matches everything of the family space, /32 and /128 one address")
    func prefixEdges() {
        let everyIPv4 = AddressMatcher(["0.0.0.0/0"])
        #expect(everyIPv4.matches("8.8.8.8"))
        #expect(everyIPv4.matches("::ffff:8.8.8.8"))
        #expect(!everyIPv4.matches("2001:db8::1"))
        let everything = AddressMatcher(["::/0"])
        #expect(everything.matches("2001:db8::1"))
        #expect(everything.matches("8.8.8.8"))
        #expect(AddressMatcher(["8.8.8.8/32"]).matches("8.8.8.8"))
        #expect(!AddressMatcher(["8.8.8.8/32"]).matches("8.8.8.9"))
        #expect(AddressMatcher(["2001:db8::1/128"]).matches("2001:db8::1"))
        #expect(!AddressMatcher(["2001:db8::1/128"]).matches("2001:db8::2"))
        #expect(AddressMatcher(["2001:db8::/64"]).matches("2001:db8::ffff:ffff:ffff:ffff"))
        #expect(!AddressMatcher(["2001:db8::/64"]).matches("2001:db8:0:1::"))
        #expect(AddressMatcher(["2001:db8::/65"]).matches("2001:db8::7fff:0:0:1"))
        #expect(!AddressMatcher(["2001:db8::/65"]).matches("2001:db8::8000:0:0:1"))
    }

    @Test("Host bits in a range are ignored")
    func hostBitsIgnored() {
        #expect(AddressMatcher(["10.1.2.3/8"]).matches("10.200.0.1"))
    }

    @Test(
        "Invalid entries are rejected and reported",
        arguments: ["localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "300.1.1.1", "1::2::3", "10.0.0.0/8/8", "/8"])
    func invalidEntries(entry: String) {
        let matcher = AddressMatcher([entry, "127.0.0.1"])
        #expect(matcher.rejectedEntries == [entry])
        #expect(matcher.matches("127.0.0.1"))
        #expect(!matcher.matches("10.0.0.1"))
    }

    @Test("No entries match nothing")
    func empty() {
        let matcher = AddressMatcher([])
        #expect(matcher.isEmpty)
        #expect(!matcher.matches("127.0.0.1"))
    }
}
