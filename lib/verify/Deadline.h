//===- Deadline.h - a wall-clock limit for the verification searches -*- C++
//-*-===//
//
// The searches of CRN bisimulation and pathway decomposition can take time
// exponential in the network; a Deadline lets them stop and answer `unknown`
// instead of a verdict they could not prove.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_VERIFY_DEADLINE_H
#define CRNC_VERIFY_DEADLINE_H

#include <chrono>

namespace crnc::verify {

class Deadline {
public:
  /// No limit when `seconds` <= 0.
  explicit Deadline(double seconds = 0) {
    if (seconds > 0) {
      limited = true;
      end = std::chrono::steady_clock::now() +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(seconds));
    }
  }
  bool expired() const {
    return limited && std::chrono::steady_clock::now() >= end;
  }

private:
  bool limited = false;
  std::chrono::steady_clock::time_point end;
};

/// Thrown inside a search when its deadline has passed; caught at the entry
/// point, which then answers `unknown`.
struct DeadlineExpired {};

} // namespace crnc::verify

#endif
