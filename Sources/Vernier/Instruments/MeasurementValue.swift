/// A number an instrument can record: `Int` or `Double`.
///
/// Sums are kept as 64 raw bits in an atomic cell; a conforming type says how to read, write and add those bits,
/// so that one lock-free cell serves both integer and floating-point instruments.
public protocol MeasurementValue: Sendable, Comparable, AdditiveArithmetic {
    /// Creates the value from the raw bits an accumulator holds.
    init(accumulatorBits: UInt64)
    /// The raw bits an accumulator holds for this value.
    var accumulatorBits: UInt64 { get }
    /// The bits of `bits` plus `value`, wrapping on integer overflow.
    static func accumulate(_ bits: UInt64, _ value: Self) -> UInt64
    /// The value as a double, for histograms and formats with one number type.
    var doubleValue: Double { get }
    /// The value as OTLP keeps it.
    var numberValue: NumberValue { get }
    /// False for NaN and infinities, which no sum or histogram accepts.
    var isFiniteMeasurement: Bool { get }
    /// True below zero, which a counter does not accept.
    var isNegativeMeasurement: Bool { get }
}

extension Int: MeasurementValue {
    @inlinable public init(accumulatorBits: UInt64) { self = Int(Int64(bitPattern: accumulatorBits)) }
    @inlinable public var accumulatorBits: UInt64 { UInt64(bitPattern: Int64(self)) }
    @inlinable public static func accumulate(_ bits: UInt64, _ value: Int) -> UInt64 { bits &+ UInt64(bitPattern: Int64(value)) }
    public var doubleValue: Double { Double(self) }
    public var numberValue: NumberValue { .int(Int64(self)) }
    @inlinable public var isFiniteMeasurement: Bool { true }
    @inlinable public var isNegativeMeasurement: Bool { self < 0 }
}

extension Double: MeasurementValue {
    @inlinable public init(accumulatorBits: UInt64) { self = Double(bitPattern: accumulatorBits) }
    @inlinable public var accumulatorBits: UInt64 { bitPattern }
    @inlinable public static func accumulate(_ bits: UInt64, _ value: Double) -> UInt64 { (Double(bitPattern: bits) + value).bitPattern }
    public var doubleValue: Double { self }
    public var numberValue: NumberValue { .double(self) }
    @inlinable public var isFiniteMeasurement: Bool { isFinite }
    @inlinable public var isNegativeMeasurement: Bool { self < 0 }
}
