#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a tiny random-weight Llama GGUF that llama.cpp's llama-server loads: a test fixture for
the integration suite, never a useful model.

usage: PYTHONPATH=<llama.cpp>/gguf-py make-tiny-gguf.py VOCAB.gguf OUT.gguf

VOCAB.gguf is a vocab-only GGUF from llama.cpp's models/ (ggml-vocab-llama-bpe.gguf: the Llama-3
BPE tokenizer, 128,256 tokens); every tokenizer.* key is copied from it, so the server tokenizes
exactly as a Llama-3 model does. The architecture is llama with 2 layers, n_embd 64, 4 heads,
n_ff 128, f32 weights drawn from N(0, 0.02^2) with a fixed seed (same file every time), and a
Llama-3 style chat template. Needs numpy and pyyaml (Debian python3-numpy, python3-yaml).
"""
import sys

import numpy as np
import gguf

N_EMBD, N_FF, N_HEAD, N_LAYER, N_CTX, SEED = 64, 128, 4, 2, 2048, 0
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n"
    "{{ m['content'] }}<|eot_id|>{% endfor %}"
    "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}")


def main(src: str, dst: str) -> None:
    vocab = gguf.GGUFReader(src)
    n_vocab = len(vocab.fields["tokenizer.ggml.tokens"].data)

    w = gguf.GGUFWriter(dst, "llama")
    w.add_name("tiny-random-llama")
    w.add_context_length(N_CTX)
    w.add_embedding_length(N_EMBD)
    w.add_block_count(N_LAYER)
    w.add_feed_forward_length(N_FF)
    w.add_head_count(N_HEAD)
    w.add_head_count_kv(N_HEAD)
    w.add_rope_dimension_count(N_EMBD // N_HEAD)
    w.add_rope_freq_base(500000.0)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_vocab_size(n_vocab)
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    for key, field in vocab.fields.items():
        if not key.startswith("tokenizer."):
            continue
        main_type = field.types[0]
        sub_type = field.types[-1] if main_type == gguf.GGUFValueType.ARRAY else None
        w.add_key_value(key, field.contents(), main_type, sub_type)
    w.add_chat_template(CHAT_TEMPLATE)

    rng = np.random.default_rng(SEED)

    def rnd(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    def ones(n: int) -> np.ndarray:
        return np.ones(n, dtype=np.float32)

    w.add_tensor("token_embd.weight", rnd(n_vocab, N_EMBD))
    w.add_tensor("output_norm.weight", ones(N_EMBD))
    w.add_tensor("output.weight", rnd(n_vocab, N_EMBD))
    for i in range(N_LAYER):
        p = f"blk.{i}."
        w.add_tensor(p + "attn_norm.weight", ones(N_EMBD))
        for t in ("attn_q", "attn_k", "attn_v", "attn_output"):
            w.add_tensor(p + t + ".weight", rnd(N_EMBD, N_EMBD))
        w.add_tensor(p + "ffn_norm.weight", ones(N_EMBD))
        w.add_tensor(p + "ffn_gate.weight", rnd(N_FF, N_EMBD))
        w.add_tensor(p + "ffn_up.weight", rnd(N_FF, N_EMBD))
        w.add_tensor(p + "ffn_down.weight", rnd(N_EMBD, N_FF))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"{dst}: llama, {N_LAYER} layers, n_embd {N_EMBD}, {N_HEAD} heads, n_ff {N_FF}, "
          f"vocab {n_vocab} from {src}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
