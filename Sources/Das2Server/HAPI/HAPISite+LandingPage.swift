import Das2Core

extension HAPISite {
    /// The landing page at `BASE` (hapi.md §5.1): what the service is, links to the endpoints,
    /// example requests for a few datasets whose metadata is already known (it never waits for
    /// a probe), and the way back to the das2 page.
    func landingPage() async -> Das2Response {
        let base = XMLText.escape(context.scriptURL + "/hapi")
        let site = XMLText.escape(configuration.hapiTitle ?? configuration.siteName ?? "das2 data server")
        var examples = ""
        var lastModified = max(store.createdAt, configurationModified)
        if let sources = try? allSources() {
            var shown = 0
            for source in sources where source.isListed && shown < 3 {
                guard let part = source.parts.first, let metadata = try? await self.part(source, part, probing: false),
                    let dataset = metadata.dataset(part.key)
                else { continue }
                lastModified = max(lastModified, metadata.lastModified)
                let id = URLText.encode(dataset.id, keeping: "/")
                examples += "<li>\(XMLText.escape(dataset.title)): <a href=\"\(base)/info?dataset=\(id)\">info</a>"
                if let start = dataset.sampleStartDate, let stop = dataset.sampleStopDate {
                    let range = "&amp;start=\(HAPIDataset.metadataTime(start))&amp;stop=\(HAPIDataset.metadataTime(stop))"
                    examples += ", <a href=\"\(base)/data?dataset=\(id)\(range)\">data</a>"
                }
                examples += "</li>\n"
                shown += 1
            }
        }
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(site) HAPI service</title>
            </head>
            <body>
            <h1>\(site)</h1>
            <p>This server offers its das2 data sources through the Heliophysics Application Programmer's
            Interface (HAPI) 3.3, as CSV, binary or JSON records.</p>
            <ul>
            <li><a href="\(base)/about">about</a> — the server</li>
            <li><a href="\(base)/capabilities">capabilities</a> — output formats</li>
            <li><a href="\(base)/catalog">catalog</a> — the datasets</li>
            </ul>

            """
        if !examples.isEmpty { html += "<h2>Examples</h2>\n<ul>\n" + examples + "</ul>\n" }
        html += "<p><a href=\"\(XMLText.escape(context.scriptURL))\">The das2 server</a></p>\n</body>\n</html>\n"
        return HAPIResponses.metadata(
            Array(html.utf8), contentType: CommonHeaders.html, lastModified: lastModified, request: context.request
        )
    }
}
