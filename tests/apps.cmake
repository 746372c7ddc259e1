# SPDX-License-Identifier: Apache-2.0
# Tests of the driver's own code under apps/aiperf/ (mirrored in tests/apps/aiperf/): the
# command line (one Catch2 executable, tests "cli: ...") and the policy registry (a second
# driver built with a test-only endpoint, tests "registry: ...").
if(NOT TARGET aiperf_cli)
  return()  # AIPERF_BUILD_APPS=OFF
endif()

file(GLOB _cli_test_srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/apps/aiperf/cli/*.cpp)
add_executable(test_aiperf_cli ${_cli_test_srcs})
target_link_libraries(test_aiperf_cli PRIVATE aiperf_cli aiperf_project_options Catch2::Catch2WithMain)
target_include_directories(test_aiperf_cli PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_compile_definitions(test_aiperf_cli PRIVATE AIPERF_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
catch_discover_tests(test_aiperf_cli TEST_PREFIX "cli: " PROPERTIES TIMEOUT 300)

add_test(NAME "plugins: aiperf plugins lists the compiled-in policies" COMMAND $<TARGET_FILE:aiperf-cli> plugins)
set_tests_properties("plugins: aiperf plugins lists the compiled-in policies" PROPERTIES
                     PASS_REGULAR_EXPRESSION "endpoint  chat  +[^\n]+\nendpoint  completions  " TIMEOUT 60)
add_test(NAME "plugins: an unknown category is one clear error"
         COMMAND $<TARGET_FILE:aiperf-cli> plugins metrics)
set_tests_properties("plugins: an unknown category is one clear error" PROPERTIES
                     PASS_REGULAR_EXPRESSION "aiperf: error: plugins: unknown category 'metrics' \\(choose from endpoint, schedule, dataset\\)"
                     TIMEOUT 60)

# "Adding an endpoint means one header and one line in one list": the same driver sources, plus
# tests/apps/aiperf/registry_test_policies.hpp through AIPERF_DRIVER_EXTRA_POLICIES and nothing
# else.  Built on demand by the first test (a full driver build), so `ninja` alone stays fast.
aiperf_add_driver(aiperf-test-policies LIBRARY aiperf_cli_test_policies EXCLUDE_FROM_ALL
                  DEFINITIONS "AIPERF_DRIVER_EXTRA_POLICIES=\"${CMAKE_CURRENT_SOURCE_DIR}/apps/aiperf/registry_test_policies.hpp\"")
add_test(NAME "registry: build a driver with a test-only endpoint"
         COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target aiperf-test-policies)
set_tests_properties("registry: build a driver with a test-only endpoint" PROPERTIES
                     FIXTURES_SETUP aiperf_test_policies TIMEOUT 1800 RUN_SERIAL TRUE)
function(_aiperf_registry_test name regex)
  add_test(NAME "registry: ${name}" COMMAND $<TARGET_FILE:aiperf-test-policies> ${ARGN})
  set_tests_properties("registry: ${name}" PROPERTIES
                       FIXTURES_REQUIRED aiperf_test_policies PASS_REGULAR_EXPRESSION "${regex}" TIMEOUT 60)
endfunction()
_aiperf_registry_test("the test-only endpoint is an --endpoint-type choice"
                      "--endpoint-type {chat,completions,embeddings,nim_embeddings,chat_embeddings,hf_tei_rankings,nim_rankings,cohere_rankings,test_echo}" profile --help)
_aiperf_registry_test("aiperf plugins lists the test-only endpoint"
                      "endpoint  test_echo  +test only: " plugins endpoint)
_aiperf_registry_test("docs/cli-options.md lists the test-only endpoint"
                      "`--endpoint-type` `{chat,completions,embeddings,nim_embeddings,chat_embeddings,hf_tei_rankings,nim_rankings,cohere_rankings,test_echo}`.*\\| endpoint \\| `test_echo` \\| test only: "
                      profile --help-markdown)
_aiperf_registry_test("the test-only endpoint's description reaches aiperf plugins"
                      "endpoint  test_echo  +test only: a bare /v1/completions request" plugins endpoint)
if(TARGET aiperf-mock-server)
  add_test(NAME "registry: profile --endpoint-type test_echo runs against aiperf-mock-server"
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/apps/aiperf/registry_profile.sh
                   $<TARGET_FILE:aiperf-test-policies> ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties("registry: profile --endpoint-type test_echo runs against aiperf-mock-server" PROPERTIES
                       FIXTURES_REQUIRED aiperf_test_policies TIMEOUT 120)
endif()

# The option declarations refuse, at compile time, a registered name in not_yet and an option
# without help or flags (apps/aiperf/cli/options.hpp).
function(_aiperf_cli_compile_fail name regex)
  add_executable(cf_${name} EXCLUDE_FROM_ALL ${CMAKE_CURRENT_SOURCE_DIR}/apps/aiperf/compile_fail/${name}.cpp)
  target_link_libraries(cf_${name} PRIVATE aiperf_cli)
  add_test(NAME "cli: compile-fail: ${name}"
           COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target cf_${name})
  set_tests_properties("cli: compile-fail: ${name}" PROPERTIES PASS_REGULAR_EXPRESSION "${regex}" TIMEOUT 300)
endfunction()
_aiperf_cli_compile_fail(not_yet_registered "listed in not_yet; remove it from not_yet")
_aiperf_cli_compile_fail(option_without_help "every option needs a help group and a help sentence.*needs flag names unless it is .resolved")
