//===- BenchFlags.h - `--name value` arguments of the benches ---*- C++ -*-===//
//
// The benches read their arguments by hand (llvm::cl::opt belongs to
// compiler/driver only): `--name value` or `--name=value` (one dash works
// too); a boolean is `--name` (true) or `--name=false`.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BENCH_BENCHFLAGS_H
#define CRNC_BENCH_BENCHFLAGS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <string>

namespace crnc::bench {

/// One argument: `set` stores its value, false when the value is bad.
struct Flag {
  const char *name;
  std::function<bool(llvm::StringRef)> set;
  bool isBool = false;
};

inline Flag flag(const char *name, std::string &v) {
  return {name, [&v](llvm::StringRef s) {
            v = s.str();
            return true;
          }};
}
inline Flag flag(const char *name, unsigned &v) {
  return {name, [&v](llvm::StringRef s) { return !s.getAsInteger(0, v); }};
}
inline Flag flag(const char *name, double &v) {
  return {name, [&v](llvm::StringRef s) { return !s.getAsDouble(v); }};
}
inline Flag flag(const char *name, bool &v) {
  return {name,
          [&v](llvm::StringRef s) {
            if (s.empty() || s == "true" || s == "1")
              v = true;
            else if (s == "false" || s == "0")
              v = false;
            else
              return false;
            return true;
          },
          true};
}

/// Parses argv[1..] against `flags`. On --help, an unknown name or a bad or
/// missing value prints `usage` on stderr and returns false.
inline bool parseFlags(int argc, char **argv, llvm::ArrayRef<Flag> flags,
                       llvm::StringRef usage) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (!arg.consume_front("-")) {
      llvm::errs() << "unexpected argument '" << arg << "'\n" << usage;
      return false;
    }
    arg.consume_front("-");
    auto [name, value] = arg.split('=');
    bool hasValue = arg.contains('=');
    const Flag *f = nullptr;
    for (const Flag &candidate : flags)
      if (name == candidate.name)
        f = &candidate;
    if (!f) {
      if (name != "help")
        llvm::errs() << "unknown argument '" << argv[i] << "'\n";
      llvm::errs() << usage;
      return false;
    }
    if (!hasValue && !f->isBool) {
      if (i + 1 == argc) {
        llvm::errs() << "--" << name << " needs a value\n" << usage;
        return false;
      }
      value = argv[++i];
    }
    if (!f->set(value)) {
      llvm::errs() << "--" << name << ": bad value '" << value << "'\n"
                   << usage;
      return false;
    }
  }
  return true;
}

} // namespace crnc::bench

#endif
