//===- LeastSquares.cpp - closed-form affine least squares ----------------===//

#include "lib/train/LeastSquares.h"
#include <cmath>
#include <utility>

using namespace crnc;
using namespace crnc::train;

std::vector<double> train::leastSquaresFit(const Dataset &data) {
  const size_t k = data.features() + 1;
  std::vector<std::vector<double>> a(k, std::vector<double>(k + 1, 0.0));
  for (size_t r = 0; r < data.size(); ++r) {
    std::vector<double> f = {1.0};
    f.insert(f.end(), data.x[r].begin(), data.x[r].end());
    for (size_t i = 0; i < k; ++i) {
      for (size_t j = 0; j < k; ++j)
        a[i][j] += f[i] * f[j];
      a[i][k] += f[i] * data.target[r];
    }
  }
  for (size_t c = 0; c < k; ++c) {
    size_t pivot = c;
    for (size_t r = c + 1; r < k; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c]))
        pivot = r;
    std::swap(a[c], a[pivot]);
    for (size_t r = 0; r < k; ++r) {
      if (r == c || a[c][c] == 0)
        continue;
      double factor = a[r][c] / a[c][c];
      for (size_t j = c; j <= k; ++j)
        a[r][j] -= factor * a[c][j];
    }
  }
  std::vector<double> coef(k);
  for (size_t i = 0; i < k; ++i)
    coef[i] = a[i][i] != 0 ? a[i][k] / a[i][i] : 0;
  return coef;
}

double train::leastSquaresLoss(const std::vector<double> &fit,
                               const Dataset &data) {
  double sum = 0;
  for (size_t r = 0; r < data.size(); ++r) {
    double y = fit[0];
    for (size_t i = 0; i < data.x[r].size(); ++i)
      y += fit[i + 1] * data.x[r][i];
    sum += 0.5 * (y - data.target[r]) * (y - data.target[r]);
  }
  return data.size() ? sum / double(data.size()) : 0;
}
