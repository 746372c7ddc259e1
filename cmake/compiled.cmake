# SPDX-License-Identifier: Apache-2.0
# Separate-compilation delivery mode: aiperf::compiled, a static library holding every
# non-template definition once (src/aiperf.cpp).  AIPERF_SEPARATE_COMPILATION is a PUBLIC
# definition, so every TU that links the target sees declarations only and the mode cannot
# differ between TUs of one program (STYLE.md §6 pitfalls 7 and 8).  Header-only
# (aiperf::aiperf) stays the default; link one or the other, not both.
add_library(aiperf_compiled STATIC ${PROJECT_SOURCE_DIR}/src/aiperf.cpp)
add_library(aiperf::compiled ALIAS aiperf_compiled)
set_target_properties(aiperf_compiled PROPERTIES EXPORT_NAME compiled)  # aiperf::compiled when installed
target_compile_definitions(aiperf_compiled PUBLIC AIPERF_SEPARATE_COMPILATION)
target_link_libraries(aiperf_compiled PUBLIC aiperf::aiperf
                      PRIVATE $<BUILD_INTERFACE:aiperf_project_options>)
install(TARGETS aiperf_compiled EXPORT aiperfTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
