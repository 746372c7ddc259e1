# SPDX-License-Identifier: Apache-2.0
# Finds the dependencies from Debian 12 packages (scripts/install-deps.sh installs them).
# Also used by aiperfConfig.cmake so consumers find the same targets.
include(GNUInstallDirs)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)               # Boost::headers (Hana)
find_package(range-v3 REQUIRED CONFIG)          # exact-version file in Debian: ask for none
find_package(fmt 9 REQUIRED CONFIG)
find_package(simdjson 3 REQUIRED CONFIG)
find_package(OpenSSL 3 REQUIRED)

# Standalone Asio ships no CMake package.
if(NOT TARGET aiperf::asio)
  find_path(AIPERF_ASIO_INCLUDE_DIR asio.hpp REQUIRED)
  add_library(aiperf::asio INTERFACE IMPORTED)
  set_target_properties(aiperf::asio PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${AIPERF_ASIO_INCLUDE_DIR}"
    INTERFACE_COMPILE_DEFINITIONS "ASIO_STANDALONE;ASIO_NO_DEPRECATED"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()

# utf8proc (Unicode categories and NFC for the tokenizer pre-splitter): pkg-config only.
if(NOT TARGET utf8proc::utf8proc)
  find_path(AIPERF_UTF8PROC_INCLUDE_DIR utf8proc.h REQUIRED)
  find_library(AIPERF_UTF8PROC_LIBRARY utf8proc REQUIRED)
  add_library(utf8proc::utf8proc UNKNOWN IMPORTED)
  set_target_properties(utf8proc::utf8proc PROPERTIES
    IMPORTED_LOCATION "${AIPERF_UTF8PROC_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${AIPERF_UTF8PROC_INCLUDE_DIR}")
endif()
