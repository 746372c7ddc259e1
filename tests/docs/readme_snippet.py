#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# The README's custom main is examples/minimal_main.cpp, which the install tests build and run:
# the ```cpp block that includes <aiperf/aiperf.hpp> must equal the example between its
# `//! [minimal]` markers, so the README cannot drift from the code that is tested.
# usage: readme_snippet.py SOURCE_DIR
import pathlib
import sys

src = pathlib.Path(sys.argv[1])
readme = (src / "README.md").read_text()
example = (src / "examples" / "minimal_main.cpp").read_text()

parts = example.split("//! [minimal]\n")
if len(parts) != 3:
    sys.exit("FAILED: examples/minimal_main.cpp needs exactly two '//! [minimal]' marker lines")
snippet = parts[1]

blocks = [b.split("```", 1)[0] for b in readme.split("```cpp\n")[1:]]
mains = [b for b in blocks if "#include <aiperf/aiperf.hpp>" in b and "int main" in b]
if len(mains) != 1:
    sys.exit(f"FAILED: README.md should hold one ```cpp block with a main using <aiperf/aiperf.hpp>, found {len(mains)}")
if mains[0] != snippet:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(snippet.splitlines(True), mains[0].splitlines(True),
                                               "examples/minimal_main.cpp", "README.md"))
    sys.exit("FAILED: README.md's custom main differs from examples/minimal_main.cpp (diff above)")
print("README custom main == examples/minimal_main.cpp: OK")
