# Debian ships only a pkg-config file for cpp-httplib; expose it as the imported target CppHttplib::CppHttplib.
find_package(PkgConfig REQUIRED QUIET)
pkg_check_modules(PC_CppHttplib QUIET IMPORTED_TARGET GLOBAL cpp-httplib)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CppHttplib REQUIRED_VARS PC_CppHttplib_FOUND VERSION_VAR PC_CppHttplib_VERSION)
if(CppHttplib_FOUND AND NOT TARGET CppHttplib::CppHttplib)
  add_library(CppHttplib::CppHttplib ALIAS PkgConfig::PC_CppHttplib)
endif()
