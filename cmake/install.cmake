# SPDX-License-Identifier: Apache-2.0
# Install the headers, the CMake package (find_package(aiperf)) and the data files.
include(CMakePackageConfigHelpers)
install(DIRECTORY include/aiperf DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS aiperf EXPORT aiperfTargets)
install(EXPORT aiperfTargets NAMESPACE aiperf:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aiperf)
install(FILES cmake/dependencies.cmake DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aiperf
        RENAME aiperfDependencies.cmake)
file(WRITE ${PROJECT_BINARY_DIR}/aiperfConfig.cmake
  "include(\${CMAKE_CURRENT_LIST_DIR}/aiperfDependencies.cmake)\n"
  "include(\${CMAKE_CURRENT_LIST_DIR}/aiperfTargets.cmake)\n")
write_basic_package_version_file(${PROJECT_BINARY_DIR}/aiperfConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/aiperfConfig.cmake ${PROJECT_BINARY_DIR}/aiperfConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/aiperf)
