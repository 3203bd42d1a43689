"""One scan per line: which line-rule patterns could match it (issue 15, item 1).

The engine used to try each rule's patterns (`regex`) on each of its keyword lines. Here every
pattern of every line rule is rewritten once per rule set into a *superset* pattern that RE2
accepts (`widen`): look-arounds, word boundaries and other zero-width tests are dropped,
character classes that RE2 reads differently (\\w, \\d, \\s and Unicode properties: ASCII-only in
RE2, or another Unicode version) are widened, possessive and atomic forms become plain ones,
large repeat counts open up. A superset pattern matches every text the original matches, so
when it does not match a line the original cannot either. Those anchored at the line start go
into one `re2.Set`, run once per distinct line text (`LineMatcher.possible`, a bit per pattern); the
engine then runs the original `regex` pattern only where the bit is set, so matches, `unless`
vetoes, named groups and timeouts are today's.

What stays on the per-line path (listed by `cleaner rules list --slow`): unanchored patterns
(they made RE2's DFA slower than the searches they spared, see _ANCHORED), patterns the rewrite
cannot take (conditionals, recursion, fuzzy matching, named lists, VERSION1 set operations,
full case folding), the superset RE2 refuses, and every pattern of a rule with a user pattern
(those run under the regex timeout, and skipping a search would change when it fires).

The set is used with CLEANER_MATCHER=re2 (and google-re2 installed); by default, and without
google-re2, the engine takes the per-line path for every pattern: same output, and on the
benchmarks measured faster (see ENABLED).
"""

from __future__ import annotations

import functools
import os
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Generic, TypeVar

import regex

from .rulecache import compile_pattern
from .ruleset import LazyPattern

if TYPE_CHECKING:
    from .ruleset import Rule, RuleSet

_RE2_UNSET = object()
_re2_module: object = _RE2_UNSET


def _load_re2():  # type: ignore[no-untyped-def]
    """google-re2 (wheels for CPython on Linux, macOS and Windows, see pyproject.toml), or None.

    Imported when first needed (the set is off by default): the import cost a cold `cleaner
    check` ~3 ms (issue 15, item 3). `matcher._re2` still names it (module __getattr__)."""
    global _re2_module
    if _re2_module is _RE2_UNSET:
        try:
            import re2
        except ImportError:  # pragma: no cover - depends on the platform
            re2 = None
        _re2_module = re2
    return _re2_module


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name == "_re2":
        return _load_re2()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

REGEX_TIMEOUT_S = 2.0


class RuleTimeout(Exception):
    """A rule's pattern ran past the regex timeout (catastrophic backtracking)."""

    def __init__(self, rule_id: str) -> None:
        super().__init__(f"{rule_id}: pattern timed out after {REGEX_TIMEOUT_S:g}s (catastrophic backtracking?)")
        self.rule_id = rule_id



# --- a rule's patterns as search functions (the engine's and the detectors') ----------------

class _Matcher:
    """A rule's patterns as bound search methods, resolved once per rule rather than per line:
    built-in patterns (LazyPattern) compiled and searched without the timeout, user patterns
    bound to it. A user pattern's TimeoutError is turned into RuleTimeout by the caller.

    `line_patterns` and `line_unless` are the same patterns for a text of one line (no "\n"),
    compiled without MULTILINE: there it changes nothing ("^" and "$" only differ at a "\n"),
    but the regex module then tries every position of the line for a "^" pattern (13 us on a
    1,000-character line) instead of only the first (0.3 us)."""

    __slots__ = ("rule", "timed", "patterns", "unless", "requires", "line_patterns", "line_unless", "confirm", "controls")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        # A user pattern: its searches run under the regex timeout, its loops under the clock.
        self.timed = any(type(p) is not LazyPattern for p in (*rule.patterns, *rule.unless, *rule.requires, *rule.confirm))

    def __getattr__(self, name: str) -> tuple[Search, ...]:
        """A form of the patterns, compiled the first time it is asked for and then a plain slot
        (no property on the hot path): a line rule never needs its MULTILINE patterns, a document
        rule never its one-line ones, so a cold start compiles about half as much."""
        form = _FORMS.get(name)
        if form is None:
            raise AttributeError(name)
        built = tuple(_bound(p, one_line=form[1]) for p in getattr(self.rule, form[0]))
        setattr(self, name, built)
        return built


# _Matcher's forms: slot -> (the Rule attribute holding the patterns, for one line)
_FORMS = {
    "patterns": ("patterns", False),
    "unless": ("unless", False),
    "requires": ("requires", False),
    "line_patterns": ("patterns", True),
    "line_unless": ("unless", True),
    "confirm": ("confirm", True),  # [rule.confirm_after]
    "controls": ("confirm_controls", True),
}


Search = Callable[[str], "regex.Match[str] | None"]


def _bound(pattern: regex.Pattern[str], one_line: bool = False) -> Search:
    builtin = type(pattern) is LazyPattern
    if builtin and one_line and pattern.flags & regex.MULTILINE:  # type: ignore[attr-defined]
        # the one-line form straight from the source: compiling the MULTILINE form first only
        # to read its flags doubled a cold start's regex compiles (the same pattern results:
        # the source's inline flags and the defaults come back in the compile)
        return _without_multiline(pattern.pattern, pattern.flags).search  # type: ignore[attr-defined]
    compiled = pattern._get() if builtin else pattern  # type: ignore[attr-defined]
    if one_line and compiled.flags & regex.MULTILINE:
        compiled = _without_multiline(compiled.pattern, compiled.flags)
    if builtin:
        return compiled.search
    return functools.partial(compiled.search, timeout=REGEX_TIMEOUT_S)


@functools.lru_cache(maxsize=4096)
def _without_multiline(source: str, flags: int) -> regex.Pattern[str]:
    return compile_pattern(source, flags & ~regex.MULTILINE)  # cleaner/rulecache.py: compiled patterns kept across runs


def finditer(rule: Rule, pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    """All matches. The regex timeout guards user patterns only: it costs ~4 us per call (more
    than most searches), and built-in patterns (LazyPattern) are compiled and run on their
    examples by the test suite and on the evaluation data in review. A user pattern that
    backtracks catastrophically still stops after REGEX_TIMEOUT_S and is reported by id."""
    if type(pattern) is LazyPattern:
        return list(pattern.finditer(text))
    try:
        return list(pattern.finditer(text, timeout=REGEX_TIMEOUT_S))
    except TimeoutError:
        raise RuleTimeout(rule.id) from None


def pattern_spans(rule: Rule, text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-empty match of every one of the rule's patterns in `text`,
    unsorted and unmerged (what a rule with span = "all" cuts, before segment.merge_spans)."""
    spans: list[tuple[int, int]] = []
    for pattern in rule.patterns:
        spans += [mt.span() for mt in finditer(rule, pattern, text) if mt.end() > mt.start()]
    return spans


def searches(rule: Rule, one_line: bool) -> tuple[Search, ...]:
    """The rule's patterns as search functions, for texts of one line if `one_line` (see
    _Matcher); a user pattern's search raises TimeoutError past the regex timeout."""
    m = _matcher(rule)
    return m.line_patterns if one_line else m.patterns


def confirm_searches(rule: Rule) -> tuple[Search, ...]:
    """The rule's [rule.confirm_after] patterns as search functions on one line each."""
    return _matcher(rule).confirm


def unless_searches(rule: Rule, one_line: bool) -> tuple[Search, ...]:
    """The rule's `unless` vetoes as search functions, as `searches` gives its patterns."""
    m = _matcher(rule)
    return m.line_unless if one_line else m.unless


def line_fits(rule: Rule, text: str, words: int, pats: tuple[Search, ...], vetoes: tuple[Search, ...]) -> bool:
    """A detector's candidate test for one line of `words` words: within the rule's word bounds,
    found by one of its patterns (`searches`) and by none of its vetoes (`unless_searches`)."""
    if words < rule.min_words or (rule.max_words is not None and words > rule.max_words):
        return False
    return any(p(text) for p in pats) and not any(u(text) for u in vetoes)


K = TypeVar("K")
V = TypeVar("V")


class _ByIdentity(Generic[K, V]):
    """Values built once per object, looked up by the object's identity (rules and rule sets are
    compared by identity, not value); the key object is kept with its value, so an id reused by
    a new object after the old one is gone never returns the old value. Bounded: cleared when
    full (rule sets built and dropped by a long-lived library user)."""

    def __init__(self, build: Callable[[K], V], limit: int) -> None:
        self._build, self._limit = build, limit
        self._items: dict[int, tuple[K, V]] = {}

    def __call__(self, key: K) -> V:
        hit = self._items.get(id(key))
        if hit is None or hit[0] is not key:
            if len(self._items) > self._limit:
                self._items.clear()
            hit = self._items[id(key)] = (key, self._build(key))
        return hit[1]


_matcher: _ByIdentity[Rule, _Matcher] = _ByIdentity(_Matcher, 4096)

# --- the one scan ---------------------------------------------------------------------------

# The one switch: CLEANER_MATCHER=re2 takes the set (with google-re2 installed); anything else,
# and the default, the per-line path for every pattern (tests run both paths). Off by default
# since measured slower (docs/speed.md, branch speed3): side by side in one run, the rule stage
# took 6-9% more CPU time with the set on the generated corpus and 4% more on naive_b
# write-half texts. A Match cost 10-15 us a line in the stage against ~2 us in a loop of
# Matches alone: between two Matches the rules' own work pushes the set's DFA out of the CPU
# caches (instruction counts, which found the set 0.6% cheaper, do not see that).
ENABLED = os.environ.get("CLEANER_MATCHER", "python") == "re2" and _load_re2() is not None

_MAX_MEM = 256 << 20  # RE2's budget for the set's program and DFA
_CACHE_LIMIT = 4096  # line texts whose answer is kept (a document's passes, repeated boilerplate)


class Unsupported(Exception):
    """A construct the rewrite cannot turn into an RE2 superset."""


# Under IGNORECASE the regex module folds these where RE2's simple case folding does not
# (computed over every code point against google-re2 1.1 and regex 2026.11: only the Turkish i's).
_EXTRA_FOLDS = {"I": "ı", "i": "İ", "İ": "i", "ı": "I"}

_ALL = r"\x{0}-\x{10FFFF}"
# Widened classes (a superset of what `regex` matches, in any Unicode version): RE2's \w, \d, \s
# are ASCII, so every non-ASCII character is let in; a negation keeps only the ASCII it is sure of.
# Unicode White_Space (stable since 6.3; U+180E kept for older tables).
_SPACE = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{180e}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
# Code points RE2's (older) Unicode tables leave unassigned: a newer `regex` may call them
# letters, marks or digits, or fold them to a letter under IGNORECASE. A text holding one gets
# every bit (LineMatcher.possible), so the supersets need only be right for RE2's code points.
_UNASSIGNED = r"[^\p{L}\p{M}\p{N}\p{P}\p{S}\p{Z}\p{C}]"
_POS = {
    "d": r"0-9\p{Nd}",
    "w": r"0-9A-Za-z_\x{80}-\x{10FFFF}",
    "s": _SPACE,
    "D": r"\x{0}-/:-\x{10FFFF}",
    "W": r"\x{0}-/:-@\[-\^`{-\x{10FFFF}",
    "S": r"\x{0}-\x{8}\x{e}-\x{10FFFF}",
}
# Inside a negated class the item must be narrowed (its complement is then a superset).
_NARROW = {
    "d": r"0-9",
    "w": r"0-9A-Za-z_",
    "s": r"\t-\r ",
    "D": r"\x{0}-/:-\x{7f}",
    "W": r"\x{0}-/:-@\[-\^`{-\x{7f}",
    "S": r"\x{0}-\x{8}\x{e}-\x{1b}!-\x{7f}",
}
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_ZERO_WIDTH = set("bBmMGK")  # word boundaries, word start/end, \G, \K: dropped (superset)


def _lit(ch: str) -> str:
    """One character as an RE2 class item or atom."""
    return r"\x{%x}" % ord(ch)


# Unicode properties: RE2's own table (older than `regex`'s; what it leaves unassigned is
# _UNASSIGNED's); a script also takes Common and Inherited (`regex` reads a script as its
# Script_Extensions). tests/test_matcher.py checks every code point against `regex`.
_KNOWN = {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "S", "Z"}
_SCRIPTS = {"Han", "Hiragana", "Katakana", "Hangul", "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Thai",
            "Devanagari"}


def _property(name: str, negated: bool, in_negated_class: bool) -> str:
    """`\\p{name}` as RE2 class items (no brackets): on RE2's assigned code points a superset
    of it in a positive class, a subset of it in a negated class (whose complement is then a
    superset)."""
    bare = name.split("=", 1)[-1].split(":", 1)[-1].replace(" ", "_")
    if bare.startswith("Is") and bare[2:] in _SCRIPTS:
        bare = bare[2:]
    if negated:
        raise Unsupported(f"\\P{{{name}}}")
    if bare in _KNOWN:
        return "\\p{%s}" % bare
    if bare in _SCRIPTS:
        if in_negated_class:
            raise Unsupported(f"script {name} in a negated class")
        return "\\p{%s}\\p{Common}\\p{Inherited}" % bare
    raise Unsupported(f"property {name}")


def _ascii_complement(ranges: str) -> str:
    inside = {chr(c) for c in range(128) if regex.fullmatch("[%s]" % ranges, chr(c))} if ranges else set()
    return "".join(_lit(chr(c)) for c in range(128) if chr(c) not in inside)


@dataclass
class _Parser:
    src: str
    pos: int = 0
    verbose: bool = False
    icase: bool = False
    negated_class: bool = False  # the class being read is negated: its escapes are narrowed
    started: bool = False  # an atom was read (a global flag after one is not taken)

    def peek(self, k: int = 0) -> str:
        j = self.pos + k
        return self.src[j] if j < len(self.src) else ""

    def eat(self, s: str) -> bool:
        if self.src.startswith(s, self.pos):
            self.pos += len(s)
            return True
        return False

    def skip_verbose(self) -> None:
        while self.verbose and self.pos < len(self.src):
            c = self.src[self.pos]
            if c in " \t\n\r\f\v":
                self.pos += 1
            elif c == "#":
                nl = self.src.find("\n", self.pos)
                self.pos = len(self.src) if nl < 0 else nl + 1
            else:
                break

    # alternation := sequence ('|' sequence)*
    def alternation(self) -> str:
        parts = [self.sequence()]
        while self.eat("|"):
            parts.append(self.sequence())
        return "|".join(parts)

    def sequence(self) -> str:
        out: list[str] = []
        while True:
            self.skip_verbose()
            c = self.peek()
            if c == "" or c in "|)":
                return "".join(out)
            atom = self.atom()
            if atom is None:
                continue
            self.started = True
            out.append(atom + self.quantifier(atom))

    def quantifier(self, atom: str) -> str:
        self.skip_verbose()
        c = self.peek()
        q = ""
        if c and c in "*+?":
            self.pos += 1
            q = c
        elif c == "{":
            end = self.src.find("}", self.pos)
            body = self.src[self.pos + 1 : end] if end > 0 else ""
            m = regex.fullmatch(r"\s*(\d*)\s*(?:(,)\s*(\d*)\s*)?", body)
            if end > 0 and regex.search(r"[edis]\s*[<=>]|[<=>]\s*[edis]\b|^\s*[edis]\s*$", body):
                raise Unsupported("fuzzy matching")
            if end < 0 or m is None or (not m.group(1) and not m.group(2)):
                return ""  # a literal "{": atom() reads it next
            self.pos = end + 1
            lo = int(m.group(1) or 0)
            hi = None if m.group(2) and not m.group(3) else int(m.group(3) or m.group(1))
            # x{2,60} -> x+, x{4} -> x+, x{0,3} -> x*, x{0,1} -> x?: a superset, a small program
            if hi is not None and hi <= 1:
                q = "?" if lo == 0 and hi == 1 else "{%d}" % hi
            else:
                q = "*" if lo == 0 else "+"
        else:
            return ""
        if atom == "(?:)":
            q = ""  # a dropped zero-width test, repeated
        self.skip_verbose()
        if self.peek() == "?":
            self.pos += 1
            q += "?" if q else ""
        elif self.peek() == "+":
            self.pos += 1  # possessive: matches a subset of the greedy form
        self.skip_verbose()
        if self.peek() in ("*", "+", "?") and q:
            raise Unsupported("stacked quantifiers")
        return q

    def atom(self) -> str | None:
        c = self.src[self.pos]
        if c == "(":
            return self.group()
        if c == "[":
            return self.klass()
        if c == "\\":
            return self.escape()
        self.pos += 1
        if c == ".":
            return "."
        if c == "^":  # the set runs on texts without "\n" (LineMatcher.possible): the text's start
            return "^"
        if c == "$":
            return "$"
        if c in "*+?":
            raise Unsupported("nothing to repeat")
        return self.char(c)

    def char(self, c: str) -> str:
        if self.icase and c in _EXTRA_FOLDS:
            return "[%s%s]" % (_lit(c), _lit(_EXTRA_FOLDS[c]))
        if c.isalnum() or c in " _-,:;'\"<>=!@%&/`~":
            return c if ord(c) < 128 else _lit(c)
        return _lit(c)

    def group(self) -> str | None:
        self.pos += 1
        if not self.eat("?"):
            return "(?:" + self.inner() + ")"
        if self.eat(":") or self.eat(">") or self.eat("|"):
            return "(?:" + self.inner() + ")"
        if self.eat("P<") or (self.peek() == "<" and self.peek(1) not in "=!" and self.eat("<")):
            end = self.src.index(">", self.pos)
            self.pos = end + 1
            return "(?:" + self.inner() + ")"
        if self.eat("=") or self.eat("!") or self.eat("<=") or self.eat("<!"):
            self.inner()  # parsed for its end, then dropped
            return "(?:)"
        if self.eat("#"):
            end = self.src.index(")", self.pos)
            self.pos = end + 1
            return None
        if self.eat("P="):
            end = self.src.index(")", self.pos)
            self.pos = end + 1
            return "(?s:.*)"  # a back-reference: some text
        m = regex.compile(r"([a-zA-Z0-9]*)(?:-([a-zA-Z]*))?([:)])").match(self.src, self.pos)
        if m is None:
            raise Unsupported("group " + self.src[self.pos : self.pos + 3])
        on, off, end = m.group(1), m.group(2) or "", m.group(3)
        for f in on + off:
            if f not in "imsxur":
                raise Unsupported(f"flag {f}")
        self.pos = m.end()
        saved = (self.verbose, self.icase)
        if "x" in on:
            self.verbose = True
        if "x" in off:
            self.verbose = False
        if "i" in on:
            self.icase = True
        if "i" in off:
            self.icase = False
        re2_on = "".join(f for f in on if f in "is")
        re2_off = "".join(f for f in off if f in "is")
        flags = re2_on + ("-" + re2_off if re2_off else "")
        if end == ")":  # global flags: `regex` applies them to the whole pattern
            if self.started:
                raise Unsupported("a global flag after the start")
            return "(?%s)" % flags if flags else None
        body = self.inner()
        self.verbose, self.icase = saved
        return "(?%s:%s)" % (flags, body) if flags else "(?:%s)" % body

    def inner(self) -> str:
        saved = (self.verbose, self.icase)
        body = self.alternation()
        self.verbose, self.icase = saved
        if not self.eat(")"):
            raise Unsupported("unbalanced group")
        return body

    def escape(self) -> str | None:
        self.pos += 1
        c = self.peek()
        if c == "":
            raise Unsupported("trailing backslash")
        self.pos += 1
        if c in _ZERO_WIDTH:
            return "(?:)"
        if c == "A":
            return "^"
        if c == "Z":
            return "$"
        if c in _POS:
            return "[%s]" % _POS[c]
        if c in "pP":
            return "[%s]" % _property(self.prop_name(), c == "P", False)
        if c == "X":
            return "(?s:.+)"
        if c.isdigit() and c != "0":
            return "(?s:.*)"  # a back-reference
        ch = self.char_escape(c)
        return self.char(ch)

    def prop_name(self) -> str:
        if self.eat("{"):
            end = self.src.index("}", self.pos)
            name = self.src[self.pos : end]
            self.pos = end + 1
            return name
        c = self.peek()
        self.pos += 1
        return c

    def char_escape(self, c: str) -> str:
        """The character an escape stands for (the backslash and `c` consumed)."""
        if c in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[c]
        if c == "0":
            digits = regex.match(r"[0-7]{0,2}", self.src[self.pos :]).group(0)  # type: ignore[union-attr]
            self.pos += len(digits)
            return chr(int("0" + digits, 8))
        if c in "xuU":
            if c == "x" and self.eat("{"):
                end = self.src.index("}", self.pos)
                code = self.src[self.pos : end]
                self.pos = end + 1
            else:
                n = {"x": 2, "u": 4, "U": 8}[c]
                code = self.src[self.pos : self.pos + n]
                self.pos += n
            return chr(int(code, 16))
        if c == "N":
            if not self.eat("{"):
                raise Unsupported("\\N")
            end = self.src.index("}", self.pos)
            name = self.src[self.pos : end]
            self.pos = end + 1
            return unicodedata.lookup(name)
        if c.isalnum():
            raise Unsupported("escape \\" + c)  # \L<name>, \g<...> and others
        return c

    def klass(self) -> str:
        self.pos += 1
        negated = self.negated_class = self.eat("^")
        items: list[str] = []
        prop = False
        first = True
        while True:
            c = self.peek()
            if c == "":
                raise Unsupported("unterminated class")
            if c == "]" and not first:
                self.pos += 1
                break
            first = False
            if c == "[" and self.peek(1) == ":":
                raise Unsupported("POSIX class")
            lo = self.class_char()
            if isinstance(lo, tuple):  # a class escape
                kind, value = lo
                if kind == "prop":
                    prop = True
                    items.append(value)
                else:
                    items.append(value)
                continue
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.pos += 1
                hi = self.class_char()
                if isinstance(hi, tuple):
                    raise Unsupported("range to a class")
                items.append("%s-%s" % (_lit(lo), _lit(hi)))
                if self.icase and not negated:
                    items.extend(_lit(_EXTRA_FOLDS[k]) for k in _EXTRA_FOLDS if lo <= k <= hi)
                continue
            items.append(_lit(lo))
            if self.icase and not negated and lo in _EXTRA_FOLDS:
                items.append(_lit(_EXTRA_FOLDS[lo]))
        body = "".join(items)
        if negated:  # (under IGNORECASE RE2 folds less than `regex`: its complement is larger)
            return "[^%s]" % body if body else "(?s:.)"
        if not body:
            raise Unsupported("empty class")
        return "[%s]" % body

    def class_char(self) -> str | tuple[str, str]:
        c = self.src[self.pos]
        self.pos += 1
        if c != "\\":
            return c
        e = self.peek()
        self.pos += 1
        if e in _POS:
            return ("prop" if e == "d" else "set", _NARROW[e] if self.negated_class else _POS[e])
        if e in "pP":
            return ("prop", _property(self.prop_name(), e == "P", self.negated_class))
        if e == "b":
            return "\b"
        if e in "dDwWsS":
            raise Unsupported("class escape")
        return self.char_escape(e)


@functools.lru_cache(maxsize=4096)
def widen(source: str, flags: int) -> str:
    """An RE2 pattern matching every string that `regex.compile(source, flags)` finds a match
    in (a superset). Raises Unsupported when it cannot say."""
    if flags & (regex.VERSION1 | regex.FULLCASE | regex.LOCALE | regex.BESTMATCH | regex.ENHANCEMATCH):
        raise Unsupported("flags")
    if regex.search(r"\(\?[a-zA-Z]*[V][01]", source) or "(?V1" in source:
        raise Unsupported("VERSION1")
    p = _Parser(source, verbose=bool(flags & regex.VERBOSE), icase=bool(flags & regex.IGNORECASE))
    head = ""
    if flags & regex.IGNORECASE:
        head += "(?i)"
    if flags & regex.DOTALL:
        head += "(?s)"
    try:
        body = p.alternation()
    except (ValueError, IndexError, KeyError) as exc:
        raise Unsupported(str(exc)) from None
    if p.pos != len(source):
        raise Unsupported("unbalanced )")
    return head + body


# Only patterns anchored at the line's start go into the set. Measured on naive_b texts of
# ../shared/evaldata (docs/speed.md, branch re2): the 151 anchored supersets cost ~6 us a line
# together; adding the 54 unanchored ones (a name, a photo credit, a date anywhere in the line)
# made RE2's DFA build states for ~30-80 us a line (their threads start at every character and
# stay alive), in 4-16 smaller sets still ~20 us: more than the searches they would spare.
_ANCHORED = regex.compile(r"(?:\(\?[a-z]+\))*\^")


class LineMatcher:
    """Every widenable pattern of a rule set's line rules in one RE2 set.

    `slots(rule)` gives, per pattern of the rule, its bit (0: not in the set, always search);
    `possible(text)` the bits of the patterns that could match `text`.
    """

    def __init__(self, rules: "RuleSet") -> None:
        self._slots: dict[int, tuple[int, ...]] = {}
        self.slow: dict[str, list[str]] = {}  # rule id -> why its patterns stay per line
        self.sources: list[str] = []
        re2 = _load_re2()
        sset = re2.Set.SearchSet(_options()) if re2 is not None else None
        for rule in rules.rules:
            if rule.detector is not None or rule.scope not in ("line", "run") or not rule.patterns:
                continue
            bits: list[int] = []
            if _is_user(rule):
                self.slow[rule.id] = ["user pattern (runs under the regex timeout)"]
                self._slots[id(rule)] = tuple(0 for _ in rule.patterns)
                continue
            for pat in rule.patterns:
                try:
                    wide = widen(pat.pattern, pat.flags)
                except Unsupported as exc:
                    self.slow.setdefault(rule.id, []).append(f"{pat.pattern[:60]!r}: {exc}")
                    bits.append(0)
                    continue
                if not _ANCHORED.match(wide):
                    self.slow.setdefault(rule.id, []).append(f"{pat.pattern[:60]!r}: not anchored at the line start")
                    bits.append(0)
                    continue
                assert sset is not None
                try:
                    at = sset.Add(wide)
                except Exception:  # RE2 refused the superset
                    self.slow.setdefault(rule.id, []).append(f"{pat.pattern[:60]!r}: RE2 refused {wide[:60]!r}")
                    bits.append(0)
                    continue
                if at != len(self.sources):
                    raise AssertionError("RE2 set index out of step")
                self.sources.append(wide)
                bits.append(1 << len(self.sources) - 1)
            self._slots[id(rule)] = tuple(bits)
        self._rules = rules  # keeps the rules (and so their ids) alive as long as the slots
        self._set = None
        self._unknown = -1
        if sset is not None and self.sources:
            self._unknown = sset.Add(_UNASSIGNED)  # a code point RE2's tables do not know
            sset.Compile()
            self._set = sset
        self._cache: dict[str, int] = {}

    def slots(self, rule: "Rule") -> tuple[int, ...] | None:
        """Per pattern its bit (0: searched on every candidate line); None: not a line rule here."""
        return self._slots.get(id(rule))

    def possible(self, text: str) -> int:
        """Bits of the patterns whose superset matches `text` (cached per text)."""
        hit = self._cache.get(text)
        if hit is None:
            if "\n" in text:  # the supersets read "^" and "$" as the text's start and end
                return -1
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            hit = self._cache[text] = self._bits(text)
        return hit

    def _bits(self, text: str) -> int:
        hit = 0
        found = self._set.Match(text) if self._set is not None else None
        if found:  # (None when no pattern matches)
            for k in found:
                hit |= 1 << k
            if hit >> self._unknown & 1:
                hit = -1  # the supersets hold on code points RE2 knows: try every pattern
        return hit

    def prime(self, texts: list[str]) -> None:
        """Answer `possible` for a document's line texts in one loop, before its rules ask.

        The answers are those `possible` gives; what changes is when RE2 runs. Asked one line at
        a time between rule searches, a Match cost ~10-15 us on 220-character naive lines
        (measured in the rule stage): the set's DFA tables had left the CPU caches. In one loop
        over the document's lines the same Match costs ~2 us. A text already known is not asked
        again; a document with more lines than half the cache is left to `possible`."""
        cache = self._cache
        if len(texts) > _CACHE_LIMIT // 2:
            return
        if len(cache) + len(texts) > _CACHE_LIMIT:
            cache.clear()
        bits = self._bits
        for text in texts:
            if text not in cache and "\n" not in text:
                cache[text] = bits(text)


def _options():
    opts = _load_re2().Options()
    opts.max_mem = _MAX_MEM
    opts.log_errors = False
    return opts


def _is_user(rule: "Rule") -> bool:
    return any(type(p) is not LazyPattern for p in (*rule.patterns, *rule.unless, *rule.requires, *rule.confirm))


def slow_patterns(rules: "RuleSet") -> dict[str, list[str]]:
    """rule id -> why some of its line patterns are searched per line, not found by the set."""
    if _load_re2() is None:
        return {r.id: ["google-re2 is not installed"] for r in rules.rules
                if r.detector is None and r.scope in ("line", "run") and r.patterns}
    return LineMatcher(rules).slow


# A rule set's matcher is built once enough lines have gone through the engine with it: building
# it (parsing ~200 patterns, compiling the set) takes ~0.15 s, which `cleaner check one.txt`
# should not pay; a batch pays it once. The output is the same before and after.
BUILD_AFTER_LINES = 20_000


class Deferred:
    """A rule set's LineMatcher, built on first use after BUILD_AFTER_LINES lines."""

    __slots__ = ("rules", "seen", "built")

    def __init__(self, rules: "RuleSet") -> None:
        self.rules = rules
        self.seen = 0
        self.built: LineMatcher | None = None

    def get(self, lines: int) -> LineMatcher | None:
        """The matcher, or None while too few lines went through (or the set path is off)."""
        if not ENABLED:
            return None
        if self.built is None:
            self.seen += lines
            if self.seen < BUILD_AFTER_LINES:
                return None
            self.built = LineMatcher(self.rules)
        return self.built
