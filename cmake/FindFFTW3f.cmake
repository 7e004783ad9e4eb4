# Debian ships only a pkg-config file for fftw3f; expose it as the imported target FFTW3f::FFTW3f.
find_package(PkgConfig REQUIRED QUIET)
pkg_check_modules(PC_FFTW3f QUIET IMPORTED_TARGET GLOBAL fftw3f)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(FFTW3f REQUIRED_VARS PC_FFTW3f_FOUND VERSION_VAR PC_FFTW3f_VERSION)
if(FFTW3f_FOUND AND NOT TARGET FFTW3f::FFTW3f)
  add_library(FFTW3f::FFTW3f ALIAS PkgConfig::PC_FFTW3f)
endif()
