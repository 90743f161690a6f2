import Das2Core
import Das2Stream

extension Das2Property {
    /// A `Datum` in seconds, such as `Datum:xTagWidth="1 s"`.
    static func seconds(_ name: String, _ text: String) -> Das2Property {
        Das2Property(name: name, kind: .real, value: text, units: .seconds)
    }

    /// A `double` written as given, such as `double:zFill="-1.0e+31"`.
    static func real(_ name: String, _ text: String) -> Das2Property {
        Das2Property(name: name, kind: .real, value: text)
    }
}
