#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the `Retry-After` response header: a number of seconds, or an HTTP date (RFC 9110 IMF-fixdate,
/// such as `Sun, 06 Nov 1994 08:49:37 GMT`).
package enum RetryAfter {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The wait the header asks for, measured from `now` (seconds since the epoch); nil when unreadable.
    /// A date in the past means no wait.
    package static func parse(_ value: String, now: Int = Int(time(nil))) -> Duration? {
        let text = value.split(separator: " ", omittingEmptySubsequences: true)
        if text.count == 1, text[0].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return Int64(text[0]).map { .seconds($0) }
        }
        guard let date = secondsSinceEpoch(ofHTTPDate: text) else { return nil }
        return .seconds(max(0, date - now))
    }

    private static func secondsSinceEpoch(ofHTTPDate fields: [Substring]) -> Int? {
        guard fields.count == 6, fields[0].count == 4, fields[0].last == ",", fields[5] == "GMT",
              let day = Int(fields[1]), (1...31).contains(day),
              let month = months.firstIndex(of: String(fields[2])),
              let year = Int(fields[3]), fields[3].count == 4
        else { return nil }
        let time = fields[4].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
              (0..<24).contains(hour), (0..<60).contains(minute), (0...60).contains(second)
        else { return nil }
        return daysSinceEpoch(year: year, month: month + 1, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date, counting years from March so leap days come last.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
