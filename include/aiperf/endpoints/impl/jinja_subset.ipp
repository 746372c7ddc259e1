// SPDX-License-Identifier: Apache-2.0
// aiperf/endpoints/impl/jinja_subset.ipp — definitions for jinja_subset.hpp: a tag scanner, an
// expression parser (recursive descent, Jinja's precedence) and a tree walker.
#pragma once
#if defined(AIPERF_SEPARATE_COMPILATION) && !defined(AIPERF_SRC_AIPERF_CPP)
#error "impl/*.ipp are compiled once, by src/aiperf.cpp (link aiperf::compiled); do not include them"
#endif
#include <aiperf/detail/json_text.hpp>
#include <aiperf/endpoints/jinja_subset.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <initializer_list>
#include <optional>
#include <stdexcept>

namespace aiperf {
inline namespace v0 {
namespace detail {

AIPERF_DECL std::string to_json(tvalue const& v) {
  std::string out;
  struct writer {
    std::string& out;
    void operator()(std::monostate) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t i) const { out += std::to_string(i); }
    void operator()(double d) const { out += fmt::format("{}", d); }
    void operator()(std::string const& s) const { append_json_string(out, s); }
    void operator()(std::shared_ptr<tvalue::list> const& l) const {
      out.push_back('[');
      for (std::size_t i = 0; i < l->size(); ++i) {
        if (i) out += ", ";
        out += to_json((*l)[i]);
      }
      out.push_back(']');
    }
    void operator()(std::shared_ptr<tvalue::object> const& o) const {
      out.push_back('{');
      for (std::size_t i = 0; i < o->size(); ++i) {
        if (i) out += ", ";
        append_json_string(out, (*o)[i].first);
        out += ": ";
        out += to_json((*o)[i].second);
      }
      out.push_back('}');
    }
  };
  std::visit(writer{out}, v.v);
  return out;
}

namespace jinja_detail {

[[noreturn]] inline void fail(int line, std::string const& what) {
  throw std::invalid_argument(fmt::format("template line {}: {}", line, what));
}

// ---- expressions ----------------------------------------------------------------------------

struct expr {
  enum kind_t { literal, var, attr, index, list_lit, not_, and_, or_, cmp, in_, concat, add, sub, filter, test, items };
  kind_t kind = literal;
  tvalue value;            // literal
  std::string name;        // var, attr, filter, test, cmp's operator
  bool negate = false;     // in_ / test: `not in`, `is not`
  std::vector<expr> kids;  // operands; filter: [subject, args...]
  int line = 0;
};

struct token {
  enum kind_t { name, number, string, op, end };
  kind_t kind = end;
  std::string text;
  tvalue value;
};

inline std::vector<token> lex(std::string_view s, int line) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      out.push_back({token::name, std::string(s.substr(i, j - i)), {}});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      bool real = false;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) real |= s[j++] == '.';
      const std::string text(s.substr(i, j - i));
      if (real) out.push_back({token::number, text, tvalue(std::stod(text))});
      else out.push_back({token::number, text, tvalue(static_cast<std::int64_t>(std::stoll(text)))});
      i = j;
    } else if (c == '"' || c == '\'') {
      std::string text;
      std::size_t j = i + 1;
      for (; j < s.size() && s[j] != c; ++j) {
        if (s[j] == '\\' && j + 1 < s.size()) {
          const char e = s[++j];
          text.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
        } else {
          text.push_back(s[j]);
        }
      }
      if (j >= s.size()) fail(line, "unterminated string literal");
      out.push_back({token::string, text, tvalue(text)});
      i = j + 1;
    } else {
      static constexpr std::string_view two[] = {"==", "!=", "<=", ">="};
      std::string op(1, c);
      for (auto t : two)
        if (s.substr(i, 2) == t) op = std::string(t);
      if (op.size() == 1 && std::string_view("()[].,|~+-=<>:").find(c) == std::string_view::npos)
        fail(line, fmt::format("unsupported character '{}' in an expression", c));
      out.push_back({token::op, op, {}});
      i += op.size();
    }
  }
  out.push_back({token::end, "", {}});
  return out;
}

constexpr std::string_view supported_filters[] = {"tojson", "length", "count", "default", "d", "first", "last",
                                                  "join", "upper", "lower", "trim", "string", "int", "float", "list"};

class parser {
 public:
  parser(std::vector<token> toks, int line) : t_(std::move(toks)), line_(line) {}

  expr parse_all() {
    expr e = parse_or();
    if (peek().kind != token::end) fail(line_, "unexpected '" + peek().text + "' in an expression");
    return e;
  }
  token const& peek() const { return t_[at_]; }
  bool accept_op(std::string_view op) {
    if (peek().kind == token::op && peek().text == op) return ++at_, true;
    return false;
  }
  bool accept_name(std::string_view n) {
    if (peek().kind == token::name && peek().text == n) return ++at_, true;
    return false;
  }
  void expect_op(std::string_view op) {
    if (!accept_op(op)) fail(line_, fmt::format("expected '{}' but found '{}'", op, peek().text));
  }
  std::string expect_name() {
    if (peek().kind != token::name) fail(line_, "expected a name but found '" + peek().text + "'");
    return t_[at_++].text;
  }
  expr parse_or() {
    expr e = parse_and();
    while (accept_name("or")) e = make(expr::or_, {std::move(e), parse_and()});
    return e;
  }

 private:
  expr make(expr::kind_t k, std::vector<expr> kids, std::string name = {}) {
    expr e;
    e.kind = k;
    e.kids = std::move(kids);
    e.name = std::move(name);
    e.line = line_;
    return e;
  }
  expr parse_and() {
    expr e = parse_not();
    while (accept_name("and")) e = make(expr::and_, {std::move(e), parse_not()});
    return e;
  }
  expr parse_not() {
    if (accept_name("not")) return make(expr::not_, {parse_not()});
    return parse_compare();
  }
  expr parse_compare() {
    expr e = parse_concat();
    for (;;) {
      static constexpr std::string_view ops[] = {"==", "!=", "<=", ">=", "<", ">"};
      bool matched = false;
      for (auto op : ops)
        if (accept_op(op)) {
          e = make(expr::cmp, {std::move(e), parse_concat()}, std::string(op));
          matched = true;
          break;
        }
      if (matched) continue;
      if (peek().kind == token::name && peek().text == "not" && t_[at_ + 1].kind == token::name && t_[at_ + 1].text == "in") {
        at_ += 2;
        e = make(expr::in_, {std::move(e), parse_concat()});
        e.negate = true;
      } else if (accept_name("in")) {
        e = make(expr::in_, {std::move(e), parse_concat()});
      } else if (accept_name("is")) {
        const bool negate = accept_name("not");
        std::string test = peek().kind == token::name && (peek().text == "none" || peek().text == "None")
                               ? (++at_, std::string("none"))
                               : expect_name();
        if (test != "defined" && test != "undefined" && test != "none" && test != "string" && test != "number" &&
            test != "mapping" && test != "sequence")
          fail(line_, "unsupported test '" + test + "'");
        e = make(expr::test, {std::move(e)}, test);
        e.negate = negate;
      } else {
        return e;
      }
    }
  }
  expr parse_concat() {
    expr e = parse_additive();
    while (accept_op("~")) e = make(expr::concat, {std::move(e), parse_additive()});
    return e;
  }
  expr parse_additive() {
    expr e = parse_postfix();
    for (;;) {
      if (accept_op("+")) e = make(expr::add, {std::move(e), parse_postfix()});
      else if (accept_op("-")) e = make(expr::sub, {std::move(e), parse_postfix()});
      else return e;
    }
  }
  expr parse_postfix() {
    expr e = parse_primary();
    for (;;) {
      if (accept_op(".")) {
        std::string n = expect_name();
        if (n == "items" && accept_op("(")) {
          expect_op(")");
          e = make(expr::items, {std::move(e)});
        } else {
          e = make(expr::attr, {std::move(e)}, std::move(n));
        }
      } else if (accept_op("[")) {
        expr i = parse_or();
        expect_op("]");
        e = make(expr::index, {std::move(e), std::move(i)});
      } else if (accept_op("|")) {
        std::string f = expect_name();
        if (std::find(std::begin(supported_filters), std::end(supported_filters), f) == std::end(supported_filters))
          fail(line_, "unsupported filter '" + f + "'");
        std::vector<expr> kids{std::move(e)};
        if (accept_op("(")) {
          if (!accept_op(")")) {
            do kids.push_back(parse_or());
            while (accept_op(","));
            expect_op(")");
          }
        }
        e = make(expr::filter, std::move(kids), std::move(f));
      } else if (peek().kind == token::op && peek().text == "(") {
        fail(line_, "unsupported call: only the filters above and .items() are available");
      } else {
        return e;
      }
    }
  }
  expr parse_primary() {
    token const& t = peek();
    if (t.kind == token::number || t.kind == token::string) {
      expr e = make(expr::literal, {});
      e.value = t_[at_++].value;
      return e;
    }
    if (accept_op("(")) {
      expr e = parse_or();
      expect_op(")");
      return e;
    }
    if (accept_op("-")) {
      expr zero = make(expr::literal, {});
      zero.value = tvalue(0);
      return make(expr::sub, {std::move(zero), parse_postfix()});
    }
    if (accept_op("[")) {
      std::vector<expr> items;
      if (!accept_op("]")) {
        do items.push_back(parse_or());
        while (accept_op(","));
        expect_op("]");
      }
      return make(expr::list_lit, std::move(items));
    }
    if (t.kind == token::name) {
      std::string n = t_[at_++].text;
      expr e = make(expr::literal, {});
      if (n == "true" || n == "True") e.value = tvalue(true);
      else if (n == "false" || n == "False") e.value = tvalue(false);
      else if (n == "none" || n == "None") e.value = tvalue();
      else return make(expr::var, {}, std::move(n));
      return e;
    }
    fail(line_, "unexpected '" + t.text + "' in an expression");
  }

  std::vector<token> t_;
  std::size_t at_ = 0;
  int line_;
};

inline expr parse_expr(std::string_view s, int line) { return parser(lex(s, line), line).parse_all(); }

}  // namespace jinja_detail

// ---- statements -----------------------------------------------------------------------------

struct jinja_template::node {
  enum kind_t { text, output, if_, for_, set };
  kind_t kind = text;
  std::string literal;                                          // text
  std::vector<jinja_detail::expr> exprs;                        // output/set: [e]; for: [iterable]; if: conditions
  std::vector<std::vector<node>> bodies;                        // if: one per condition (+ else); for: [body]
  std::string var, var2;                                        // for / set targets
  int line = 0;
};

namespace jinja_detail {

/// One piece of the source: text, or a tag's inside with its kind and line.
struct piece {
  char kind;  // 't' text, '{' output, '%' statement
  std::string body;
  int line;
};

inline std::vector<piece> scan(std::string_view src) {
  std::vector<piece> out;
  int line = 1;
  bool trim_next = false;
  std::size_t i = 0;
  auto count_lines = [&](std::string_view s) { line += static_cast<int>(std::count(s.begin(), s.end(), '\n')); };
  while (i < src.size()) {
    std::size_t open = src.find('{', i);
    while (open != std::string_view::npos && open + 1 < src.size() && src[open + 1] != '{' && src[open + 1] != '%' &&
           src[open + 1] != '#')
      open = src.find('{', open + 1);
    if (open + 1 >= src.size()) open = std::string_view::npos;
    std::string text(src.substr(i, open == std::string_view::npos ? std::string_view::npos : open - i));
    if (trim_next) text.erase(0, text.find_first_not_of(" \t\r\n") == std::string::npos ? text.size() : text.find_first_not_of(" \t\r\n"));
    const int text_line = line;
    count_lines(src.substr(i, open == std::string_view::npos ? std::string_view::npos : open - i));
    if (open == std::string_view::npos) {
      if (!text.empty()) out.push_back({'t', std::move(text), text_line});
      break;
    }
    const char kind = src[open + 1];
    const std::string_view close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
    const std::size_t end = src.find(close, open + 2);
    if (end == std::string_view::npos)
      fail(line, fmt::format("'{{{}' is not closed by '{}'", kind, close));
    std::string_view inner = src.substr(open + 2, end - open - 2);
    const bool trim_before = !inner.empty() && inner.front() == '-';
    const bool trim_after = !inner.empty() && inner.back() == '-';
    if (trim_before) {
      inner.remove_prefix(1);
      const auto last = text.find_last_not_of(" \t\r\n");
      text.erase(last == std::string::npos ? 0 : last + 1);
    }
    if (trim_after) inner.remove_suffix(1);
    if (!text.empty()) out.push_back({'t', std::move(text), text_line});
    if (kind != '#') out.push_back({kind, std::string(inner), line});
    count_lines(src.substr(open, end + 2 - open));
    trim_next = trim_after;
    i = end + 2;
  }
  return out;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// The first word of a statement and the rest.
inline std::pair<std::string_view, std::string_view> split_tag(std::string_view s) {
  s = trim(s);
  std::size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_')) ++n;
  return {s.substr(0, n), trim(s.substr(n))};
}

using node = jinja_template::node;

/// Parses pieces from `at` into `out` until one of `stops` (returned), or the end ("").
inline std::string_view parse_block(std::vector<piece> const& ps, std::size_t& at, std::vector<node>& out,
                                    std::initializer_list<std::string_view> stops, int open_line, std::string_view open_tag) {
  while (at < ps.size()) {
    piece const& p = ps[at++];
    if (p.kind == 't') {
      out.push_back(node{node::text, p.body, {}, {}, {}, {}, p.line});
      continue;
    }
    if (p.kind == '{') {
      node n{node::output, {}, {}, {}, {}, {}, p.line};
      n.exprs.push_back(parse_expr(p.body, p.line));
      out.push_back(std::move(n));
      continue;
    }
    auto [word, rest] = split_tag(p.body);
    for (auto s : stops)
      if (word == s) {
        --at;  // the caller reads the stop tag
        return s;
      }
    if (word == "if") {
      node n{node::if_, {}, {}, {}, {}, {}, p.line};
      n.exprs.push_back(parse_expr(rest, p.line));
      for (;;) {
        n.bodies.emplace_back();
        const std::string_view stop = parse_block(ps, at, n.bodies.back(), {"elif", "else", "endif"}, p.line, "if");
        auto [w, r] = split_tag(ps[at++].body);
        (void)stop;
        if (w == "elif") {
          n.exprs.push_back(parse_expr(r, ps[at - 1].line));
        } else if (w == "else") {
          n.bodies.emplace_back();
          parse_block(ps, at, n.bodies.back(), {"endif"}, p.line, "if");
          ++at;
          break;
        } else {
          break;
        }
      }
      out.push_back(std::move(n));
    } else if (word == "for") {
      node n{node::for_, {}, {}, {}, {}, {}, p.line};
      const std::size_t in_at = rest.find(" in ");
      if (in_at == std::string_view::npos) fail(p.line, "expected 'for NAME in EXPRESSION'");
      std::string_view targets = trim(rest.substr(0, in_at));
      if (auto comma = targets.find(','); comma != std::string_view::npos) {
        n.var = std::string(trim(targets.substr(0, comma)));
        n.var2 = std::string(trim(targets.substr(comma + 1)));
      } else {
        n.var = std::string(targets);
      }
      n.exprs.push_back(parse_expr(rest.substr(in_at + 4), p.line));
      n.bodies.emplace_back();
      parse_block(ps, at, n.bodies.back(), {"endfor"}, p.line, "for");
      ++at;
      out.push_back(std::move(n));
    } else if (word == "set") {
      const std::size_t eq = rest.find('=');
      if (eq == std::string_view::npos) fail(p.line, "expected 'set NAME = EXPRESSION'");
      node n{node::set, {}, {}, {}, std::string(trim(rest.substr(0, eq))), {}, p.line};
      n.exprs.push_back(parse_expr(rest.substr(eq + 1), p.line));
      out.push_back(std::move(n));
    } else if (word == "elif" || word == "else" || word == "endif" || word == "endfor") {
      fail(p.line, "'" + std::string(word) + "' without a matching opening tag");
    } else {
      fail(p.line, "unsupported tag '" + std::string(word) + "'");
    }
  }
  if (stops.size() != 0) fail(open_line, "'" + std::string(open_tag) + "' is never closed");
  return {};
}

// ---- evaluation -----------------------------------------------------------------------------

struct scope_stack {
  std::vector<std::vector<std::pair<std::string, tvalue>>> frames;
  tvalue const* context;
  tvalue const* find(std::string_view n) const {
    for (auto f = frames.rbegin(); f != frames.rend(); ++f)
      for (auto const& kv : *f)
        if (kv.first == n) return &kv.second;
    return context->member(n);
  }
  void set(std::string const& n, tvalue v) {
    for (auto& kv : frames.back())
      if (kv.first == n) {
        kv.second = std::move(v);
        return;
      }
    frames.back().emplace_back(n, std::move(v));
  }
};

inline bool truthy(tvalue const& v) {
  if (v.is_none()) return false;
  if (auto b = std::get_if<bool>(&v.v)) return *b;
  if (auto i = std::get_if<std::int64_t>(&v.v)) return *i != 0;
  if (auto d = std::get_if<double>(&v.v)) return *d != 0;
  if (auto s = v.str()) return !s->empty();
  if (auto l = v.as_list()) return !l->empty();
  if (auto o = v.as_object()) return !o->empty();
  return false;
}

inline std::optional<double> number(tvalue const& v) {
  if (auto i = std::get_if<std::int64_t>(&v.v)) return static_cast<double>(*i);
  if (auto d = std::get_if<double>(&v.v)) return *d;
  if (auto b = std::get_if<bool>(&v.v)) return *b ? 1.0 : 0.0;
  return std::nullopt;
}

/// How a value is written by {{ }} and ~: strings as they are, anything else as JSON.
inline std::string as_text(tvalue const& v) {
  if (auto s = v.str()) return *s;
  if (v.is_none()) return "";
  return to_json(v);
}

inline bool equal(tvalue const& a, tvalue const& b) {
  auto na = number(a), nb = number(b);
  if (na && nb) return *na == *nb;
  return to_json(a) == to_json(b);
}

inline tvalue eval(expr const& e, scope_stack const& sc);

inline tvalue apply_filter(expr const& e, scope_stack const& sc) {
  const tvalue v = eval(e.kids[0], sc);
  auto arg = [&](std::size_t i) { return i < e.kids.size() ? eval(e.kids[i], sc) : tvalue(); };
  std::string_view f = e.name;
  auto wrong = [&]() -> tvalue { fail(e.line, "filter '" + e.name + "' cannot take " + to_json(v)); };
  if (f == "tojson") return tvalue(to_json(v));
  if (f == "default" || f == "d") return v.is_none() ? arg(1) : v;
  if (f == "length" || f == "count") {
    if (auto s = v.str()) return tvalue(static_cast<std::int64_t>(s->size()));
    if (auto l = v.as_list()) return tvalue(static_cast<std::int64_t>(l->size()));
    if (auto o = v.as_object()) return tvalue(static_cast<std::int64_t>(o->size()));
    return wrong();
  }
  if (f == "first" || f == "last") {
    if (auto l = v.as_list()) return l->empty() ? tvalue() : (f == "first" ? l->front() : l->back());
    if (auto s = v.str()) return s->empty() ? tvalue() : tvalue(std::string(1, f == "first" ? s->front() : s->back()));
    return wrong();
  }
  if (f == "join") {
    auto l = v.as_list();
    if (!l) return wrong();
    const std::string sep = e.kids.size() > 1 ? as_text(arg(1)) : std::string();
    std::string out;
    for (std::size_t i = 0; i < l->size(); ++i) out += (i ? sep : std::string()) + as_text((*l)[i]);
    return tvalue(out);
  }
  if (f == "upper" || f == "lower" || f == "trim") {
    std::string s = as_text(v);
    if (f == "trim") return tvalue(std::string(trim(s)));
    for (char& c : s) c = static_cast<char>(f == "upper" ? std::toupper(static_cast<unsigned char>(c))
                                                         : std::tolower(static_cast<unsigned char>(c)));
    return tvalue(s);
  }
  if (f == "string") return tvalue(as_text(v));
  if (f == "int" || f == "float") {
    std::optional<double> n = number(v);
    if (!n && v.str()) {
      double d = 0;
      auto const& s = *v.str();
      if (std::from_chars(s.data(), s.data() + s.size(), d).ec == std::errc{}) n = d;
    }
    if (!n) n = 0.0;
    return f == "int" ? tvalue(static_cast<std::int64_t>(*n)) : tvalue(*n);
  }
  if (f == "list") {
    if (v.as_list()) return v;
    if (auto s = v.str()) {
      tvalue::list l;
      for (char c : *s) l.emplace_back(std::string(1, c));
      return tvalue(std::move(l));
    }
    return wrong();
  }
  return wrong();
}

inline tvalue eval(expr const& e, scope_stack const& sc) {
  switch (e.kind) {
    case expr::literal: return e.value;
    case expr::var: {
      tvalue const* v = sc.find(e.name);
      return v ? *v : tvalue();
    }
    case expr::attr: {
      const tvalue base = eval(e.kids[0], sc);
      tvalue const* v = base.member(e.name);
      return v ? *v : tvalue();
    }
    case expr::index: {
      const tvalue base = eval(e.kids[0], sc), key = eval(e.kids[1], sc);
      if (auto l = base.as_list()) {
        if (auto i = std::get_if<std::int64_t>(&key.v)) {
          const std::int64_t n = static_cast<std::int64_t>(l->size());
          const std::int64_t k = *i < 0 ? *i + n : *i;
          return k >= 0 && k < n ? (*l)[static_cast<std::size_t>(k)] : tvalue();
        }
        return tvalue();
      }
      if (auto s = key.str())
        if (tvalue const* v = base.member(*s)) return *v;
      return tvalue();
    }
    case expr::list_lit: {
      tvalue::list l;
      for (auto const& k : e.kids) l.push_back(eval(k, sc));
      return tvalue(std::move(l));
    }
    case expr::not_: return tvalue(!truthy(eval(e.kids[0], sc)));
    case expr::and_: {
      tvalue a = eval(e.kids[0], sc);
      return truthy(a) ? eval(e.kids[1], sc) : a;
    }
    case expr::or_: {
      tvalue a = eval(e.kids[0], sc);
      return truthy(a) ? a : eval(e.kids[1], sc);
    }
    case expr::cmp: {
      const tvalue a = eval(e.kids[0], sc), b = eval(e.kids[1], sc);
      if (e.name == "==") return tvalue(equal(a, b));
      if (e.name == "!=") return tvalue(!equal(a, b));
      auto na = number(a), nb = number(b);
      int c = 0;
      if (na && nb) c = *na < *nb ? -1 : *na > *nb ? 1 : 0;
      else if (a.str() && b.str()) c = a.str()->compare(*b.str());
      else fail(e.line, "cannot compare " + to_json(a) + " with " + to_json(b));
      if (e.name == "<") return tvalue(c < 0);
      if (e.name == "<=") return tvalue(c <= 0);
      if (e.name == ">") return tvalue(c > 0);
      return tvalue(c >= 0);
    }
    case expr::in_: {
      const tvalue a = eval(e.kids[0], sc), b = eval(e.kids[1], sc);
      bool found = false;
      if (auto l = b.as_list()) found = std::any_of(l->begin(), l->end(), [&](tvalue const& x) { return equal(a, x); });
      else if (auto s = b.str()) found = s->find(as_text(a)) != std::string::npos;
      else if (auto k = a.str()) found = b.member(*k) != nullptr;
      return tvalue(found != e.negate);
    }
    case expr::concat: return tvalue(as_text(eval(e.kids[0], sc)) + as_text(eval(e.kids[1], sc)));
    case expr::add:
    case expr::sub: {
      const tvalue a = eval(e.kids[0], sc), b = eval(e.kids[1], sc);
      auto ia = std::get_if<std::int64_t>(&a.v), ib = std::get_if<std::int64_t>(&b.v);
      if (ia && ib) return tvalue(e.kind == expr::add ? *ia + *ib : *ia - *ib);
      auto na = number(a), nb = number(b);
      if (na && nb) return tvalue(e.kind == expr::add ? *na + *nb : *na - *nb);
      if (e.kind == expr::add && a.str() && b.str()) return tvalue(*a.str() + *b.str());
      if (e.kind == expr::add && a.as_list() && b.as_list()) {
        tvalue::list l = *a.as_list();
        l.insert(l.end(), b.as_list()->begin(), b.as_list()->end());
        return tvalue(std::move(l));
      }
      fail(e.line, "cannot apply '" + std::string(e.kind == expr::add ? "+" : "-") + "' to " + to_json(a) + " and " +
                       to_json(b));
    }
    case expr::filter: return apply_filter(e, sc);
    case expr::test: {
      const tvalue v = eval(e.kids[0], sc);
      bool r = false;
      if (e.name == "defined") r = !v.is_none();
      else if (e.name == "undefined" || e.name == "none") r = v.is_none();
      else if (e.name == "string") r = v.str() != nullptr;
      else if (e.name == "number") r = std::holds_alternative<std::int64_t>(v.v) || std::holds_alternative<double>(v.v);
      else if (e.name == "mapping") r = v.as_object() != nullptr;
      else if (e.name == "sequence") r = v.as_list() != nullptr || v.str() != nullptr;
      return tvalue(r != e.negate);
    }
    case expr::items: {
      const tvalue v = eval(e.kids[0], sc);
      auto o = v.as_object();
      if (!o) fail(e.line, ".items() of " + to_json(v) + ", which is not an object");
      tvalue::list l;
      for (auto const& kv : *o) l.emplace_back(tvalue::list{tvalue(kv.first), kv.second});
      return tvalue(std::move(l));
    }
  }
  return tvalue();
}

inline void render_nodes(std::vector<node> const& nodes, scope_stack& sc, std::string& out) {
  for (node const& n : nodes) {
    switch (n.kind) {
      case node::text: out += n.literal; break;
      case node::output: out += as_text(eval(n.exprs[0], sc)); break;
      case node::set: sc.set(n.var, eval(n.exprs[0], sc)); break;
      case node::if_: {
        std::size_t i = 0;
        for (; i < n.exprs.size(); ++i)
          if (truthy(eval(n.exprs[i], sc))) break;
        if (i < n.bodies.size()) render_nodes(n.bodies[i], sc, out);
        break;
      }
      case node::for_: {
        const tvalue seq = eval(n.exprs[0], sc);
        tvalue::list items;
        if (auto l = seq.as_list()) items = *l;
        else if (auto o = seq.as_object())
          for (auto const& kv : *o) items.emplace_back(kv.first);  // iterating a mapping gives its keys
        else if (!seq.is_none()) fail(n.line, "cannot loop over " + to_json(seq));
        const auto count = static_cast<std::int64_t>(items.size());
        for (std::int64_t i = 0; i < count; ++i) {
          sc.frames.emplace_back();
          tvalue const& item = items[static_cast<std::size_t>(i)];
          if (n.var2.empty()) {
            sc.set(n.var, item);
          } else {
            auto pair = item.as_list();
            if (!pair || pair->size() != 2) fail(n.line, "cannot unpack " + to_json(item) + " into two names");
            sc.set(n.var, (*pair)[0]);
            sc.set(n.var2, (*pair)[1]);
          }
          sc.set("loop", tvalue(tvalue::object{{"index", tvalue(i + 1)},
                                               {"index0", tvalue(i)},
                                               {"first", tvalue(i == 0)},
                                               {"last", tvalue(i + 1 == count)},
                                               {"length", tvalue(count)}}));
          render_nodes(n.bodies[0], sc, out);
          sc.frames.pop_back();
        }
        break;
      }
    }
  }
}

}  // namespace jinja_detail

AIPERF_DECL jinja_template jinja_template::compile(std::string_view source) {
  const std::vector<jinja_detail::piece> pieces = jinja_detail::scan(source);
  auto body = std::make_shared<std::vector<node>>();
  std::size_t at = 0;
  jinja_detail::parse_block(pieces, at, *body, {}, 1, "");
  jinja_template t;
  t.body_ = std::move(body);
  return t;
}

AIPERF_DECL std::string jinja_template::render(tvalue const& context) const {
  jinja_detail::scope_stack sc{{{}}, &context};
  std::string out;
  if (body_) jinja_detail::render_nodes(*body_, sc, out);
  return out;
}

}  // namespace detail
}  // namespace v0
}  // namespace aiperf
