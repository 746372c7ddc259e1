# SPDX-License-Identifier: Apache-2.0
# Delivery modes (include/aiperf/config.hpp): the same sources must build and behave the same
# header-only (aiperf::aiperf) and separately compiled (aiperf::compiled).
#   * two TUs that both include the umbrella header and use the transport, linked together,
#     in each mode (an ODR / one-definition check, Hana's github_75 idea);
#   * the transport's unit tests once more, against aiperf::compiled;
#   * no library symbol defined twice: the compiled library's definitions appear in no user TU;
#   * the installed package's aiperf::compiled target works from a separate project.
set(_dm_dir ${CMAKE_CURRENT_SOURCE_DIR}/delivery_modes)

# -- two TUs, each mode -----------------------------------------------------------------
foreach(mode IN ITEMS header_only compiled)
  if(mode STREQUAL "compiled")
    set(_lib aiperf::compiled)
    set(_label "separate compilation")
  else()
    set(_lib aiperf::aiperf)
    set(_label "header-only")
  endif()
  # The TUs as an object library, so the symbol check below can read their object files.
  add_library(delivery_odr_${mode}_objs OBJECT ${_dm_dir}/odr_main.cpp ${_dm_dir}/odr_client.cpp)
  target_link_libraries(delivery_odr_${mode}_objs PUBLIC ${_lib} PRIVATE aiperf_project_options)
  add_executable(delivery_odr_${mode})
  target_link_libraries(delivery_odr_${mode} PRIVATE delivery_odr_${mode}_objs ${_lib} aiperf_project_options)
  add_test(NAME "delivery: two TUs using the transport link and run (${_label})" COMMAND delivery_odr_${mode})
  set_tests_properties("delivery: two TUs using the transport link and run (${_label})" PROPERTIES
                       PASS_REGULAR_EXPRESSION "delivery ok \\(${_label}\\)" TIMEOUT 60)
endforeach()

# -- the transport unit tests against aiperf::compiled ---------------------------------------
# Same sources as test_transport (tests/CMakeLists.txt); tests/transport.cmake adds llhttp to both.
file(GLOB _dm_transport_srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/transport/*.cpp)
if(_dm_transport_srcs)
  add_executable(test_transport_compiled ${_dm_transport_srcs})
  target_link_libraries(test_transport_compiled PRIVATE aiperf::compiled aiperf_project_options
                        Catch2::Catch2WithMain)
  target_include_directories(test_transport_compiled PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/support)
  target_compile_definitions(test_transport_compiled PRIVATE
    AIPERF_TEST_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}/data"
    AIPERF_BINARY_DIR="${PROJECT_BINARY_DIR}"
    AIPERF_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  catch_discover_tests(test_transport_compiled TEST_PREFIX "transport (compiled): " PROPERTIES TIMEOUT 300)
endif()

# -- each library symbol defined once --------------------------------------------------------
add_test(NAME "delivery: no aiperf::compiled symbol is defined twice (two TUs and the library)"
         COMMAND bash ${_dm_dir}/check_symbols.sh $<TARGET_FILE:aiperf_compiled>
                 "$<JOIN:$<TARGET_OBJECTS:delivery_odr_compiled_objs>,$<COMMA>>")
set_tests_properties("delivery: no aiperf::compiled symbol is defined twice (two TUs and the library)"
                     PROPERTIES PASS_REGULAR_EXPRESSION "symbols ok" TIMEOUT 60)

# -- install + find_package consumer of aiperf::compiled --------------------------------------
add_test(NAME "delivery: install and find_package(aiperf) with aiperf::compiled"
         COMMAND bash -c "set -e; rm -rf \"$0/compiled-consumer-prefix\" \"$0/compiled-consumer-build\"
           cmake --install \"$0\" --prefix \"$0/compiled-consumer-prefix\" >/dev/null
           cmake -S \"$1\" -B \"$0/compiled-consumer-build\" -DCMAKE_PREFIX_PATH=\"$0/compiled-consumer-prefix\" >/dev/null
           cmake --build \"$0/compiled-consumer-build\" >/dev/null
           \"$0/compiled-consumer-build/compiled_consumer\""
         ${PROJECT_BINARY_DIR} ${_dm_dir}/consumer)
set_tests_properties("delivery: install and find_package(aiperf) with aiperf::compiled" PROPERTIES
                     PASS_REGULAR_EXPRESSION "compiled consumer ok GET /v1 HTTP/1.1" TIMEOUT 600 RUN_SERIAL TRUE)

# -- mixing the modes fails to compile, with a message that says why ------------------------
function(aiperf_delivery_compile_fail name src regex)
  add_executable(${name} EXCLUDE_FROM_ALL ${_dm_dir}/compile_fail/${src})
  target_link_libraries(${name} PRIVATE aiperf::compiled)
  add_test(NAME "delivery: compile-fail: ${name}"
           COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target ${name})
  set_tests_properties("delivery: compile-fail: ${name}" PROPERTIES PASS_REGULAR_EXPRESSION "${regex}" TIMEOUT 300)
endfunction()
aiperf_delivery_compile_fail(delivery_cf_ipp_in_user_tu ipp_in_user_tu.cpp
                             "impl/\\*\\.ipp are compiled once, by src/aiperf\\.cpp")
aiperf_delivery_compile_fail(delivery_cf_both_modes both_modes.cpp
                             "AIPERF_SEPARATE_COMPILATION and AIPERF_HEADER_ONLY are exclusive")
