//===- LeastSquares.h - closed-form affine least squares --------*- C++ -*-===//
//
// The baseline the regression circuit is judged against: the affine fit
// y ~ b + w.x minimising the squared error on the training rows, by the
// normal equations (Gaussian elimination with partial pivoting).
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_LEASTSQUARES_H
#define CRNC_TRAIN_LEASTSQUARES_H

#include "lib/train/Dataset.h"

namespace crnc::train {

/// Coefficients {b, w_1, ..., w_n} of the least-squares affine fit.
std::vector<double> leastSquaresFit(const Dataset &data);
/// Mean of 1/2 (fit(x) - y)^2 over `data`.
double leastSquaresLoss(const std::vector<double> &fit, const Dataset &data);

} // namespace crnc::train

#endif
