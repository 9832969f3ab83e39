//===- DatasetTest.cpp - data reading, splits and generators --------------===//

#include "lib/train/Dataset.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <catch2/catch.hpp>
#include <set>

using namespace crnc;
using namespace crnc::train;

TEST_CASE("splits are seeded permutations", "[train]") {
  Split a = splitRows(100, 0.6, 0.2, 7), b = splitRows(100, 0.6, 0.2, 7);
  CHECK(a.train == b.train);
  CHECK(a.train.size() == 60);
  CHECK(a.validation.size() == 20);
  CHECK(a.test.size() == 20);
  std::set<size_t> all(a.train.begin(), a.train.end());
  all.insert(a.validation.begin(), a.validation.end());
  all.insert(a.test.begin(), a.test.end());
  CHECK(all.size() == 100);
  CHECK(splitRows(100, 0.6, 0.2, 8).train != a.train);
}

TEST_CASE("generators follow their definitions", "[train]") {
  Dataset r = generateRegression(2000, 1);
  double sq = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    CHECK(r.x[i][0] >= 1);
    CHECK(r.x[i][0] < 5);
    double res = r.target[i] - (r.x[i][0] + 2 * r.x[i][1] + 1);
    sq += res * res;
  }
  CHECK(std::sqrt(sq / 2000) == Approx(0.4).epsilon(0.05));
  Dataset rings = generateRings(500, 2);
  for (size_t i = 0; i < rings.size(); ++i) {
    double rad = std::hypot(rings.x[i][0], rings.x[i][1]);
    if (rings.target[i] == 0)
      CHECK(rad <= 0.4 + 1e-12);
    else
      CHECK((rad >= 0.6 - 1e-12 && rad <= 1.0 + 1e-12));
  }
  Dataset x = generateXor(4, 0.0, 3);
  for (size_t i = 0; i < x.size(); ++i)
    CHECK(x.target[i] == double(int(x.x[i][0]) ^ int(x.x[i][1])));
}

TEST_CASE("CSV with a scikit-learn header names the classes", "[train]") {
  llvm::SmallString<128> path;
  REQUIRE_FALSE(llvm::sys::fs::createTemporaryFile("iris", "csv", path));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    os << "3,2,a,b\n1,2,0\n3,4,1\n5,6,1\n";
  }
  auto d = readCsv(path);
  REQUIRE(bool(d));
  CHECK(d->size() == 3);
  CHECK(d->features() == 2);
  CHECK(d->classCount() == 2);
  CHECK(d->target[1] == 1);
  llvm::sys::fs::remove(path);
  auto missing = readCsv("/nonexistent/data.csv");
  REQUIRE_FALSE(bool(missing));
  llvm::consumeError(missing.takeError());
}

TEST_CASE("IDX images and labels (Fashion-MNIST layout)", "[train]") {
  llvm::SmallString<128> images, labels;
  REQUIRE_FALSE(llvm::sys::fs::createTemporaryFile("img", "idx", images));
  REQUIRE_FALSE(llvm::sys::fs::createTemporaryFile("lab", "idx", labels));
  {
    std::error_code ec;
    llvm::raw_fd_ostream img(images, ec), lab(labels, ec);
    const unsigned char imgHeader[] = {0, 0, 8, 3, 0, 0, 0, 2,
                                       0, 0, 0, 2, 0, 0, 0, 2};
    const unsigned char pixels[] = {0, 255, 51, 102, 255, 0, 0, 0};
    const unsigned char labHeader[] = {0, 0, 8, 1, 0, 0, 0, 2, 7, 3};
    img.write(reinterpret_cast<const char *>(imgHeader), sizeof imgHeader);
    img.write(reinterpret_cast<const char *>(pixels), sizeof pixels);
    lab.write(reinterpret_cast<const char *>(labHeader), sizeof labHeader);
  }
  auto d = readIdx(images, labels);
  REQUIRE(bool(d));
  CHECK(d->size() == 2);
  CHECK(d->features() == 4);
  CHECK(d->x[0][1] == 1.0);
  CHECK(d->x[0][2] == Approx(0.2));
  CHECK(d->target[0] == 7);
  CHECK(d->target[1] == 3);
  auto swapped = readIdx(labels, images);
  REQUIRE_FALSE(bool(swapped));
  llvm::consumeError(swapped.takeError());
  llvm::sys::fs::remove(images);
  llvm::sys::fs::remove(labels);
}
