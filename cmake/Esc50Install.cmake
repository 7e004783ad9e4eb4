# `cmake --install` and `cpack -G DEB`: the esc50 and esc50-train programs, libesc50 with its public headers,
# a CMake package (esc50::esc50) and a pkg-config file, the bundled model and the web pages.
include(CMakePackageConfigHelpers)

set(ESC50_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/esc50)
set(ESC50_DATA_DIR ${CMAKE_INSTALL_DATADIR}/esc50)

# Two components, two .deb packages: esc50 (everything but training, no LibTorch) and
# esc50-train (the program that loads LibTorch; `esc50 train` looks for it beside esc50,
# apps/esc50/training_program.h). OPTIONAL: scripts/quickstart.sh builds only esc50, which
# installs and runs without it.
set(CMAKE_INSTALL_DEFAULT_COMPONENT_NAME runtime)
install(TARGETS esc50 RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(ESC50_TRAINING)
  install(TARGETS esc50-train RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT training OPTIONAL)
endif()
install(TARGETS esc50_shared EXPORT esc50Targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/esc50 DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT esc50Targets NAMESPACE esc50:: DESTINATION ${ESC50_CMAKE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/esc50Config.cmake.in
  ${PROJECT_BINARY_DIR}/esc50Config.cmake INSTALL_DESTINATION ${ESC50_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/esc50ConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/esc50Config.cmake ${PROJECT_BINARY_DIR}/esc50ConfigVersion.cmake
  DESTINATION ${ESC50_CMAKE_DIR})

# Relative to the .pc file, so an install under any --prefix is found correctly.
file(RELATIVE_PATH ESC50_PC_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(${CMAKE_CURRENT_LIST_DIR}/esc50.pc.in ${PROJECT_BINARY_DIR}/esc50.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/esc50.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES ${PROJECT_SOURCE_DIR}/models/default.esc50 ${PROJECT_SOURCE_DIR}/models/README.md
  DESTINATION ${ESC50_DATA_DIR}/models)
# The pages are built by npm (scripts/setup.sh); the check runs at install time, not configure.
install(CODE "
  if(NOT EXISTS \"${PROJECT_SOURCE_DIR}/web/dist/index.html\")
    message(FATAL_ERROR \"web/dist is not built: run `npm ci && npm run build` in ${PROJECT_SOURCE_DIR}/web\")
  endif()")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION ${ESC50_DATA_DIR}/web)

set(CPACK_PACKAGE_NAME esc50)
set(CPACK_PACKAGE_VENDOR "esc50")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Environmental sound classification: CLI, web demo and C++ library")
set(CPACK_PACKAGE_DESCRIPTION "esc50 names environmental sounds (dog bark, rain, siren, ...) in audio \
files and streams with a bundled model trained on ESC-50 (CC BY-NC 3.0: the model is for \
non-commercial use), trains models on your own labelled sounds with LibTorch, and serves a web demo.")
set(CPACK_PACKAGE_CONTACT "esc50 developers <esc50@users.noreply.github.com>")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
if(ESC50_TRAINING)
  set(CPACK_COMPONENTS_ALL runtime training)
else()
  set(CPACK_COMPONENTS_ALL runtime)
endif()
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME esc50)
set(CPACK_DEBIAN_TRAINING_PACKAGE_NAME esc50-train)
set(CPACK_DEBIAN_RUNTIME_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_TRAINING_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_COMPONENT_TRAINING_DEPENDS runtime)
set(CPACK_COMPONENT_TRAINING_DESCRIPTION "esc50 train, cv and upgrade-model: training with LibTorch")
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
# Runtime Depends from the shared libraries the binaries actually link (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
