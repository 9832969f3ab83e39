//===- Threads.h - one job per worker thread ---------------------*- C++
//-*-===//
//
// The fork-join shape the trainers and checkers share: worker w runs
// `work(w)` for w in [0, threads), worker 0 on the calling thread.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_LIB_SUPPORT_THREADS_H
#define CRNC_LIB_SUPPORT_THREADS_H

#include <thread>
#include <vector>

namespace crnc {

/// Runs `work(0)`, ..., `work(threads - 1)` at once and returns when all have
/// finished. Requires: `threads >= 1`; `work` is callable with an unsigned
/// worker index and safe to run concurrently with itself. Guarantees: the
/// result depends only on what `work` writes per index, not on scheduling.
template <typename Work> void runOnThreads(unsigned threads, Work &&work) {
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < threads; ++w)
    pool.emplace_back(work, w);
  work(0u);
  for (std::thread &t : pool)
    t.join();
}

} // namespace crnc

#endif // CRNC_LIB_SUPPORT_THREADS_H
