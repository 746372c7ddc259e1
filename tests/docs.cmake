# SPDX-License-Identifier: Apache-2.0
# Documentation that quotes code must quote the code that is tested.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME "docs: README custom main is examples/minimal_main.cpp"
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/docs/readme_snippet.py ${PROJECT_SOURCE_DIR})
  set_tests_properties("docs: README custom main is examples/minimal_main.cpp" PROPERTIES TIMEOUT 30)
endif()
