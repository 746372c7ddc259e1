#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds a real inference engine for the integration suite, outside the repository:
# llama.cpp's `llama-server` (CPU only) from the source that the npm package node-llama-cpp@3.21.1
# bundles (package/llama/gitRelease.bundle, llama.cpp commit 80fb11a), plus a tiny random-weight
# Llama GGUF made by scripts/make-tiny-gguf.py with the bundle's own gguf-py and Llama-3 BPE vocab.
#
# Result, in ${AIPERF_PEERS_DIR:-$HOME/.cache/aiperf/peers}/llama-server/:
#   bin/llama-server        the server (static, -march=native: built for this machine)
#   tiny-llama.gguf         2 layers, n_embd 64, 4 heads, n_ff 128, Llama-3 vocab (128,256 tokens)
#   gguf-py/, ggml-vocab-llama-bpe.gguf   what made it;  STAMP   what was built
# A rerun with everything in place is a no-op (seconds). Nothing is fetched but the npm package;
# the CMake options below turn off every download (UI assets, OpenSSL/BoringSSL, curl).
# Env: AIPERF_PEERS_DIR, AIPERF_LLAMA_JOBS (default nproc), AIPERF_PYTHON (default /usr/bin/python3),
#      AIPERF_LLAMA_KEEP_BUILD=1 keeps the clone and build tree (in llama-server/work/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=${AIPERF_PEERS_DIR:-$HOME/.cache/aiperf/peers}
dest="$peers/llama-server"
pkg=node-llama-cpp@3.21.1
stamp="$pkg llama.cpp 80fb11a tiny-llama v1"
PY=${AIPERF_PYTHON:-/usr/bin/python3}
jobs=${AIPERF_LLAMA_JOBS:-$(nproc)}

if [ -x "$dest/bin/llama-server" ] && [ -f "$dest/tiny-llama.gguf" ] &&
   [ "$(cat "$dest/STAMP" 2>/dev/null)" = "$stamp" ]; then
  echo "llama-server ready in $dest"
  exit 0
fi
for tool in npm git cmake ninja "$PY"; do
  command -v "$tool" >/dev/null || { echo "build-llama-server.sh: $tool not found (run scripts/install-deps.sh)" >&2; exit 1; }
done

mkdir -p "$dest"
work="$dest/work"
rm -rf "$work" "$dest/STAMP"
mkdir -p "$work"
[ "${AIPERF_LLAMA_KEEP_BUILD:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
t0=$(date +%s)

# 1. The npm package (its registry integrity is checked by npm) and the git bundle inside it.
(cd "$work" && npm pack --silent --pack-destination "$work" "$pkg" >/dev/null)
tar -xzf "$work"/node-llama-cpp-3.21.1.tgz -C "$work" package/llama/gitRelease.bundle
git -c advice.detachedHead=false clone --quiet "$work/package/llama/gitRelease.bundle" "$work/src"
rm -rf "$work/package" "$work"/node-llama-cpp-*.tgz
[ "$(git -C "$work/src" rev-parse --short=7 HEAD)" = 80fb11a ] ||
  { echo "build-llama-server.sh: unexpected llama.cpp commit in $pkg" >&2; exit 1; }

# 2. CPU-only llama-server, nothing else: no tests/examples/app/UI, no TLS, no downloads.
#    -O1, not -O3: a 2-layer, 64-wide model needs no speed, and the build is shorter.
t1=$(date +%s)
nice -n 10 cmake -S "$work/src" -B "$work/build" -G Ninja -Wno-dev \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O1 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
  -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=ON \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
  -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON \
  -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_LLGUIDANCE=OFF \
  -DGGML_BACKEND_DL=OFF -DGGML_CPU_ALL_VARIANTS=OFF >"$work/configure.log" 2>&1 ||
  { tail -40 "$work/configure.log" >&2; exit 1; }
nice -n 10 cmake --build "$work/build" --target llama-server -j"$jobs" >"$work/build.log" 2>&1 ||
  { tail -60 "$work/build.log" >&2; exit 1; }
t2=$(date +%s)

# 3. Install the server and what the model generator needs, then make the tiny model.
mkdir -p "$dest/bin"
install -m 755 "$work/build/bin/llama-server" "$dest/bin/llama-server"
rm -rf "$dest/gguf-py"
cp -r "$work/src/gguf-py" "$dest/gguf-py"
cp "$work/src/models/ggml-vocab-llama-bpe.gguf" "$dest/"
PYTHONPATH="$dest/gguf-py" "$PY" "$root/scripts/make-tiny-gguf.py" \
  "$dest/ggml-vocab-llama-bpe.gguf" "$dest/tiny-llama.gguf.tmp"
mv -f "$dest/tiny-llama.gguf.tmp" "$dest/tiny-llama.gguf"
echo "$stamp" > "$dest/STAMP"
t3=$(date +%s)
echo "llama-server built in $dest (fetch+clone $((t1 - t0)) s, cmake build $((t2 - t1)) s," \
     "model $((t3 - t2)) s, total $((t3 - t0)) s, -j$jobs)"
