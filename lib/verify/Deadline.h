//===- Deadline.h - time and memory limits for the verification searches -*-
// C++ -*-===//
//
// The searches of CRN bisimulation and pathway decomposition can take time
// and memory exponential in the network; a Deadline lets them stop and
// answer `unknown` (with the limit as the reason) instead of a verdict they
// could not prove, or of exhausting the machine.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_DEADLINE_H
#define CRNC_VERIFY_DEADLINE_H

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace crnc::verify {

/// Memory a search may take beyond what the process held when it started
/// (2 GiB): past it the search answers `unknown`.
constexpr size_t DefaultSearchMemoryBytes = size_t(2) << 30;

class Deadline {
public:
  /// No time limit when `seconds` <= 0; no memory limit when
  /// `memoryBytes` is 0.
  explicit Deadline(double seconds = 0,
                    size_t memoryBytes = DefaultSearchMemoryBytes);
  /// True once the time is up or the process has grown by more than the
  /// memory limit (measured at most every millisecond).
  bool expired() const;
  /// Why expired() said true: "time limit of 30 s reached" or "memory limit
  /// of 2048 MB reached".
  std::string reason() const;

private:
  bool limited = false;
  double seconds = 0;
  std::chrono::steady_clock::time_point end;
  size_t memoryBytes = 0, baseline = 0;
  mutable std::atomic<int64_t> lastMeasured{0}; ///< steady clock ticks
  mutable std::atomic<bool> outOfMemory{false};
};

/// Thrown inside a search when its deadline has passed; caught at the entry
/// point, which then answers `unknown` with Deadline::reason().
struct DeadlineExpired {};

} // namespace crnc::verify

#endif
