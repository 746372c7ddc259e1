# SPDX-License-Identifier: Apache-2.0
# A user's build is warning-free (STYLE §5.6 "warning-free headers"): a TU that includes the whole
# library and fills every public options struct with one designated member compiles under
# -Wall -Wextra -Wpedantic -Werror, without the project's own warning settings.
add_library(aiperf_user_build_check OBJECT EXCLUDE_FROM_ALL ${CMAKE_CURRENT_SOURCE_DIR}/warnings/user_build.cpp)
target_link_libraries(aiperf_user_build_check PRIVATE aiperf::aiperf)
target_compile_options(aiperf_user_build_check PRIVATE -Wall -Wextra -Wpedantic -Werror)
add_test(NAME "structure: a user build is warning-free under -Wall -Wextra -Wpedantic"
         COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target aiperf_user_build_check)
set_tests_properties("structure: a user build is warning-free under -Wall -Wextra -Wpedantic" PROPERTIES TIMEOUT 600)
