#!/usr/bin/env bash
# Sets up crnc on Debian 12: installs the Debian packages it needs (only the
# missing ones), then configures and builds everything into ./build.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build g++ python3            # toolchain; python3 runs lit
  llvm-14-dev llvm-14-tools                # LLVM Support; lit + FileCheck
  clang-format-14                          # the format test
  nlohmann-json3-dev                       # JSON in and out
  libboost-graph-dev                       # reaction-graph algorithms
  libsundials-dev libsuitesparse-dev       # CVODE, KLU
  catch2                                   # unit tests
  libsbml5-dev                             # SBML export
  zlib1g-dev                               # gzip data sets
  python3-numpy python3-scipy              # benchmark comparison against SciPy
  primer3                                  # ntthal: scripts/measure_mismatch_ddg.py
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
