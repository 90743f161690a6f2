@testable import Das2Server
import Testing

/// The dataset id grammar of hapi.md §7.2.1 and its legacy comma alias (DEV-H5).
struct HAPIDatasetIDTests {
    @Test func plainIdsNameTheSource() throws {
        let id = try #require(HAPIDatasetID("Hapi/Mag"))
        #expect(id.name == "Hapi/Mag")
        let resolved = try #require(id.resolve(hasSubSources: false))
        #expect(resolved.subSource == nil && resolved.packet == nil && resolved.extension == nil)
    }

    @Test func packetAndExtensionComponentsFollowTheSubSource() throws {
        let resolved = try #require(HAPIDatasetID("Hapi/Survey:B:p03:x_bin-600s")?.resolve(hasSubSources: true))
        #expect(resolved.subSource == "B")
        #expect(resolved.packet == 3)
        #expect(resolved.extension == .bin("600s"))
        #expect(HAPIDatasetID("Hapi/Spec:p02:x_bin-250ms")?.resolve(hasSubSources: false)?.extension == .bin("250ms"))
        #expect(HAPIDatasetID("Hapi/Survey:B:x_availability")?.resolve(hasSubSources: true)?.extension == .availability)
    }

    @Test func theCommaFormIsAnAliasOfTheColonForm() throws {
        let legacy = try #require(HAPIDatasetID("Hapi/Survey,B"))
        #expect(legacy == HAPIDatasetID("Hapi/Survey:B"))
        #expect(HAPIDatasetID("Hapi/Survey,B:p02") == nil)
        #expect(HAPIDatasetID("Hapi/Survey,B,C") == nil)
        #expect(HAPIDatasetID("Hapi/Mag:x,y") == nil)
    }

    @Test(arguments: [
        ("Hapi/Mag:x_availability:p02", false), ("Hapi/Mag:p02:x_availability", false), ("Hapi/Mag:B", false),
        ("Hapi/Mag:p5", false), ("Hapi/Mag:p00", false), ("Hapi/Mag:x_bin-60", false), ("Hapi/Mag:x_bin-s", false),
        ("Hapi/Mag:x_bin-60s:x_availability", false), ("Hapi/Survey", true), ("Hapi/Mag:P02", false),
    ])
    func malformedComponentsSelectNothing(text: String, hasSubSources: Bool) {
        #expect(HAPIDatasetID(text)?.resolve(hasSubSources: hasSubSources) == nil)
    }

    @Test(arguments: ["", ":p02", "Hapi/Mag:", "Hapi/Mag::p02"])
    func emptyComponentsAreNoId(text: String) {
        #expect(HAPIDatasetID(text) == nil)
    }

    @Test func subSourceIdsWithSeparatorsAreNotOffered() {
        #expect(HAPISourcePart.isOfferable(subSourceID: "B"))
        for id in ["", "a:b", "a,b", "a/b", "a b", "a\tb", "a\u{1}b"] {
            #expect(!HAPISourcePart.isOfferable(subSourceID: id))
        }
    }
}
