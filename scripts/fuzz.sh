#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan) and runs each for
# the given number of seconds (default 300), seeded with the examples and the
# golden tests. Findings land in build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
for package in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package"; }
done
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRNC_ENABLE_FUZZERS=ON > /dev/null
cmake --build build-fuzz --target FuzzCrnParser FuzzIRParser
mkdir -p build-fuzz/corpus/crn build-fuzz/corpus/ir build-fuzz/findings
cp examples/*.crn tests/lit/frontend/*.crn tests/lit/frontend/errors/*.crn build-fuzz/corpus/crn/ 2>/dev/null || true
cp tests/lit/ir/*.crnir tests/lit/passes/*/*.crnir build-fuzz/corpus/ir/ 2>/dev/null || true
for f in examples/*.crn; do ./build/bin/crnc compile "$f" --emit=ir -w > "build-fuzz/corpus/ir/$(basename "$f" .crn).crnir" 2>/dev/null || true; done
./build-fuzz/bin/FuzzCrnParser build-fuzz/corpus/crn -max_total_time="$seconds" \
  -artifact_prefix=build-fuzz/findings/crn- -max_len=4096 -print_final_stats=1
./build-fuzz/bin/FuzzIRParser build-fuzz/corpus/ir -max_total_time="$seconds" \
  -artifact_prefix=build-fuzz/findings/ir- -max_len=4096 -print_final_stats=1
