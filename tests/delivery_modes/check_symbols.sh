#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Separate compilation defines each library symbol once: the strong (non-inline) aiperf
# definitions of the compiled library must appear in no user TU (not even as weak inline
# copies: that would mean an .ipp body leaked into a header) and in no second library member.
# Usage: check_symbols.sh <libaiperf_compiled.a> <tu1.o>,<tu2.o>,...
set -euo pipefail
lib=$1
IFS=',' read -r -a objects <<< "$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Strong external definitions in namespace aiperf::v0 (mangled _ZN6aiperf2v0 / _ZNK6aiperf2v0).
nm --defined-only -g "$lib" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ && $3 ~ /^_ZN[K]?6aiperf2v0/ {print $3}' \
  | sort > "$tmp/lib_all"
sort -u "$tmp/lib_all" > "$tmp/lib"
if [ ! -s "$tmp/lib" ]; then
  echo "FAILED: $lib defines no aiperf symbol (is AIPERF_SEPARATE_COMPILATION set for it?)"
  exit 1
fi
if ! grep -q "^_ZN6aiperf2v011http_client4send" "$tmp/lib"; then
  echo "FAILED: http_client::send is not defined by $lib"
  exit 1
fi
dups=$(uniq -d "$tmp/lib_all")
if [ -n "$dups" ]; then
  echo "FAILED: defined twice inside $lib:"
  echo "$dups" | c++filt
  exit 1
fi
status=0
for obj in "${objects[@]}"; do
  nm --defined-only "$obj" | awk '{print $NF}' | sort -u > "$tmp/obj"
  both=$(comm -12 "$tmp/lib" "$tmp/obj")
  if [ -n "$both" ]; then
    echo "FAILED: $(basename "$obj") also defines library symbols:"
    echo "$both" | c++filt
    status=1
  fi
done
[ $status -eq 0 ] && echo "symbols ok: $(wc -l < "$tmp/lib") library symbols, each defined once"
exit $status
