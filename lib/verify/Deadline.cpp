//===- Deadline.cpp - time and memory limits for the searches -------------===//

#include "lib/verify/Deadline.h"
#include "lib/support/Format.h"
#include <fstream>
#include <unistd.h>

using namespace crnc;
using namespace crnc::verify;

/// Resident memory of this process in bytes (Linux /proc/self/statm); 0
/// when it cannot be read.
static size_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t total = 0, resident = 0;
  if (!(statm >> total >> resident))
    return 0;
  return resident * size_t(sysconf(_SC_PAGESIZE));
}

Deadline::Deadline(double seconds, size_t memoryBytes)
    : seconds(seconds), memoryBytes(memoryBytes) {
  if (seconds > 0) {
    limited = true;
    end = std::chrono::steady_clock::now() +
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
              std::chrono::duration<double>(seconds));
  }
  if (memoryBytes)
    baseline = residentBytes();
}

bool Deadline::expired() const {
  if (outOfMemory)
    return true;
  auto now = std::chrono::steady_clock::now();
  int64_t ticks = now.time_since_epoch().count();
  int64_t every =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::milliseconds(1))
          .count();
  if (memoryBytes &&
      ticks - lastMeasured.load(std::memory_order_relaxed) >= every) {
    lastMeasured.store(ticks, std::memory_order_relaxed);
    size_t resident = residentBytes();
    if (resident > baseline && resident - baseline > memoryBytes)
      return outOfMemory = true;
  }
  return limited && now >= end;
}

std::string Deadline::reason() const {
  if (outOfMemory)
    return "memory limit of " + std::to_string(memoryBytes >> 20) +
           " MB reached";
  return "time limit of " + formatSignificant(seconds, 3) + " s reached";
}
