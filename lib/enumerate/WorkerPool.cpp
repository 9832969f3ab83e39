//===- WorkerPool.cpp - persistent threads for batches of jobs ------------===//

#include "lib/enumerate/WorkerPool.h"
#include <algorithm>

using namespace crnc::enumerate;

WorkerPool::WorkerPool(unsigned threads) {
  if (threads == 0)
    threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 1; i < threads; ++i)
    workers.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> guard(lock);
    stopping = true;
  }
  wake.notify_all();
  for (std::thread &t : workers)
    t.join();
}

void WorkerPool::work(Batch &b) {
  for (size_t i; (i = b.next++) < b.count;) {
    (*b.job)(i);
    if (--b.remaining == 0) {
      std::lock_guard<std::mutex> guard(lock);
      done.notify_all();
    }
  }
}

void WorkerPool::loop() {
  unsigned seen = 0;
  std::unique_lock<std::mutex> guard(lock);
  while (true) {
    wake.wait(guard, [&] { return stopping || generation != seen; });
    if (stopping)
      return;
    seen = generation;
    std::shared_ptr<Batch> b = batch;
    guard.unlock();
    work(*b);
    b.reset();
    guard.lock();
  }
}

void WorkerPool::run(size_t jobs, const std::function<void(size_t)> &job) {
  if (workers.empty() || jobs < 2) {
    for (size_t i = 0; i < jobs; ++i)
      job(i);
    return;
  }
  auto b = std::make_shared<Batch>();
  b->job = &job;
  b->count = jobs;
  b->remaining = jobs;
  {
    std::lock_guard<std::mutex> guard(lock);
    batch = b;
    ++generation;
  }
  wake.notify_all();
  work(*b);
  std::unique_lock<std::mutex> guard(lock);
  done.wait(guard, [&] { return b->remaining == 0; });
}
