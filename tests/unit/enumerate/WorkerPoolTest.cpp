// WorkerPool runs every job of a batch exactly once, batch after batch, on
// any number of threads (many small batches, as the enumerator issues them,
// so a worker that wakes late must never run a job of a later batch).
#include "lib/enumerate/WorkerPool.h"
#include <catch2/catch.hpp>
#include <numeric>

using namespace crnc::enumerate;

TEST_CASE("every job of every batch runs exactly once") {
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO("threads: " << threads);
    WorkerPool pool(threads);
    CHECK(pool.size() == threads);
    for (size_t batch = 0; batch < 2000; ++batch) {
      size_t count = batch % 7;
      std::vector<int> hits(count, 0);
      pool.run(count, [&](size_t i) { ++hits[i]; });
      REQUIRE(std::accumulate(hits.begin(), hits.end(), 0) == int(count));
      for (int h : hits)
        REQUIRE(h == 1);
    }
  }
}
