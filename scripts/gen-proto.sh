#!/bin/sh
# Regenerates the protobuf-c sources of the VernierProto target from the schemas in Protos/.
#
#   scripts/gen-proto.sh            writes into Sources/VernierProto (headers under include/, sources under generated/)
#   scripts/gen-proto.sh OUT_DIR    writes the same layout into OUT_DIR, for comparing with the committed files
#
# Needs protoc-c (Debian: protobuf-c-compiler).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/Sources/VernierProto"}

command -v protoc-c >/dev/null || { echo "gen-proto.sh: protoc-c not found (apt-get install protobuf-c-compiler)" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$root/Protos"
protoc-c --proto_path=. --c_out="$scratch" $(find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)

rm -rf "$out/include/opentelemetry" "$out/include/prometheus" "$out/include/vernier" "$out/generated"
mkdir -p "$out/include" "$out/generated"
cd "$scratch"
for header in $(find . -name '*.pb-c.h' | LC_ALL=C sort); do
    mkdir -p "$out/include/$(dirname "$header")"
    cp "$header" "$out/include/$header"
done
for source in $(find . -name '*.pb-c.c' | LC_ALL=C sort); do
    mkdir -p "$out/generated/$(dirname "$source")"
    cp "$source" "$out/generated/$source"
done
