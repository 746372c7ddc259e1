// SPDX-License-Identifier: Apache-2.0
// Tests for the input-file fields beyond the prompt (spec load-generation §7.6.1–7.6.4): `extra`,
// named `texts`, the media fields and `image_uuids` of single_turn / multi_turn / random_pool, and
// mooncake's `payload`, `messages`, `tools`, `message_mode` and `extra`, with every error message.
#include "catch.hpp"
#include "dataset_files.hpp"
#include "temp_dir.hpp"

#include <aiperf/datasets/multi_turn.hpp>
#include <aiperf/datasets/random_pool.hpp>
#include <aiperf/datasets/single_turn.hpp>
#include <aiperf/datasets/trace_dataset.hpp>
#include <aiperf/datasets/trace_file.hpp>

#include <string>

using namespace aiperf;
using aiperf_test::o200k;
using aiperf_test::write_file;
using Catch::Matchers::Contains;

namespace {
std::vector<conversation> single(std::filesystem::path const& f) {
  return datasets::load_single_turn(f, dataset_context{&o200k(), 1});
}
std::vector<conversation> mooncake(std::filesystem::path const& f, datasets::trace_load_options o = {}) {
  return datasets::load_trace_conversations(f, datasets::trace_format::mooncake, o, dataset_context{&o200k(), 1});
}
// A 1x1 PNG's signature and a few bytes after it: enough to be recognized, and bytes whose
// base64 we know.
const std::string png_bytes = std::string("\x89PNG\r\n\x1a\n", 8) + "abc";
const std::string png_b64 = "iVBORw0KGgphYmM=";
const std::string wav_bytes = std::string("RIFF\x04\x00\x00\x00WAVEfmt ", 16);
}  // namespace

TEST_CASE("base64 encodes with padding (RFC 4648 test vectors)", "[datasets][media]") {
  using datasets::trace_impl::base64_encode;
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("single_turn: extra, named texts, and media read once per file", "[datasets][single_turn][media]") {
  aiperf_test::temp_dir dir;
  const auto img = write_file(dir / "img.png", png_bytes);
  const auto jpg = write_file(dir / "photo.bin", "\xff\xd8\xff\xe0rest");
  const auto wav = write_file(dir / "a.wav", wav_bytes);
  const auto mp4 = write_file(dir / "v.mp4", std::string("\x00\x00\x00\x18" "ftypmp42", 12));
  const auto f = write_file(
      dir / "s.jsonl",
      "{\"text\": \"Write a haiku.\", \"output_length\": 50, \"extra\": {\"temperature\": 1.2, \"stop\": [\"x\"]}}\n"
      "{\"texts\": [\"one\", \"two\"]}\n"
      "{\"texts\": [{\"name\": \"query\", \"contents\": [\"how to bake bread\"]}, {\"name\": \"passages\", "
      "\"contents\": [\"a\", \"b\"]}]}\n"
      "{\"text\": \"Describe this\", \"image\": \"" + img.string() + "\"}\n"
      "{\"images\": [\"" + img.string() + "\", \"https://example.com/cat.jpg\", \"" + jpg.string() +
      "\"], \"image_uuids\": [\"u1\", \"u2\", \"u3\"]}\n"
      "{\"audio\": \"" + wav.string() + "\", \"videos\": [{\"name\": \"clips\", \"contents\": [\"" + mp4.string() +
      "\", \"http://example.com/v.webm\"]}]}\n"
      "{\"audios\": [\"mp3,QUJD\", \"data:audio/wav;base64,REVG\"], \"video\": \"data:video/mp4;base64,AAAA\"}\n"
      "{\"texts\": [\"only one\"]}\n");
  const auto convs = single(f);
  REQUIRE(convs.size() == 8);

  turn const& t0 = convs[0].turns[0];
  REQUIRE(t0.extra_body.size() == 2);
  CHECK(t0.extra_body[0] == std::pair<std::string, std::string>{"temperature", "1.2"});
  CHECK(t0.extra_body[1] == std::pair<std::string, std::string>{"stop", R"(["x"])"});
  CHECK(t0.max_tokens == 50);
  CHECK(t0.texts.empty());

  // Several texts, or named ones, are kept one by one; `text` joins them.
  turn const& t1 = convs[1].turns[0];
  CHECK(t1.text == "one two");
  REQUIRE(t1.texts.size() == 1);
  CHECK(t1.texts[0].name == "text");
  CHECK(t1.texts[0].contents == std::vector<std::string>{"one", "two"});
  turn const& t2 = convs[2].turns[0];
  CHECK(t2.text == "how to bake bread a b");
  REQUIRE(t2.texts.size() == 2);
  CHECK(t2.texts[0].name == "query");
  CHECK(t2.texts[0].contents == std::vector<std::string>{"how to bake bread"});
  CHECK(t2.texts[1].name == "passages");
  CHECK(t2.texts[1].contents == std::vector<std::string>{"a", "b"});
  CHECK(convs[7].turns[0].texts.empty());  // one unnamed text: the usual prompt
  CHECK(convs[7].turns[0].text == "only one");

  // A local image becomes a data URI of its type (from its bytes); a URL passes through.
  turn const& t3 = convs[3].turns[0];
  CHECK(t3.text == "Describe this");
  REQUIRE(t3.images.size() == 1);
  CHECK(*t3.images[0].data == "data:image/png;base64," + png_b64);
  turn const& t4 = convs[4].turns[0];
  CHECK(t4.text.empty());  // media alone is a request
  REQUIRE(t4.images.size() == 3);
  CHECK(t4.images[0].data == t3.images[0].data);  // the same file is stored once
  CHECK(*t4.images[1].data == "https://example.com/cat.jpg");
  CHECK(*t4.images[2].data == "data:image/jpeg;base64," + datasets::trace_impl::base64_encode("\xff\xd8\xff\xe0rest"));
  CHECK(t4.images[0].uuid == "u1");
  CHECK(t4.images[2].uuid == "u3");

  // Audio is kept as its format and base64 bytes (chat's input_audio); videos as data URIs.
  turn const& t5 = convs[5].turns[0];
  REQUIRE(t5.audios.size() == 1);
  CHECK(t5.audios[0].format == "wav");
  CHECK(*t5.audios[0].data == datasets::trace_impl::base64_encode(wav_bytes));
  REQUIRE(t5.videos.size() == 2);
  CHECK(t5.videos[0].data->starts_with("data:video/mp4;base64,AAAAGGZ0eXBtcDQy"));
  CHECK(*t5.videos[1].data == "http://example.com/v.webm");
  turn const& t6 = convs[6].turns[0];
  REQUIRE(t6.audios.size() == 2);
  CHECK(t6.audios[0].format == "mp3");
  CHECK(*t6.audios[0].data == "QUJD");
  CHECK(t6.audios[1].format == "wav");
  CHECK(*t6.audios[1].data == "REVG");
  CHECK(*t6.videos[0].data == "data:video/mp4;base64,AAAA");
}

TEST_CASE("single_turn: media and extra errors name file:line and the field", "[datasets][single_turn][media]") {
  aiperf_test::temp_dir dir;
  const auto img = write_file(dir / "img.png", png_bytes);
  const auto txt = write_file(dir / "notes.txt", "plain text");
  auto error_of = [&](std::string const& line) {
    const auto f = write_file(dir / "s.jsonl", "{\"text\": \"ok\"}\n" + line + "\n");
    return aiperf_test::error_of<datasets::trace_error>([&] { single(f); });
  };
  const std::string at = (dir / "s.jsonl").string() + ":2: ";
  const std::string p = img.string();
  CHECK(error_of("{\"image\": \"" + p + "\", \"images\": [\"" + p + "\"]}") == at + "image and images cannot be set together");
  CHECK(error_of("{\"audio\": \"wav,AA\", \"audios\": [\"wav,AA\"]}") == at + "audio and audios cannot be set together");
  CHECK(error_of("{\"video\": \"https://h/v\", \"videos\": [\"https://h/v\"]}") == at + "video and videos cannot be set together");
  CHECK(error_of("{\"image\": \"" + p + "\", \"image_uuids\": [\"u\"]}") ==
        at + "image_uuids cannot be used with the singular image field");
  CHECK(error_of("{\"images\": [\"" + p + "\", \"" + p + "\"], \"image_uuids\": [\"u\"]}") ==
        at + "image_uuids: has 1 entries but images has 2; the lengths must match");
  CHECK(error_of("{\"images\": [\"" + p + "\"], \"image_uuids\": [\"\"]}") == at + "image_uuids[0]: must not be empty");
  CHECK(error_of("{\"images\": [\"" + p + "\"], \"image_uuids\": [3]}") == at + "image_uuids[0]: expected a string");
  CHECK(error_of("{\"text\": \"a\", \"image_uuids\": \"u\"}") == at + "image_uuids: expected a list of strings, one per image");
  CHECK(error_of("{\"images\": [\"" + (dir / "missing.png").string() + "\"]}") ==
        at + "images[0]: no such file: '" + (dir / "missing.png").string() +
            "' (local paths are read and sent base64-encoded; URLs need http(s)://)");
  CHECK(error_of("{\"image\": \"" + txt.string() + "\"}") ==
        at + "image: '" + txt.string() + "' is not an image file this build recognizes (png, jpeg, gif, webp or bmp)");
  CHECK(error_of("{\"audio\": \"" + txt.string() + "\"}") ==
        at + "audio: '" + txt.string() + "' is not an audio file this build recognizes (wav or mp3)");
  CHECK(error_of("{\"videos\": [{\"name\": \"v\", \"contents\": [5]}]}") == at + "videos[0].contents[0]: expected a string");
  CHECK(error_of("{\"images\": [7]}") == at + "images[0]: expected a string or a {name, contents} object");
  CHECK(error_of("{\"images\": []}") == at + "images: no image in the list");
  CHECK(error_of("{\"image\": \"\"}") == at + "image: expected a file path, a URL or a data URI, got an empty string");
  CHECK(error_of("{\"image\": 5}") == at + "image: expected a string, got a number");
  CHECK(error_of("{\"text\": \"a\", \"extra\": [1]}") ==
        at + "extra: expected an object (its members are merged into the request body)");
  CHECK(error_of("{\"extra\": {\"a\": 1}}") == at + "At least one modality must be provided");
  CHECK(error_of("{\"texts\": [{\"name\": 1, \"contents\": [\"a\"]}]}") == at + "texts[0].name: expected a string");
}

TEST_CASE("multi_turn and random_pool carry extra and media", "[datasets][multi_turn][random_pool][media]") {
  aiperf_test::temp_dir dir;
  const auto img = write_file(dir / "img.png", png_bytes);
  const auto mt = write_file(dir / "m.jsonl",
                             "{\"session_id\": \"c\", \"turns\": [{\"role\": \"system\", \"text\": \"sys\"}, "
                             "{\"text\": \"look\", \"image\": \"" + img.string() + "\", \"extra\": {\"seed\": 7}}, "
                             "{\"text\": \"again\", \"images\": [\"" + img.string() + "\"]}]}\n");
  const auto convs = datasets::load_multi_turn(mt, dataset_context{&o200k(), 1});
  REQUIRE(convs.size() == 1);
  REQUIRE(convs[0].turns.size() == 2);
  CHECK(convs[0].system_message == "sys");
  CHECK(convs[0].turns[0].extra_body == std::vector<std::pair<std::string, std::string>>{{"seed", "7"}});
  REQUIRE(convs[0].turns[1].images.size() == 1);
  CHECK(convs[0].turns[0].images[0].data == convs[0].turns[1].images[0].data);  // one copy
  // A system turn is the system message: it takes no media or extra.
  const auto bad = write_file(dir / "bad.jsonl",
                              "{\"turns\": [{\"role\": \"system\", \"text\": \"s\", \"extra\": {\"a\": 1}}, {\"text\": \"x\"}]}\n");
  CHECK(aiperf_test::error_of<datasets::trace_error>([&] { datasets::load_multi_turn(bad, dataset_context{&o200k(), 1}); }) ==
        bad.string() + ":1: turns[0].extra: a system turn is the conversation's system message, not a request: it takes no extra");

  // random_pool, a directory of pools: one item of each merged into a turn.
  write_file(dir / "pools" / "a.jsonl", "{\"texts\": [{\"name\": \"query\", \"contents\": [\"q\"]}], \"extra\": {\"k\": 1, \"j\": 0}}\n");
  write_file(dir / "pools" / "b.jsonl",
             "{\"texts\": [{\"name\": \"passages\", \"contents\": [\"p1\", \"p2\"]}], \"image\": \"" + img.string() +
                 "\", \"extra\": {\"k\": 2}}\n");
  const auto pool = datasets::load_random_pool(dir / "pools", 3, dataset_context{&o200k(), 1});
  REQUIRE(pool.size() == 3);
  turn const& t = pool[0].turns[0];
  CHECK(t.text == "q p1 p2");
  REQUIRE(t.texts.size() == 2);
  CHECK(t.texts[0].name == "query");
  CHECK(t.texts[1].name == "passages");
  CHECK(t.texts[1].contents == std::vector<std::string>{"p1", "p2"});
  REQUIRE(t.images.size() == 1);
  CHECK(*t.images[0].data == "data:image/png;base64," + png_b64);
  CHECK(t.extra_body == std::vector<std::pair<std::string, std::string>>{{"k", "2"}, {"j", "0"}});  // b's k wins
  CHECK(t.input_tokens == static_cast<std::int64_t>(o200k().count("q p1 p2")));
}

TEST_CASE("mooncake: payload, messages, tools, message_mode and extra", "[datasets][trace_file][mooncake]") {
  aiperf_test::temp_dir dir;
  const auto f = write_file(
      dir / "t.jsonl",
      "{\"payload\": {\"prompt\": \"Hello\", \"max_tokens\": 50}, \"timestamp\": 1000}\n"
      "{\"session_id\": \"s1\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}], \"output_length\": 50, "
      "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\"}}], \"timestamp\": 0}\n"
      "{\"session_id\": \"s1\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}, {\"role\": \"assistant\", "
      "\"content\": \"Hi\"}, {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"More\"}]}], \"delay\": 5}\n"
      "{\"session_id\": \"d\", \"message_mode\": \"delta\", \"messages\": [{\"role\": \"system\", \"content\": \"S\"}, "
      "{\"role\": \"user\", \"content\": \"one\"}], \"extra\": {\"temperature\": 0}}\n"
      "{\"session_id\": \"d\", \"message_mode\": \"delta\", \"messages\": [{\"role\": \"user\", \"content\": \"two\"}]}\n"
      "{\"input_length\": 20, \"extra\": {\"top_k\": 5}}\n");
  const auto rows = datasets::read_trace(f, datasets::trace_format::mooncake);
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].payload == R"({"prompt":"Hello","max_tokens":50})");
  CHECK(rows[1].messages == R"([{"role":"user","content":"Hello"}])");
  CHECK(rows[1].tools == R"([{"type":"function","function":{"name":"f"}}])");
  CHECK(rows[2].raw_text == "HelloHiMore");
  CHECK(rows[3].delta);
  CHECK_FALSE(rows[1].delta);

  const auto convs = mooncake(f);
  REQUIRE(convs.size() == 4);
  // A payload row: the body verbatim, a single-turn session without history.
  CHECK(convs[0].turns[0].raw_payload == R"({"prompt":"Hello","max_tokens":50})");
  CHECK(convs[0].turns[0].input_tokens == static_cast<std::int64_t>(o200k().count("Hello")));
  CHECK(convs[0].turns[0].timestamp_ms == 1000);
  CHECK_FALSE(convs[0].turns_carry_history);
  // History mode: each row's messages are the whole context (no accumulation).
  CHECK(convs[1].id == "s1");
  CHECK_FALSE(convs[1].turns_carry_history);
  REQUIRE(convs[1].turns.size() == 2);
  CHECK(convs[1].turns[0].raw_tools == rows[1].tools);
  CHECK(convs[1].turns[0].max_tokens == 50);
  CHECK(convs[1].turns[1].delay_ms == 5);
  CHECK(convs[1].turns[1].text.empty());
  // Delta mode: the rows accumulate, with the live replies between them.
  CHECK(convs[2].id == "d");
  CHECK(convs[2].turns_carry_history);
  CHECK(convs[2].turns[0].extra_body == std::vector<std::pair<std::string, std::string>>{{"temperature", "0"}});
  CHECK(convs[2].turns[1].raw_messages == R"([{"role":"user","content":"two"}])");
  // extra on a synthesized row.
  CHECK(convs[3].turns[0].extra_body == std::vector<std::pair<std::string, std::string>>{{"top_k", "5"}});
  CHECK(convs[3].turns[0].input_tokens == 20);
  CHECK(datasets::detect_trace_format(write_file(dir / "p.jsonl", "{\"payload\": {\"a\": 1}}\n")) ==
        datasets::trace_format::mooncake);
}

TEST_CASE("mooncake: every payload / messages / tools / message_mode error", "[datasets][trace_file][mooncake]") {
  aiperf_test::temp_dir dir;
  auto error_of = [&](std::string const& line) {
    const auto f = write_file(dir / "bad.jsonl", "{\"input_length\": 10}\n" + line + "\n");
    return aiperf_test::error_of<datasets::trace_error>([&] { datasets::read_trace(f, datasets::trace_format::mooncake); });
  };
  const std::string at = (dir / "bad.jsonl").string() + ":2: ";
  const std::string msg = R"("messages": [{"role": "user", "content": "hi"}])";
  CHECK(error_of(R"({"payload": {}})") == at + "'payload' must be a non-empty dict");
  CHECK(error_of(R"({"payload": [1]})") == at + "'payload' must be a non-empty dict");
  CHECK(error_of(R"({"messages": []})") == at + "'messages' must be a non-empty list");
  CHECK(error_of(R"({"messages": {"role": "user"}})") == at + "'messages' must be a non-empty list");
  CHECK(error_of(R"({"messages": [{"role": "user", "content": "a"}, {"content": "b"}]})") ==
        at + "Each message must have a 'role' key, but message at index 1 does not");
  CHECK(error_of(R"({"messages": ["x"]})") == at + "Each message must have a 'role' key, but message at index 0 does not");
  CHECK(error_of(R"({"input_length": 5, "tools": [{"type": "function"}]})") ==
        at + "'tools' is only allowed when 'messages' is provided");
  CHECK(error_of("{" + msg + R"(, "tools": []})") == at + "'tools' must be a non-empty list");
  CHECK(error_of(R"({"payload": {"a": 1}, "message_mode": "delta"})") ==
        at + "message_mode='delta' is only supported with 'messages'; this row has 'payload'");
  CHECK(error_of(R"({"input_length": 5, "message_mode": "delta"})") ==
        at + "message_mode='delta' is only supported with 'messages'; this row has 'input_length'");
  CHECK(error_of("{" + msg + R"(, "message_mode": "replace"})") == at + "message_mode: expected 'history' or 'delta', got 'replace'");
  CHECK(error_of("{" + msg + R"(, "message_mode": "delta", "extra": {"messages": []}})") ==
        at + "extra: must not contain 'messages' with message_mode='delta' (the rows' messages are accumulated)");
  CHECK(error_of("{" + msg + R"(, "extra": 3})") == at + "extra: expected an object (its members are merged into the request body)");
  CHECK(error_of("{" + msg + R"(, "payload": {"a": 1}})") ==
        at + "'input_length', 'text_input', 'messages', and 'payload' are mutually exclusive. Use only one of them.");
  CHECK(error_of("{" + msg + R"(, "hash_ids": [1]})") ==
        at + "'hash_ids' is only allowed when 'input_length' is provided, not when 'text_input', 'messages', or "
             "'payload' are provided");
  CHECK(error_of("{" + msg + "}") == "no error");
}

TEST_CASE("mooncake: sessions use one mode; delta rows refuse offsets; literal rows refuse synthesis",
          "[datasets][trace_dataset][mooncake]") {
  aiperf_test::temp_dir dir;
  auto error_of = [&](std::string const& text, datasets::trace_load_options o = {}) {
    const auto f = write_file(dir / "s.jsonl", text);
    return aiperf_test::error_of<datasets::trace_error>([&] { mooncake(f, o); });
  };
  const std::string at = (dir / "s.jsonl").string() + ":1: ";
  const std::string m = R"({"session_id": "a", "messages": [{"role": "user", "content": "x"}]})";
  const std::string d = R"({"session_id": "a", "message_mode": "delta", "messages": [{"role": "user", "content": "x"}]})";
  const std::string p = R"({"session_id": "a", "payload": {"prompt": "x"}})";
  const std::string s = R"({"session_id": "a", "input_length": 5})";
  CHECK(error_of(m + "\n" + p + "\n") ==
        at + "mooncake trace: mixed session contains 1 `messages` trace(s) and 1 `payload` trace(s); each session must "
             "use exactly one mode. Split the offending sessions or convert all entries to a single self-contained mode.");
  CHECK(error_of(m + "\n" + s + "\n") ==
        at + "Mixed Mooncake sessions with both raw `messages`/`payload` and synthesized prompts are unsupported.");
  CHECK(error_of(d + "\n" + m + "\n") ==
        at + "a session mixes message_mode='delta' and message_mode='history' rows; use one mode for every row of the "
             "session");
  datasets::trace_load_options offsets;
  offsets.start_offset_ms = 0;
  CHECK(error_of(d + "\n", offsets) ==
        at + "--fixed-schedule-start-offset / --fixed-schedule-end-offset cannot be used with message_mode='delta' "
             "rows (a delta needs every earlier row of its session)");
  CHECK(error_of(m + "\n", offsets) == "no error");
  datasets::trace_load_options synth;
  synth.prompt_len_multiplier = 2;
  CHECK(error_of(p + "\n", synth) ==
        at + "the --synthesis-* multipliers cannot be applied to a 'payload' row (its request is literal, not "
             "input_length / hash_ids)");
}
