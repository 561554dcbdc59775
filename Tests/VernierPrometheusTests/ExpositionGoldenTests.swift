import Testing
import Vernier
import VernierPrometheus

/// The exact bytes of both formats for a snapshot with every metric kind, odd label values and exemplars.
@Suite("Exposition golden files")
struct ExpositionGoldenTests {
    @Test func prometheusText() {
        let rendering = PrometheusExposition().render(ShopSnapshot.snapshot, format: .prometheusText)
        #expect(String(decoding: rendering.body, as: UTF8.self) == Self.expectedText + "\n")
    }

    @Test func openMetrics() {
        let rendering = PrometheusExposition().render(ShopSnapshot.snapshot, format: .openMetrics)
        #expect(String(decoding: rendering.body, as: UTF8.self) == Self.expectedOpenMetrics + "\n")
    }

    @Test func unsupportedAndConflictingMetricsAreDroppedWithAReason() {
        let rendering = PrometheusExposition().render(ShopSnapshot.snapshot, format: .openMetrics)
        #expect(rendering.drops == [
            ExpositionDrop(metricName: "shop.latency", reason: .exponentialHistogram),
            ExpositionDrop(metricName: "shop.requests", reason: .deltaTemporality),
            ExpositionDrop(metricName: "shop_orders", reason: .conflictingName(existingFamily: "shop_orders", existingType: .counter)),
        ])
    }

    static let expectedText = #"""
# TYPE target_info gauge
# HELP target_info Target metadata
target_info{service_instance_id="i-1",service_name="shop"} 1
# TYPE shop_checkout_duration_seconds histogram
# HELP shop_checkout_duration_seconds Checkout latency
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="0.1"} 1
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="0.5"} 3
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="1.0"} 3
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="+Inf"} 4
shop_checkout_duration_seconds_sum{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 2.85
shop_checkout_duration_seconds_count{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 4
# TYPE shop_checkouts_active gauge
# HELP shop_checkouts_active Checkouts in progress
shop_checkouts_active{otel_scope_name="shop.checkout",otel_scope_version="1.2.0"} -2
# TYPE shop_orders_total counter
# HELP shop_orders_total Orders placed
shop_orders_total{note="say \"hi\"\\ then\nZürich ☃",otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 3
shop_orders_total{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="cash"} 1
# TYPE shop_revenue_USD_total counter
# HELP shop_revenue_USD_total Revenue
shop_revenue_USD_total{otel_scope_name="shop.checkout",otel_scope_version="1.2.0"} 12.5
# TYPE system_cpu_utilization_ratio gauge
# HELP system_cpu_utilization_ratio CPU in use,\nas a \\fraction\\
system_cpu_utilization_ratio{cpu="0",otel_scope_name="host"} NaN
system_cpu_utilization_ratio{cpu="1",otel_scope_name="host"} 0.25
"""#

    static let expectedOpenMetrics = #"""
# TYPE target info
# HELP target Target metadata
target_info{service_instance_id="i-1",service_name="shop"} 1
# TYPE shop_checkout_duration_seconds histogram
# UNIT shop_checkout_duration_seconds seconds
# HELP shop_checkout_duration_seconds Checkout latency
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="0.1"} 1
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="0.5"} 3 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7",user_id="u-42"} 0.45 1700000042.123
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="1.0"} 3
shop_checkout_duration_seconds_bucket{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card",le="+Inf"} 4 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 2.0 1700000042.123
shop_checkout_duration_seconds_sum{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 2.85
shop_checkout_duration_seconds_count{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 4
shop_checkout_duration_seconds_created{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 1700000000.000
# TYPE shop_checkouts_active gauge
# HELP shop_checkouts_active Checkouts in progress
shop_checkouts_active{otel_scope_name="shop.checkout",otel_scope_version="1.2.0"} -2
# TYPE shop_orders counter
# HELP shop_orders Orders placed
shop_orders_total{note="say \"hi\"\\ then\nZürich ☃",otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 3 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 1 1700000042.123
shop_orders_created{note="say \"hi\"\\ then\nZürich ☃",otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="card"} 1700000000.000
shop_orders_total{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="cash"} 1
shop_orders_created{otel_scope_name="shop.checkout",otel_scope_version="1.2.0",payment_method="cash"} 1700000000.000
# TYPE shop_revenue_USD counter
# UNIT shop_revenue_USD USD
# HELP shop_revenue_USD Revenue
shop_revenue_USD_total{otel_scope_name="shop.checkout",otel_scope_version="1.2.0"} 12.5
shop_revenue_USD_created{otel_scope_name="shop.checkout",otel_scope_version="1.2.0"} 1700000000.000
# TYPE system_cpu_utilization_ratio gauge
# UNIT system_cpu_utilization_ratio ratio
# HELP system_cpu_utilization_ratio CPU in use,\nas a \\fraction\\
system_cpu_utilization_ratio{cpu="0",otel_scope_name="host"} NaN
system_cpu_utilization_ratio{cpu="1",otel_scope_name="host"} 0.25
# EOF
"""#
}
