//===- Schemes.h - the build functions of the registered schemes -*- C++
//-*-===//
//
// One function per scheme file; Compile.cpp lists them in the registry.
// Each reads the builder's module and fills its design.
//
//===----------------------------------------------------------------------===//
#ifndef CRNC_BACKENDS_DSD_SCHEMES_H
#define CRNC_BACKENDS_DSD_SCHEMES_H

#include "backends/dsd/SchemeBuilder.h"

namespace crnc::dsd {

LogicalResult buildSoloveichik2010(SchemeBuilder &builder);
LogicalResult buildSrinivas2015(SchemeBuilder &builder);
LogicalResult buildQian2011(SchemeBuilder &builder);
LogicalResult buildCardelli2013(SchemeBuilder &builder);

} // namespace crnc::dsd

#endif
