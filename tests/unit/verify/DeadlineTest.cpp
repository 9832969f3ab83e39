// verify::Deadline: the time limit, and the memory limit measured as the
// growth of the process's resident memory (/proc/self/statm) since the
// deadline was made.
#include "lib/verify/Deadline.h"
#include <catch2/catch.hpp>
#include <cstring>
#include <thread>
#include <vector>

using namespace crnc;

TEST_CASE("deadline: the memory limit stops a search that grows past it",
          "[verify][deadline]") {
  verify::Deadline deadline(0, size_t(8) << 20); // 8 MiB, no time limit
  CHECK_FALSE(deadline.expired());
  std::vector<char> block(size_t(64) << 20); // 64 MiB, touched
  std::memset(block.data(), 1, block.size());
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(deadline.expired());
  CHECK(deadline.reason() == "memory limit of 8 MB reached");
  CHECK(block[block.size() / 2] == 1);
}

TEST_CASE("deadline: the time limit, and its reason", "[verify][deadline]") {
  verify::Deadline none;
  CHECK_FALSE(none.expired());
  verify::Deadline short_(0.001);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(short_.expired());
  CHECK(short_.reason() == "time limit of 0.001 s reached");
}
