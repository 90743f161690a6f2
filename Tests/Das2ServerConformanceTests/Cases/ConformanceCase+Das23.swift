// conformance-cases.md §10: das2.3 prototype endpoints.
extension ConformanceCase {
    static let jsonType = Check.contentType("application/json; charset=utf-8")

    static let das23: [ConformanceCase] = [
        ConformanceCase("C110", "JSON info", .query("server=source&dataset=Examples/Random"), [
            .status(200), jsonType,
            .json { root in
                var problems = jsonMembers(root, [
                    "id": "Examples/Random",
                    "MIME": "application/vnd.das2.das2stream",
                    "description": "Produce random values between -10 and +10",
                    "examples": [["range": "2017-01-01 to 2017-03-01 UTC"]],
                    "contacts": [["type": "TECHNICAL", "who": "Your Name", "email": "your.name@yourplace.edu"]],
                    "example": "http://localhost/das/server?server=dataset&dataset=Examples/Random&time.min=2017-01-01&time.max=2017-03-01",
                ])
                for member in ["reader", "reducer"] where jsonValue(root, member) != nil {
                    problems.append("JSON \(member): expected none, got \(jsonText(jsonValue(root, member)!))")
                }
                return problems
            },
        ]),
        ConformanceCase("C111", "source definition", .path("/source/Examples/Spectra.json"), [
            .status(200),
            .json { root in
                jsonMembers(root, [
                    "TYPE": "Das2Source",
                    "NAME": "Spectra",
                    "PATH_URI": "tag:das2.org,2012:test:/fixture/examples/spectra",
                    "SOURCE.ACCESS[0].BASE_URL": "http://localhost/das/server/data/Examples/Spectra",
                    "SOURCE.ACCESS[0].AUTH_REQUIRED": "no",
                    "SOURCE.COORDINATES.time.RANGE": ["MIN": "1979-03-01T12:26:11", "MAX": "1979-03-01T12:29:24"],
                    "SOURCE.COORDINATES.time.SELECT.RES": "time.res",
                    "SOURCE.DESC": "Dynamic spectra generated from the waveform source.",
                    "SOURCE.QUERY_EXAMPLES[0].http_params": [
                        "start_time": "1979-03-01T12:26:11", "end_time": "1979-03-01T12:29:24", "resolution": 0.0965,
                    ],
                    "SOURCE.QUERY_PARAMS.OUTPUT.text.MIME": "text/vnd.das2.das2stream; charset=utf-8",
                ])
            },
        ]),
        ConformanceCase("C112", "services", .path("/services"), [
            .status(200),
            .json { root in
                let keys = ["id", "logo", "peers", "list", "dsdf", "dataset", "image", "services", "directory", "source", "data", "HAPI"]
                return keys.filter { jsonValue(root, $0) == nil }.map { "JSON \($0): expected a member, got none" }
            },
        ]),
        ConformanceCase("C113", "coverage", .path("/coverage"), [.status(501), .exception("NotImplemented")]),
        ConformanceCase("C114", "directory listing", .path("/source/Examples/"), [
            .status(200),
            .json { root in
                var problems = jsonMembers(root, [
                    "TYPE": "DasCatalog",
                    "PATH_URI": "tag:das2.org,2012:test:/fixture/Examples",
                    "TITLE": "Example data sources",
                    "CATALOG.Random": [
                        "TYPE": "DasStreamSource", "TITLE": "Produce random values between -10 and +10",
                        "PATH_URI": "tag:das2.org,2012:test:/fixture/Examples/Random",
                        "URL": ["http://localhost/das/server/source/Examples/Random.json"],
                    ],
                ])
                if let test = jsonValue(root, "CATALOG.test") { problems.append("JSON CATALOG.test: expected none, got \(jsonText(test))") }
                return problems
            },
        ]),
    ]
}
