import Das2Core

// The landing page (server-protocol.md §3.1): what the server is and how to query it.
extension RequestContext {
    func landingPage() -> Das2Response {
        let site = configuration.siteName.map(XMLText.escape) ?? "Set SITE_NAME in \(XMLText.escape(configuration.path))"
        let serverID = configuration.serverID.map { XMLText.escape($0.uppercased()) }
            ?? "Set SERVER_ID in \(XMLText.escape(configuration.path))"
        let url = XMLText.escape(scriptURL)
        let styleSheet = "\(url)/static/\(XMLText.escape(configuration.styleSheet))"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(site)</title>
            <link rel="stylesheet" type="text/css" href="\(styleSheet)">
            </head>
            <body>
            <header>
            <img src="\(url)/static/logo.png" alt="logo" class="logo">
            <h1>\(site)</h1>
            <p class="server-id">das2 server <b>\(serverID)</b></p>
            <img src="\(url)/static/das2logo_rv.png" alt="das2" class="das2logo">
            </header>
            <main>
            <h2>Data sources</h2>
            <ul>
            <li><a href="\(url)?server=list">\(url)?server=list</a> — every data source on this server</li>
            <li><a href="\(url)?server=discovery">\(url)?server=discovery</a> — sources with example ranges</li>
            <li><a href="\(url)?server=peers">\(url)?server=peers</a> — other das2 servers</li>
            <li><a href="\(url)?server=id">\(url)?server=id</a> — site identification</li>
            </ul>
            <h2>Queries</h2>
            <p>Describe a source:</p>
            <pre>\(url)?server=dsdf&amp;dataset=SOURCE</pre>
            <p>Get data (add <code>&amp;resolution=SECONDS</code> to reduce, <code>&amp;ascii=1</code> for text,
            <code>&amp;params=…</code> for reader options):</p>
            <pre>\(url)?server=dataset&amp;dataset=SOURCE&amp;start_time=BEGIN&amp;end_time=END</pre>

            """
        if let sample = configuration.sampleDSDF {
            let name = XMLText.escape(sample)
            html += "<h2>Example</h2>\n<ul>\n"
            html += "<li><a href=\"\(url)?server=dsdf&amp;dataset=\(name)\">Description of \(name)</a></li>\n"
            if let start = configuration.sampleStart, let end = configuration.sampleEnd {
                let range = "start_time=\(XMLText.escape(start))&amp;end_time=\(XMLText.escape(end))"
                html += "<li><a href=\"\(url)?server=dataset&amp;dataset=\(name)&amp;\(range)\">Data</a>, "
                html += "<a href=\"\(url)?server=dataset&amp;dataset=\(name)&amp;\(range)&amp;ascii=1\">as text</a></li>\n"
            }
            html += "</ul>\n"
        }
        if configuration.pngMaker != nil {
            html += "<h2>Images</h2>\n<pre>\(url)?server=image&amp;dataset=SOURCE&amp;start_time=BEGIN&amp;end_time=END</pre>\n"
        }
        if configuration.enableHAPI {
            html += "<h2>HAPI</h2>\n<p>This server speaks the Heliophysics API: "
            html += "<a href=\"\(url)/hapi\">\(url)/hapi</a></p>\n"
        }
        if configuration.das23Prototype {
            html += "<h2>das2.3 (experimental)</h2>\n<ul>\n"
            html += "<li><a href=\"\(url)/source/\">\(url)/source/</a> — source catalog</li>\n"
            html += "<li><a href=\"\(url)/services\">\(url)/services</a> — service list</li>\n</ul>\n"
        }
        if let logURL = configuration.viewLogURL {
            html += "<p><a href=\"\(XMLText.escape(logURL))\">Request logs</a></p>\n"
        }
        html += "</main>\n<footer>\(request.serverSignature ?? "")</footer>\n</body>\n</html>\n"
        return textResponse(html, contentType: CommonHeaders.html)
    }

    func services() -> Das2Response {
        func service(_ version: JSONValue, _ purpose: String, _ reference: String?) -> JSONValue {
            var members: [(String, JSONValue)] = [("version", version), ("_purpose", .string(purpose))]
            if let reference { members.append(("_reference", .string("http://das2.org/icd/server/" + reference))) }
            return .object(members)
        }
        var members: [(String, JSONValue)] = [
            ("id", service(.number(1.0), "Identify the organization operating this server", "id")),
            ("logo", service(.number(1.0), "Get the site logo", "logo")),
            ("peers", service(.number(1.0), "List other das2 servers known to this one", "peers")),
            ("list", service(.number(1.0), "List every data source", "list")),
            ("dsdf", service(.number(1.0), "Describe one data source as a das2 stream header", "dsdf")),
            ("dataset", service(.number(1.0), "Get data from one source for a time range", "dataset")),
            ("image", service(.string("experimental"), "Get a plot of a data source", "image")),
            ("services", service(.number(0.9), "List the services of this server", "services")),
            ("directory", service(.string("experimental"), "Browse the source catalog", "directory")),
            ("source", service(.string("experimental"), "Describe a data source as JSON", "source")),
            ("data", service(.string("experimental"), "Get data by source path", "data")),
        ]
        if configuration.enableHAPI {
            members.append(("HAPI", service(.number(1.0), "Heliophysics API access to the same sources", nil)))
        }
        return bytesResponse(JSONValue.object(members).serialized(), contentType: CommonHeaders.json)
    }
}
