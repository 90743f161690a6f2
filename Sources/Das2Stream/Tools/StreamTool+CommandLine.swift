import Das2Core

// The reference tools' argument rules (tools.md §2.-§5. with the fixes of §10), with their
// messages and exit statuses.
extension StreamTool {
    /// The one-line usage of a tool.
    public static func usage(of name: Name) -> String {
        switch name {
        case .ascii: "Usage: das2_ascii [-r N] [-s N] [-c]"
        case .binAvg: "Usage: das2_bin_avg BIN_WIDTH"
        case .binAvgSec: "Usage: das2_bin_avgsec [-r] [-s] [-p] [-b BEGIN] BIN_SECONDS"
        case .binPeakAvgSec: "Usage: das2_bin_peakavgsec [-b BEGIN] BIN_SECONDS"
        }
    }

    static func asciiOptions(_ arguments: [String]) throws(Das2StreamError) -> ASCIIConverter.Options {
        var options = ASCIIConverter.Options()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-r", "-s":
                guard index + 1 < arguments.count else {
                    throw usageError(
                        argument == "-r"
                            ? "ERROR: Resolution parameter missing after -r"
                            : "ERROR: Sub-seconds resolution parameter missing after -s",
                        status: 13
                    )
                }
                let digits = CNumberParser.parseInt(arguments[index + 1])?.value ?? 0
                if argument == "-r" {
                    guard (2...17).contains(digits) else {
                        throw usageError(
                            "ERROR: Can't format to \(digits) significant digits, Supported range is only 2 to 17 significant digits.",
                            status: 13
                        )
                    }
                    options.significantDigits = digits
                } else {
                    guard (0...9).contains(digits) else {
                        throw usageError(
                            "ERROR: Only 0 to 9 sub-seconds digits supported don't know how to handle \(digits) sub-second digits.",
                            status: 13
                        )
                    }
                    options.fractionDigits = digits
                }
                index += 2
            case "-c":
                options.dropsOutOfBand = true
                index += 1
            default:
                throw usageError("ERROR: unknown parameter '\(argument)'", status: 13)
            }
        }
        return options
    }

    static func binAvgConfiguration(_ arguments: [String]) throws(Das2StreamError) -> BinAverager.Configuration {
        guard arguments.count == 1 else { throw usageError(usage(of: .binAvg), status: 13) }
        guard let width = CNumberParser.parseDouble(arguments[0])?.value, width.isFinite, width > 0 else {
            throw usageError("ERROR: Couldn't convert '\(arguments[0])' to a positive bin width", status: 13)
        }
        var configuration = BinAverager.Configuration(binning: .xUnits(width), programName: Name.binAvg.rawValue)
        configuration.dropsComments = true
        return configuration
    }

    static func binAvgSecConfiguration(_ arguments: [String]) throws(Das2StreamError) -> BinAverager.Configuration {
        guard !arguments.isEmpty else { throw usageError(usage(of: .binAvgSec), status: 4) }
        // das2C recognises the options anywhere, but takes the size from the word after as many
        // words as the options used.
        var sizeIndex = 0
        var begin: Double?
        var minMax = false
        var deviation = false
        var dropsProgress = false
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "-b":
                guard index + 1 < arguments.count else {
                    throw usageError("ERROR: Begin bin position missing after -b", status: 100)
                }
                begin = try beginTime(arguments[index + 1])
                sizeIndex += 2
                index += 1
            case "-r": minMax = true; sizeIndex += 1
            case "-s": deviation = true; sizeIndex += 1
            case "-p": dropsProgress = true; sizeIndex += 1
            default: break
            }
            index += 1
        }
        guard arguments.count == sizeIndex + 1 else { throw usageError(usage(of: .binAvgSec), status: 100) }
        var configuration = BinAverager.Configuration(
            binning: .seconds(try binSeconds(arguments[sizeIndex]), begin: begin),
            programName: Name.binAvgSec.rawValue
        )
        configuration.minMax = minMax
        configuration.standardDeviation = deviation
        configuration.progress = dropsProgress ? .drop : .forward
        configuration.collapsesWaveforms = true
        configuration.annotatesStream = true
        return configuration
    }

    static func binPeakAvgSecConfiguration(_ arguments: [String]) throws(Das2StreamError) -> BinAverager.Configuration {
        guard !arguments.isEmpty else { throw usageError(usage(of: .binPeakAvgSec), status: 100) }
        // das2C honours only the first -b; anything else unexpected breaks the count.
        var sizeIndex = 0
        var begin: Double?
        if let flag = arguments.firstIndex(of: "-b") {
            guard flag + 1 < arguments.count else {
                throw usageError("ERROR: Begin bin position missing after -b", status: 100)
            }
            begin = try beginTime(arguments[flag + 1])
            sizeIndex = 2
        }
        guard arguments.count == sizeIndex + 1 else { throw usageError(usage(of: .binPeakAvgSec), status: 13) }
        var configuration = BinAverager.Configuration(
            binning: .seconds(try binSeconds(arguments[sizeIndex]), begin: begin),
            programName: Name.binPeakAvgSec.rawValue
        )
        configuration.peaks = true
        configuration.progress = .decimate
        configuration.annotatesStream = true
        return configuration
    }

    /// BIN_SECONDS with C `%lf` prefix semantics (`60s` is 60); anything that is not a positive
    /// finite number is refused (tools.md §10 row 12).
    private static func binSeconds(_ text: String) throws(Das2StreamError) -> Double {
        guard let value = CNumberParser.parseDouble(text)?.value, value.isFinite else {
            throw usageError("ERROR: Couldn't convert '\(text)' to a bin size in seconds", status: 100)
        }
        guard value > 0 else {
            throw usageError("ERROR: Output bin size must be bigger than 0 seconds!", status: 100)
        }
        return value
    }

    /// A `-b BEGIN` time read with the das2 time parser, as us2000.
    private static func beginTime(_ text: String) throws(Das2StreamError) -> Double {
        guard let time = try? DasTime(parsing: text) else {
            throw usageError("ERROR: Couldn't convert \(text) to a date-time", status: 100)
        }
        return TimeScale.us2000.value(from: time)
    }

    private static func usageError(_ message: String, status: Int32) -> Das2StreamError {
        Das2StreamError(.invalidArgument, message, exitStatus: status)
    }
}
