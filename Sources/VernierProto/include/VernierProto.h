/* The OTLP, Prometheus remote-write, Prometheus client-model and gRPC status messages as protoc-c generated them from Protos/
 * (scripts/gen-proto.sh), plus the arena the encoders build message trees in. */
#include "opentelemetry/proto/common/v1/common.pb-c.h"
#include "opentelemetry/proto/resource/v1/resource.pb-c.h"
#include "opentelemetry/proto/metrics/v1/metrics.pb-c.h"
#include "opentelemetry/proto/trace/v1/trace.pb-c.h"
#include "opentelemetry/proto/collector/metrics/v1/metrics_service.pb-c.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb-c.h"
#include "prometheus/metrics.pb-c.h"
#include "prometheus/remote_write.pb-c.h"
#include "vernier/grpc_status.pb-c.h"
#include "vernier_proto_arena.h"
