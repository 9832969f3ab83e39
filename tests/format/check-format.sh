#!/usr/bin/env bash
# Fails when a C++ source file tracked by git differs from clang-format-14's
# output under the root .clang-format (LLVM style). Fix with:
#   git ls-files '*.cpp' '*.h' | xargs clang-format-14 -i
set -euo pipefail
cd "$1"
if ! command -v clang-format-14 >/dev/null; then
  echo "check-format: clang-format-14 is missing (apt-get install clang-format-14;" \
       "scripts/setup.sh installs it)" >&2
  exit 1
fi
unformatted=()
while IFS= read -r file; do
  if ! clang-format-14 --dry-run -Werror "$file" >/dev/null 2>&1; then
    unformatted+=("$file")
  fi
done < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find . -name '*.cpp' -o -name '*.h' | grep -v '^./build')
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "check-format: ${#unformatted[@]} file(s) differ from clang-format-14:" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "check-format: every C++ source is formatted"
