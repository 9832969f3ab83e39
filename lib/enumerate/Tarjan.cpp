//===- Tarjan.cpp - strongly connected components -------------------------===//

#include "lib/enumerate/Tarjan.h"
#include <algorithm>

using namespace crnc::enumerate;

std::vector<std::vector<uint32_t>>
crnc::enumerate::stronglyConnectedComponents(size_t n, Successors successors) {
  std::vector<int64_t> index(n, -1), low(n, 0);
  std::vector<bool> onStack(n, false);
  std::vector<uint32_t> stack;
  std::vector<std::vector<uint32_t>> components;
  int64_t counter = 0;
  struct Frame {
    uint32_t v;
    std::vector<uint32_t> next;
    size_t i = 0;
  };
  std::vector<Frame> frames;
  auto open = [&](uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    onStack[v] = true;
    frames.push_back(Frame{v, {}});
    successors(v, frames.back().next);
  };
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] >= 0)
      continue;
    open(root);
    while (!frames.empty()) {
      Frame &f = frames.back();
      if (f.i < f.next.size()) {
        uint32_t w = f.next[f.i++];
        if (index[w] < 0)
          open(w);
        else if (onStack[w])
          low[f.v] = std::min(low[f.v], index[w]);
        continue;
      }
      uint32_t v = f.v;
      frames.pop_back();
      if (!frames.empty())
        low[frames.back().v] = std::min(low[frames.back().v], low[v]);
      if (low[v] != index[v])
        continue;
      std::vector<uint32_t> component;
      uint32_t w;
      do {
        w = stack.back();
        stack.pop_back();
        onStack[w] = false;
        component.push_back(w);
      } while (w != v);
      std::sort(component.begin(), component.end());
      components.push_back(std::move(component));
    }
  }
  return components;
}
