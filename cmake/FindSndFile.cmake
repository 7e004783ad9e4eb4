# Debian ships only a pkg-config file for sndfile; expose it as the imported target SndFile::SndFile.
find_package(PkgConfig REQUIRED QUIET)
pkg_check_modules(PC_SndFile QUIET IMPORTED_TARGET GLOBAL sndfile)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SndFile REQUIRED_VARS PC_SndFile_FOUND VERSION_VAR PC_SndFile_VERSION)
if(SndFile_FOUND AND NOT TARGET SndFile::SndFile)
  add_library(SndFile::SndFile ALIAS PkgConfig::PC_SndFile)
endif()
