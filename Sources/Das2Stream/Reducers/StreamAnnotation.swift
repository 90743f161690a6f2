import Das2Core

/// The stream properties a time reducer sets (tools.md §3.2).
enum StreamAnnotation {
    /// Updates `xTagWidth`, adds `xCacheResolution` and `xCacheResInfo`, and relabels
    /// `Data_type`, in that order (the order decides where replaced properties land).
    static func apply(binSeconds: Double, to properties: inout Das2Properties) throws(Das2StreamError) {
        var resolution = binSeconds
        if let width = properties["xTagWidth"] {
            // A unit-less xTagWidth counts as seconds (tools.md §10 row 21).
            guard let seconds = width.seconds else {
                let units = width.units?.symbol ?? ""
                throw Das2StreamError(
                    .invalidProperty,
                    "Can't convert property xTagWidth='\(width.text)' (units '\(units)') to seconds"
                )
            }
            if seconds < binSeconds {
                properties.set(.datum("xTagWidth", binSeconds, units: .seconds))
            } else {
                resolution = seconds
            }
        } else {
            properties.set(.datum("xTagWidth", binSeconds, units: .seconds))
        }
        properties.set(.datum("xCacheResolution", resolution, units: .seconds))
        properties.set(.string("xCacheResInfo", resolutionInfo(resolution)))
        if properties["Data_type"] != nil {
            properties.set(.string("Data_type", "K0>Key Parameter"))
        }
    }

    /// `(5.0 minute Averages)` and friends.
    static func resolutionInfo(_ seconds: Double) -> String {
        if seconds < 1 {
            return "(\(FloatFormat(.fixed, precision: 0).string(seconds * 1000)) ms Averages)"
        }
        if seconds < 60 {
            return "(\(FloatFormat(.fixed, precision: 1).string(seconds)) s Averages)"
        }
        if seconds < 3600 {
            return "(\(FloatFormat(.fixed, precision: 1).string(seconds / 60)) minute Averages)"
        }
        if seconds < 86400 {
            return "(\(FloatFormat(.fixed, precision: 1).string(seconds / 3600)) hour Averages)"
        }
        return "(\(FloatFormat(.general, precision: 3).string(seconds / 86400)) day Averages)"
    }
}
