//===- WorkerPool.h - persistent threads for batches of jobs ----*- C++ -*-===//
//
// A fixed set of worker threads that run batches of independent jobs
// (job i of n writes only its own result slot), so the enumerator can compute
// the reactions of many complexes at once and then merge them in a fixed
// order: the result does not depend on the number of threads.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_ENUMERATE_WORKERPOOL_H
#define CRNC_ENUMERATE_WORKERPOOL_H

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace crnc::enumerate {

class WorkerPool {
public:
  /// `threads` counts the calling thread; 0 means one per core. With 1 no
  /// thread is started and run() calls the jobs in order.
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  unsigned size() const { return static_cast<unsigned>(workers.size()) + 1; }

  /// Calls job(i) for every i < count, spread over the threads, and returns
  /// when all are done. Requires: jobs touch disjoint data; not reentrant.
  void run(size_t count, const std::function<void(size_t)> &job);

private:
  /// One run(): jobs are claimed through `next`; a worker that wakes late
  /// finds its batch exhausted and never touches a later one.
  struct Batch {
    const std::function<void(size_t)> *job;
    size_t count;
    std::atomic<size_t> next{0}, remaining;
  };
  void loop();
  void work(Batch &batch);

  std::vector<std::thread> workers;
  std::mutex lock;
  std::condition_variable wake, done;
  std::shared_ptr<Batch> batch;
  unsigned generation = 0;
  bool stopping = false;
};

} // namespace crnc::enumerate

#endif
