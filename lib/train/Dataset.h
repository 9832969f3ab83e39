//===- Dataset.h - training data: reading, splitting, generating -*- C++
//-*-===//
//
// A Dataset is a table of feature rows with a target per row (a class label
// or a real value). Readers: CSV (optionally gzip-compressed, detected by its
// magic bytes), the scikit-learn header line `rows,cols,name0,name1,...`,
// and the IDX images/labels of MNIST-style sets. Splits are a seeded shuffle;
// min-max scaling takes its statistics from the training rows only. The
// synthetic generators are deterministic under their seed.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_TRAIN_DATASET_H
#define CRNC_TRAIN_DATASET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace crnc::train {

struct Dataset {
  std::vector<std::vector<double>> x;  ///< one row per sample
  std::vector<double> target;          ///< label (integral) or value
  std::vector<std::string> classNames; ///< from a sklearn-style header
  size_t features() const { return x.empty() ? 0 : x.front().size(); }
  size_t size() const { return x.size(); }
  /// Number of classes: the header's names, else 1 + the largest label.
  size_t classCount() const;
  /// Rows `rows` only (in that order), keeping only `columns` if non-empty.
  Dataset subset(const std::vector<size_t> &rows,
                 const std::vector<size_t> &columns = {}) const;
};

/// Reads a CSV file (plain or gzip): every row is features then target.
/// Lines starting with '#' and a non-numeric first line are skipped; a
/// scikit-learn header names the classes.
llvm::Expected<Dataset> readCsv(llvm::StringRef path);
/// Reads IDX images (uint8, scaled by 1/255) and labels (plain or gzip).
llvm::Expected<Dataset> readIdx(llvm::StringRef imagesPath,
                                llvm::StringRef labelsPath);
/// Reads `path`: a CSV file (readCsv) or a directory holding
/// train-images-idx3-ubyte and train-labels-idx1-ubyte (each possibly .gz;
/// readIdx). A missing Fashion-MNIST path names the Debian package.
llvm::Expected<Dataset> loadDataset(llvm::StringRef path);
/// Writes features then target, one row per line, through formatNumber.
std::string toCsv(const Dataset &data, llvm::StringRef header);

/// Row indices of a seeded split into train / validation / test (fractions of
/// the rows, in that order; the test set takes the rest).
struct Split {
  std::vector<size_t> train, validation, test;
};
Split splitRows(size_t rows, double trainFraction, double validationFraction,
                uint64_t seed);

/// Per-feature min-max scaling to [0, 1] learned from `rows` of `data`;
/// values outside the learned range are clipped to [0, 1].
struct MinMaxScaler {
  std::vector<double> low, high;
  static MinMaxScaler fit(const Dataset &data, const std::vector<size_t> &rows);
  void apply(Dataset &data) const;
};

/// A seeded 64-bit generator (splitmix64) with uniform and normal draws, the
/// same on every platform.
class Rng {
public:
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next();
  double uniform(); ///< [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  double normal(); ///< standard normal (Box-Muller)

private:
  uint64_t state;
};

/// y = x1 + 2 x2 + 1 + N(0, 0.4^2), x ~ U(1, 5)^2.
Dataset generateRegression(size_t rows, uint64_t seed);
/// XOR: corners of the unit square with N(0, noise^2) jitter; label x1 xor x2.
Dataset generateXor(size_t rows, double noise, uint64_t seed);
/// Two concentric rings: label 0 at radius <= 0.4, label 1 at 0.6..1.0,
/// uniform over the area of each ring, centred on the origin.
Dataset generateRings(size_t rows, uint64_t seed);

} // namespace crnc::train

#endif
