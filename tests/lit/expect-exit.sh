#!/bin/sh
# Runs a command and succeeds only if it exits with the given code:
#   expect-exit.sh 1 crnc compile bad.crn
expected=$1
shift
"$@"
code=$?
if [ "$code" -ne "$expected" ]; then
  echo "expect-exit: expected exit code $expected, got $code" >&2
  exit 1
fi
exit 0
