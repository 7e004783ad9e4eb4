# Debian ships only a pkg-config file for soxr; expose it as the imported target Soxr::Soxr.
find_package(PkgConfig REQUIRED QUIET)
pkg_check_modules(PC_Soxr QUIET IMPORTED_TARGET GLOBAL soxr)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Soxr REQUIRED_VARS PC_Soxr_FOUND VERSION_VAR PC_Soxr_VERSION)
if(Soxr_FOUND AND NOT TARGET Soxr::Soxr)
  add_library(Soxr::Soxr ALIAS PkgConfig::PC_Soxr)
endif()
