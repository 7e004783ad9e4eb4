# Debian ships only a pkg-config file for rubberband; expose it as the imported target RubberBand::RubberBand.
find_package(PkgConfig REQUIRED QUIET)
pkg_check_modules(PC_RubberBand QUIET IMPORTED_TARGET GLOBAL rubberband)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(RubberBand REQUIRED_VARS PC_RubberBand_FOUND VERSION_VAR PC_RubberBand_VERSION)
if(RubberBand_FOUND AND NOT TARGET RubberBand::RubberBand)
  add_library(RubberBand::RubberBand ALIAS PkgConfig::PC_RubberBand)
endif()
