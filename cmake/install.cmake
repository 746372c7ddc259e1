# SPDX-License-Identifier: Apache-2.0
# Install the headers, the CMake package (find_package(aiperf)) and the data files.
include(CMakePackageConfigHelpers)
install(DIRECTORY include/aiperf DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS aiperf EXPORT aiperfTargets)
install(EXPORT aiperfTargets NAMESPACE aiperf:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aiperf)
install(FILES cmake/dependencies.cmake DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aiperf
        RENAME aiperfDependencies.cmake)
# aiperfConfig.cmake derives the data directory (cmake/tokenizer-data.cmake installs the rank files
# there) from its own location and defines AIPERF_DATA_DIR on aiperf::aiperf: relocatable.
set(AIPERF_INSTALL_DATA_DIR ${CMAKE_INSTALL_DATADIR}/aiperf)
configure_package_config_file(cmake/aiperfConfig.cmake.in ${PROJECT_BINARY_DIR}/aiperfConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aiperf
  PATH_VARS AIPERF_INSTALL_DATA_DIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/aiperfConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)  # not ARCH_INDEPENDENT: ships aiperf::compiled (a static library)
install(FILES ${PROJECT_BINARY_DIR}/aiperfConfig.cmake ${PROJECT_BINARY_DIR}/aiperfConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aiperf)
