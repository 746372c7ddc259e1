// SPDX-License-Identifier: Apache-2.0
// Tests for include/aiperf/results/number_format.hpp: the console's Python {:,.2f}, JSON's
// shortest round trip, CSV's two decimals; integers keep no fraction; non-finite values are
// never written as numbers.
#include "catch.hpp"

#include <aiperf/results/number_format.hpp>

#include <cmath>
#include <limits>
#include <string>

using namespace aiperf::results;

TEST_CASE("number format: console numbers are Python's {:,.2f} and N/A for non-finite", "[results][format]") {
  CHECK(format_console_number(0) == "0.00");
  CHECK(format_console_number(999.994) == "999.99");
  CHECK(format_console_number(999.996) == "1,000.00");
  CHECK(format_console_number(1234567.891) == "1,234,567.89");
  CHECK(format_console_number(-1234.5) == "-1,234.50");
  CHECK(format_console_number(-12.5) == "-12.50");
  CHECK(format_console_number(std::numeric_limits<double>::infinity()) == "N/A");
  CHECK(format_console_number(std::nan("")) == "N/A");
  CHECK(format_console_count(0) == "0");
  CHECK(format_console_count(1000) == "1,000");
  CHECK(format_console_count(1234567) == "1,234,567");
}

TEST_CASE("number format: CSV numbers have two decimals, integers none", "[results][format][csv]") {
  CHECK(format_csv_number(3, true) == "3");
  CHECK(format_csv_number(3.14159, false) == "3.14");
  CHECK(format_csv_number(2.5, true) == "2.50");  // not an integer value: stays a decimal
  CHECK(format_csv_number(3, false) == "3.00");
  CHECK(format_csv_number(std::nan(""), false).empty());
  CHECK(format_csv_number(-std::numeric_limits<double>::infinity(), true).empty());
}

TEST_CASE("number format: JSON numbers round-trip, integers stay integers, non-finite is null", "[results][format][json]") {
  auto json = [](double v, bool integer = false) {
    std::string out;
    append_json_number(out, v, integer);
    return out;
  };
  CHECK(json(0.1) == "0.1");
  CHECK(json(35.001999999999995) == "35.001999999999995");
  CHECK(json(63) == "63");
  CHECK(json(12, true) == "12");
  CHECK(json(2.5, true) == "2.5");
  CHECK(json(1e300) == "1e+300");
  CHECK(json(std::nan("")) == "null");
  CHECK(json(std::numeric_limits<double>::infinity(), true) == "null");
}

TEST_CASE("number format: summary JSON statistics are Python floats, whole ones with .0", "[results][format][json]") {
  auto json = [](double v) {
    std::string out;
    append_json_float(out, v);
    return out;
  };
  CHECK(json(20) == "20.0");  // upstream: "request_count": {"unit": "requests", "avg": 20.0}
  CHECK(json(0) == "0.0");
  CHECK(json(-3) == "-3.0");
  CHECK(json(1862.7671541057368) == "1862.7671541057368");
  CHECK(json(0.1) == "0.1");
  CHECK(json(1e15) == "1000000000000000.0");  // Python's repr keeps fixed notation below 1e16
  CHECK(json(1e16) == "1e+16");
  CHECK(json(1.7625515347970678e18) == "1.7625515347970678e+18");
  CHECK(json(std::nan("")) == "null");
}
