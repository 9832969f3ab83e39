//===- Dataset.cpp - training data: reading, splitting, generating --------===//
//
// CSV/gzip and IDX readers (zlib reads plain and compressed files alike),
// seeded splits, min-max scaling and the synthetic sets of the examples.
//
//===----------------------------------------------------------------------===//

#include "lib/train/Dataset.h"
#include "lib/support/Format.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <cmath>
#include <zlib.h>

using namespace crnc;
using namespace crnc::train;

size_t Dataset::classCount() const {
  if (!classNames.empty())
    return classNames.size();
  double top = 0;
  for (double t : target)
    top = std::max(top, t);
  return size_t(top) + 1;
}

Dataset Dataset::subset(const std::vector<size_t> &rows,
                        const std::vector<size_t> &columns) const {
  Dataset out;
  out.classNames = classNames;
  for (size_t r : rows) {
    if (columns.empty()) {
      out.x.push_back(x[r]);
    } else {
      std::vector<double> row;
      for (size_t c : columns)
        row.push_back(x[r][c]);
      out.x.push_back(std::move(row));
    }
    out.target.push_back(target[r]);
  }
  return out;
}

/// Reads a whole (possibly gzip-compressed) file through zlib.
static llvm::Expected<std::string> readAll(llvm::StringRef path) {
  gzFile f = gzopen(path.str().c_str(), "rb");
  if (!f)
    return llvm::createStringError(std::errc::no_such_file_or_directory,
                                   "cannot open '%s'", path.str().c_str());
  std::string data;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0)
    data.append(buf, size_t(n));
  bool bad = n < 0;
  gzclose(f);
  if (bad)
    return llvm::createStringError(std::errc::io_error,
                                   "'%s' is not a readable (gzip) file",
                                   path.str().c_str());
  return data;
}

static bool parseRow(llvm::StringRef line, std::vector<double> &row) {
  llvm::SmallVector<llvm::StringRef, 64> fields;
  line.split(fields, ',');
  row.clear();
  for (llvm::StringRef f : fields) {
    std::optional<double> v = parseNumber(f.trim());
    if (!v)
      return false;
    row.push_back(*v);
  }
  return true;
}

/// True when some field spells a non-finite number (inf, nan): a data row
/// with a bad value, not a header.
static bool hasNonFiniteField(llvm::StringRef line) {
  llvm::SmallVector<llvm::StringRef, 64> fields;
  line.split(fields, ',');
  for (llvm::StringRef f : fields) {
    std::string text = f.trim().lower();
    llvm::StringRef t(text);
    t.consume_front("+") || t.consume_front("-");
    if (t == "inf" || t == "infinity" || t == "nan")
      return true;
  }
  return false;
}

/// `150,4,setosa,versicolor,virginica`: two counts then class names.
static bool parseSklearnHeader(llvm::StringRef line, Dataset &d) {
  llvm::SmallVector<llvm::StringRef, 8> fields;
  line.split(fields, ',');
  if (fields.size() < 3 || !parseNumber(fields[0]) || !parseNumber(fields[1]))
    return false;
  for (size_t i = 2; i < fields.size(); ++i)
    d.classNames.push_back(fields[i].trim().str());
  return true;
}

llvm::Expected<Dataset> train::readCsv(llvm::StringRef path) {
  llvm::Expected<std::string> text = readAll(path);
  if (!text)
    return text.takeError();
  Dataset d;
  llvm::SmallVector<llvm::StringRef, 0> lines;
  llvm::StringRef(*text).split(lines, '\n');
  std::vector<double> row;
  for (size_t i = 0; i < lines.size(); ++i) {
    llvm::StringRef line = lines[i].trim();
    if (line.empty() || line.startswith("#"))
      continue;
    if (!parseRow(line, row)) {
      if (hasNonFiniteField(line))
        return llvm::createStringError(std::errc::invalid_argument,
                                       "%s:%zu: a value is not finite",
                                       path.str().c_str(), i + 1);
      if (d.x.empty() && d.classNames.empty()) {
        parseSklearnHeader(line, d); // a header line, maybe naming classes
        continue;
      }
      return llvm::createStringError(std::errc::invalid_argument,
                                     "%s:%zu: not a row of numbers",
                                     path.str().c_str(), i + 1);
    }
    if (row.size() < 2 || (!d.x.empty() && row.size() != d.features() + 1))
      return llvm::createStringError(
          std::errc::invalid_argument, "%s:%zu: expected %zu columns, got %zu",
          path.str().c_str(), i + 1,
          d.x.empty() ? row.size() : d.features() + 1, row.size());
    d.target.push_back(row.back());
    row.pop_back();
    d.x.push_back(row);
  }
  if (d.x.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "'%s' holds no data rows",
                                   path.str().c_str());
  return d;
}

static uint32_t bigEndian32(const std::string &s, size_t at) {
  auto b = [&](size_t i) { return uint32_t(uint8_t(s[at + i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

llvm::Expected<Dataset> train::readIdx(llvm::StringRef imagesPath,
                                       llvm::StringRef labelsPath) {
  llvm::Expected<std::string> images = readAll(imagesPath);
  if (!images)
    return images.takeError();
  llvm::Expected<std::string> labels = readAll(labelsPath);
  if (!labels)
    return labels.takeError();
  if (images->size() < 16 || bigEndian32(*images, 0) != 0x803 ||
      labels->size() < 8 || bigEndian32(*labels, 0) != 0x801)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "'%s' / '%s' are not IDX image/label files",
                                   imagesPath.str().c_str(),
                                   labelsPath.str().c_str());
  size_t count = bigEndian32(*images, 4);
  size_t pixels = size_t(bigEndian32(*images, 8)) * bigEndian32(*images, 12);
  if (bigEndian32(*labels, 4) != count ||
      images->size() < 16 + count * pixels || labels->size() < 8 + count)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "IDX files disagree on the image count");
  Dataset d;
  for (size_t i = 0; i < count; ++i) {
    std::vector<double> row(pixels);
    for (size_t p = 0; p < pixels; ++p)
      row[p] = uint8_t((*images)[16 + i * pixels + p]) / 255.0;
    d.x.push_back(std::move(row));
    d.target.push_back(uint8_t((*labels)[8 + i]));
  }
  return d;
}

std::string train::toCsv(const Dataset &data, llvm::StringRef header) {
  std::string out;
  if (!header.empty())
    out += header.str() + "\n";
  for (size_t r = 0; r < data.size(); ++r) {
    for (double v : data.x[r])
      out += formatNumber(v) + ",";
    out += formatNumber(data.target[r]) + "\n";
  }
  return out;
}

uint64_t Rng::next() {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Rng::uniform() { return double(next() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  double u1 = 1 - uniform(); // (0, 1]
  double u2 = uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

Split train::splitRows(size_t rows, double trainFraction,
                       double validationFraction, uint64_t seed) {
  std::vector<size_t> order(rows);
  for (size_t i = 0; i < rows; ++i)
    order[i] = i;
  Rng rng(seed);
  for (size_t i = rows; i > 1; --i)
    std::swap(order[i - 1], order[rng.next() % i]);
  size_t nTrain = size_t(std::lround(trainFraction * double(rows)));
  size_t nVal = std::min(
      rows - nTrain, size_t(std::lround(validationFraction * double(rows))));
  Split s;
  s.train.assign(order.begin(), order.begin() + nTrain);
  s.validation.assign(order.begin() + nTrain, order.begin() + nTrain + nVal);
  s.test.assign(order.begin() + nTrain + nVal, order.end());
  return s;
}

MinMaxScaler MinMaxScaler::fit(const Dataset &data,
                               const std::vector<size_t> &rows) {
  MinMaxScaler s;
  s.low.assign(data.features(), INFINITY);
  s.high.assign(data.features(), -INFINITY);
  for (size_t r : rows)
    for (size_t f = 0; f < data.features(); ++f) {
      s.low[f] = std::min(s.low[f], data.x[r][f]);
      s.high[f] = std::max(s.high[f], data.x[r][f]);
    }
  return s;
}

void MinMaxScaler::apply(Dataset &data) const {
  for (std::vector<double> &row : data.x)
    for (size_t f = 0; f < row.size(); ++f) {
      double span = high[f] - low[f];
      double v = span > 0 ? (row[f] - low[f]) / span : 0;
      row[f] = std::min(1.0, std::max(0.0, v)); // rows outside the fit clip
    }
}

Dataset train::generateRegression(size_t rows, uint64_t seed) {
  Rng rng(seed);
  Dataset d;
  for (size_t i = 0; i < rows; ++i) {
    double x1 = rng.uniform(1, 5), x2 = rng.uniform(1, 5);
    d.x.push_back({x1, x2});
    d.target.push_back(x1 + 2 * x2 + 1 + 0.4 * rng.normal());
  }
  return d;
}

Dataset train::generateXor(size_t rows, double noise, uint64_t seed) {
  Rng rng(seed);
  Dataset d;
  for (size_t i = 0; i < rows; ++i) {
    int a = int(rng.next() & 1), b = int(rng.next() & 1);
    d.x.push_back({a + noise * rng.normal(), b + noise * rng.normal()});
    d.target.push_back(double(a ^ b));
  }
  return d;
}

Dataset train::generateRings(size_t rows, uint64_t seed) {
  Rng rng(seed);
  Dataset d;
  for (size_t i = 0; i < rows; ++i) {
    int label = int(rng.next() & 1);
    // Uniform over the ring's area: r^2 uniform between the radii squared.
    double lo = label ? 0.6 : 0.0, hi = label ? 1.0 : 0.4;
    double r = std::sqrt(rng.uniform(lo * lo, hi * hi));
    double angle = 2 * M_PI * rng.uniform();
    d.x.push_back({r * std::cos(angle), r * std::sin(angle)});
    d.target.push_back(label);
  }
  return d;
}

llvm::Expected<Dataset> train::loadDataset(llvm::StringRef path) {
  if (!llvm::sys::fs::exists(path) && path.contains("fashion-mnist"))
    return llvm::createStringError(
        std::errc::no_such_file_or_directory,
        "'%s' does not exist: Fashion-MNIST comes with Debian's "
        "dataset-fashion-mnist package (apt-get install dataset-fashion-mnist)",
        path.str().c_str());
  if (!llvm::sys::fs::is_directory(path))
    return readCsv(path);
  auto find = [&](llvm::StringRef stem) {
    llvm::SmallString<256> p(path);
    llvm::sys::path::append(p, stem);
    if (llvm::sys::fs::exists(p))
      return std::string(p);
    return std::string(p) + ".gz";
  };
  return readIdx(find("train-images-idx3-ubyte"),
                 find("train-labels-idx1-ubyte"));
}
