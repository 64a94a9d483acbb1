#!/usr/bin/env python3
"""Reference implementation of the maturinh scoring semantics.

An independent, deliberately plain implementation of the normative
specification (shared spec: scoring.md, referentiel-format.md,
answers-format.md, cli.md), written from the text of the specification and
from nothing else. It exists to produce the expected outputs under
fixtures/expected/ and to cross-check the C engine: two correct
implementations of scoring.md give the same results.

Usage:
    reference_score.py REFERENTIEL ANSWERS... [--detail]
        Print the CSV of `maturinh score --format csv` (or, with --detail,
        of `maturinh score --detail --format csv`) on stdout.
    reference_score.py REFERENTIEL ANSWERS... --explain FINESS
        Print, for people, how one establishment's scores are obtained
        (every indicator's state and score, every criterion and domain).
    reference_score.py --make-finess PREFIX8
        Print the 9-character FINESS number whose first 8 characters are
        PREFIX8 (the Luhn key is appended).
    reference_score.py --check-finess NUMBER...
        Exit 0 when every NUMBER is a valid FINESS number.

Exit status: 0 success, 64 usage error, 65 bad input data, 66 input missing.

Dependencies: Python 3 standard library and PyYAML (used only to parse YAML
into nodes; scalars are resolved here, after the YAML 1.2 core schema, so
that `yes`, `no`, `on` and dates are not turned into booleans or dates by
PyYAML's YAML 1.1 rules, and so that the plain scalar `na` can be told from
the quoted string "na").

Choices where the specification is silent (kept in step with the report
that came with this script):
- Domain score: D = 100 * sum(w_c * c) / sum(w_c) is evaluated left to
  right, (100 * num) / den; the global score G = num / den. Sums accumulate
  from 0.0 in référentiel order.
- A score of negative zero (linear [10, 0] at v = 10 gives -0.0) is written
  0.000000.
- Answers to indicators that are not applicable to the establishment are
  validated (type, range, `na` only where allowed) and then ignored.
- A quoted empty string counts as an empty value (unanswered). Booleans,
  dates and choice values are accepted quoted or plain; numbers must be
  plain; `na` must be plain.
- An establishment without any applicable domain gets an empty global score;
  with no scored criterion its level is 0 (scoring.md §5: nothing was
  assessed, so nothing was reached).
- A date answered never or jamais (plain or quoted, any case) is answered and
  scores 0 under any date rule; it is kept as the value NEVER ("never").
- A file without any establishment (empty, comments only, empty documents)
  is an input error "no establishment in this file", at line 0.
"""

import datetime
import math
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.stderr.write("reference_score.py: error: PyYAML is required (pip install pyyaml)\n")
    sys.exit(70)

EX_OK, EX_USAGE, EX_DATAERR, EX_NOINPUT = 0, 64, 65, 66
MAX_FILE_SIZE = 16 * 1024 * 1024
TOLERANCE = 1e-9
NEVER = "never"  # a date answered never / jamais: the event never took place

REGIONS = ("01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44",
           "52", "53", "75", "76", "84", "93", "94")

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
REF_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
OPTION_RE = re.compile(r"^[a-z0-9_-]+$")
CATEGORY_RE = re.compile(r"^[0-9]{3}$")
DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
LANG_RE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")

INT_RE = re.compile(r"^[-+]?[0-9]+$")
OCT_RE = re.compile(r"^0o[0-7]+$")
HEX_RE = re.compile(r"^0x[0-9a-fA-F]+$")
FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
INF_RE = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
NAN_RE = re.compile(r"^\.(nan|NaN|NAN)$")

NULL_WORDS = ("", "~", "null", "Null", "NULL")
TRUE_WORDS = ("true", "yes", "oui")
FALSE_WORDS = ("false", "no", "non")


class InputError(Exception):
    """A problem with an input file, located at a line and column."""

    def __init__(self, line, col, message):
        Exception.__init__(self, message)
        self.line = line
        self.col = col
        self.message = message


# ---------------------------------------------------------------------------
# FINESS numbers (answers-format.md, "FINESS numbers")
# ---------------------------------------------------------------------------

def _finess_digits(text):
    """The 9 characters as digits (2A read as 21, 2B as 22), or None."""
    if len(text) != 9:
        return None
    head, rest = text[:2], text[2:]
    if head == "2A":
        head = "21"
    elif head == "2B":
        head = "22"
    elif not head.isdigit() or not head.isascii():
        return None
    else:
        n = int(head)
        if n < 1 or n > 98 or n in (20, 96):
            return None
    if not (rest.isdigit() and rest.isascii()):
        return None
    return [int(ch) for ch in head + rest]


def luhn_ok(digits):
    total = 0
    for pos, d in enumerate(reversed(digits)):
        if pos % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def finess_valid(text):
    digits = _finess_digits(text)
    return digits is not None and luhn_ok(digits)


def make_finess(prefix8):
    """The valid FINESS number that starts with the 8 characters prefix8."""
    if len(prefix8) != 8:
        raise ValueError("the prefix must have 8 characters")
    for key in range(10):
        candidate = prefix8 + str(key)
        if finess_valid(candidate):
            return candidate
    raise ValueError("no valid FINESS number starts with %r" % prefix8)


# ---------------------------------------------------------------------------
# YAML: nodes to values, with YAML 1.2 core scalars
# ---------------------------------------------------------------------------

class Sc(object):
    """A scalar as written: its text, whether it was plain, its position."""

    __slots__ = ("raw", "plain", "line", "col")

    def __init__(self, raw, plain, line, col):
        self.raw = raw
        self.plain = plain
        self.line = line
        self.col = col

    def core(self):
        """The YAML 1.2 core-schema value of the scalar."""
        if not self.plain:
            return self.raw
        r = self.raw
        if r in NULL_WORDS:
            return None
        if r in ("true", "True", "TRUE"):
            return True
        if r in ("false", "False", "FALSE"):
            return False
        if INT_RE.match(r):
            return int(r, 10)
        if OCT_RE.match(r):
            return int(r[2:], 8)
        if HEX_RE.match(r):
            return int(r[2:], 16)
        if FLOAT_RE.match(r):
            return float(r)
        if INF_RE.match(r):
            return -math.inf if r.startswith("-") else math.inf
        if NAN_RE.match(r):
            return math.nan
        return r

    def is_null(self):
        return (self.plain and self.raw in NULL_WORDS) or (not self.plain and self.raw == "")

    def __repr__(self):
        return "Sc(%r, plain=%r)" % (self.raw, self.plain)


class Map(dict):
    """A mapping that remembers its position and its keys' positions."""

    def __init__(self, line, col):
        dict.__init__(self)
        self.line = line
        self.col = col
        self.key_pos = {}


class Seq(list):
    def __init__(self, line, col):
        list.__init__(self)
        self.line = line
        self.col = col


def _pos(node):
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node, depth=0):
    line, col = _pos(node)
    if depth > 64:
        raise InputError(line, col, "nesting deeper than 64 levels")
    if isinstance(node, yaml.ScalarNode):
        return Sc(node.value, node.style is None, line, col)
    if isinstance(node, yaml.SequenceNode):
        out = Seq(line, col)
        for item in node.value:
            out.append(_convert(item, depth + 1))
        return out
    if isinstance(node, yaml.MappingNode):
        out = Map(line, col)
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                kl, kc = _pos(knode)
                raise InputError(kl, kc, "mapping keys must be scalars")
            key = knode.value
            if key in out:
                kl, kc = _pos(knode)
                raise InputError(kl, kc, "duplicate key '%s' (first given at line %d)"
                                 % (key, out.key_pos[key][0]))
            out.key_pos[key] = _pos(knode)
            out[key] = _convert(vnode, depth + 1)
        return out
    raise InputError(line, col, "unexpected YAML node")


def load_yaml_documents(path):
    """Read a YAML stream; return its documents as Sc/Map/Seq trees."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_SIZE + 1)
    except OSError as e:
        raise IOError("cannot open: %s" % e.strerror)
    if len(data) > MAX_FILE_SIZE:
        raise InputError(1, 1, "file larger than 16 MiB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\0" in data:
        raise InputError(1, 1, "NUL character")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(1, 1, "invalid UTF-8 at byte %d" % e.start)
    try:
        for ev in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(ev, yaml.AliasEvent):
                l, c = _pos(ev)
                raise InputError(l, c, "YAML aliases are not accepted")
            if isinstance(ev, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                               yaml.MappingStartEvent)):
                l, c = _pos(ev)
                if ev.anchor is not None:
                    raise InputError(l, c, "YAML anchors are not accepted (&%s)" % ev.anchor)
                if ev.tag is not None:
                    raise InputError(l, c, "YAML tags are not accepted (%s)" % ev.tag)
        loader = yaml.SafeLoader(text)
        docs = []
        try:
            while loader.check_node():
                node = loader.get_node()
                if node is None:
                    continue
                docs.append(_convert(node))
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        l, c = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InputError(l, c, "YAML syntax error: %s" % (e.problem or e.context))
    return docs


# ---------------------------------------------------------------------------
# Référentiel (referentiel-format.md)
# ---------------------------------------------------------------------------

class Indicator(object):
    pass


class Criterion(object):
    pass


class Domain(object):
    pass


class Referentiel(object):
    pass


def _where(node):
    return getattr(node, "line", 1), getattr(node, "col", 1)


def _fail(node, msg):
    l, c = _where(node)
    raise InputError(l, c, msg)


def _check_keys(m, allowed, required, what):
    if not isinstance(m, Map):
        _fail(m, "%s must be a mapping" % what)
    for k in m:
        if k not in allowed:
            l, c = m.key_pos[k]
            raise InputError(l, c, "unknown key '%s' in %s" % (k, what))
    for k in required:
        if k not in m:
            _fail(m, "missing required key '%s' in %s" % (k, what))


def _scalar(node, what):
    if not isinstance(node, Sc):
        _fail(node, "%s must be a scalar" % what)
    return node


def _string(node, what):
    v = _scalar(node, what).core()
    if not isinstance(v, str) or v == "":
        _fail(node, "%s must be a non-empty string" % what)
    return v


def _text(node, what):
    if isinstance(node, Map):
        if "fr" not in node:
            _fail(node, "%s must hold a French text ('fr')" % what)
        for k, v in node.items():
            if not LANG_RE.match(k):
                l, c = node.key_pos[k]
                raise InputError(l, c, "bad language code '%s' in %s" % (k, what))
            _string(v, what)
        return _string(node["fr"], what)
    return _string(node, what)


def _number(node, what):
    v = _scalar(node, what).core()
    if isinstance(v, bool) or not isinstance(v, (int, float)) or \
            (isinstance(v, float) and not math.isfinite(v)):
        _fail(node, "%s must be a number" % what)
    return float(v)


def _whole(node, what):
    v = _scalar(node, what).core()
    if isinstance(v, bool) or not isinstance(v, int):
        _fail(node, "%s must be a whole number" % what)
    return v


def _boolean(node, what):
    v = _scalar(node, what).core()
    if not isinstance(v, bool):
        _fail(node, "%s must be true or false" % what)
    return v


def _ident(node, what):
    v = _scalar(node, what).raw
    if not ID_RE.match(v) or len(v) > 64:
        _fail(node, "bad id '%s' for %s" % (v, what))
    return v


def _applies_to(node, what):
    if node is None:
        return None
    _check_keys(node, ("categories", "ose", "min_beds", "max_beds"), (), "applies_to of " + what)
    if len(node) == 0:
        _fail(node, "empty applies_to in %s" % what)
    out = {}
    if "categories" in node:
        cats = node["categories"]
        if not isinstance(cats, Seq) or len(cats) == 0:
            _fail(cats, "categories must be a non-empty list")
        out["categories"] = []
        for c in cats:
            code = _scalar(c, "category").raw
            if not CATEGORY_RE.match(code) or code in out["categories"]:
                _fail(c, "bad or duplicate category '%s'" % code)
            out["categories"].append(code)
    if "ose" in node:
        out["ose"] = _boolean(node["ose"], "ose")
    for k in ("min_beds", "max_beds"):
        if k in node:
            out[k] = _whole(node[k], k)
            if out[k] < 0:
                _fail(node[k], "%s must be >= 0" % k)
    if "min_beds" in out and "max_beds" in out and out["min_beds"] > out["max_beds"]:
        _fail(node, "min_beds exceeds max_beds in %s" % what)
    return out


def _pairs(node, what, whole_first):
    if not isinstance(node, Seq) or len(node) == 0:
        _fail(node, "%s must be a non-empty list of pairs" % what)
    out = []
    for p in node:
        if not isinstance(p, Seq) or len(p) != 2:
            _fail(p, "%s must hold pairs [threshold, score]" % what)
        t = _whole(p[0], what) if whole_first else _number(p[0], what)
        s = _number(p[1], what)
        if s < 0 or s > 1:
            _fail(p[1], "scores in %s must be in [0, 1]" % what)
        if out and not t > out[-1][0]:
            _fail(p[0], "thresholds in '%s' must be strictly ascending" % what)
        out.append((float(t) if not whole_first else t, s))
    return out


INDICATOR_KEYS = ("id", "question", "help", "type", "weight", "na_allowed", "applies_to")
TYPE_KEYS = {
    "boolean": ("expect",),
    "choice": ("options",),
    "percent": ("target", "linear", "steps"),
    "integer": ("target", "linear", "steps"),
    "date": ("within_days", "age_steps"),
    "text": (),
}


def _indicator(node, ids):
    if not isinstance(node, Map):
        _fail(node, "an indicator must be a mapping")
    typ = _scalar(node.get("type", Sc("", True, node.line, node.col)), "type").raw
    if typ not in TYPE_KEYS:
        _fail(node.get("type", node), "unknown indicator type '%s'" % typ)
    _check_keys(node, INDICATOR_KEYS + TYPE_KEYS[typ], ("id", "question", "type"), "indicator")
    ind = Indicator()
    ind.id = _ident(node["id"], "indicator")
    if ind.id in ids:
        _fail(node["id"], "duplicate id '%s'" % ind.id)
    ids.add(ind.id)
    _text(node["question"], "question")
    if "help" in node:
        _text(node["help"], "help")
    ind.type = typ
    ind.weight = _number(node["weight"], "weight") if "weight" in node else 1.0
    if ind.weight <= 0:
        _fail(node["weight"], "weight must be > 0")
    ind.na_allowed = _boolean(node["na_allowed"], "na_allowed") if "na_allowed" in node else False
    ind.applies_to = _applies_to(node.get("applies_to"), ind.id)
    ind.method = None
    ind.param = None
    if typ == "boolean":
        ind.method = "expect"
        ind.param = _boolean(node["expect"], "expect") if "expect" in node else True
    elif typ == "choice":
        if "options" not in node:
            _fail(node, "a choice needs 'options'")
        opts = node["options"]
        if not isinstance(opts, Seq) or len(opts) == 0:
            _fail(opts, "options must be a non-empty list")
        ind.options = {}
        ind.option_order = []
        for o in opts:
            _check_keys(o, ("value", "label", "score"), ("value", "label", "score"), "option")
            v = _scalar(o["value"], "value").raw
            if not OPTION_RE.match(v) or v in ind.options:
                _fail(o["value"], "bad or duplicate option value '%s'" % v)
            _text(o["label"], "label")
            s = _number(o["score"], "score")
            if s < 0 or s > 1:
                _fail(o["score"], "option score must be in [0, 1]")
            ind.options[v] = s
            ind.option_order.append(v)
        ind.method = "options"
    elif typ in ("percent", "integer"):
        given = [k for k in ("target", "linear", "steps") if k in node]
        if len(given) != 1:
            _fail(node, "a %s needs exactly one of target, linear, steps" % typ)
        ind.method = given[0]
        p = node[given[0]]
        if ind.method == "target":
            ind.param = _number(p, "target")
            if ind.param <= 0:
                _fail(p, "target must be > 0")
        elif ind.method == "linear":
            if not isinstance(p, Seq) or len(p) != 2:
                _fail(p, "linear must be [a, b]")
            a, b = _number(p[0], "linear"), _number(p[1], "linear")
            if a == b:
                _fail(p, "linear bounds must differ")
            ind.param = (a, b)
        else:
            ind.param = _pairs(p, "steps", False)
    elif typ == "date":
        given = [k for k in ("within_days", "age_steps") if k in node]
        if len(given) != 1:
            _fail(node, "a date needs exactly one of within_days, age_steps")
        ind.method = given[0]
        if ind.method == "within_days":
            ind.param = _whole(node["within_days"], "within_days")
            if ind.param < 0:
                _fail(node["within_days"], "within_days must be >= 0")
        else:
            ind.param = _pairs(node["age_steps"], "age_steps", True)
            if ind.param[0][0] < 0:
                _fail(node["age_steps"], "ages must be >= 0")
    return ind


def load_referentiel(path):
    docs = load_yaml_documents(path)
    if len(docs) != 1:
        raise InputError(1, 1, "a référentiel is exactly one YAML document")
    top = docs[0]
    if not isinstance(top, Map):
        _fail(top, "the top of a référentiel must be a mapping")
    if "format" in top and _scalar(top["format"], "format").raw != "maturinh-referentiel/1":
        _fail(top["format"], "unsupported format '%s'" % top["format"].raw)
    _check_keys(top, ("format", "id", "version", "title", "sector", "description", "levels",
                      "scoring", "publication", "domains"),
                ("format", "id", "version", "title", "levels", "domains"), "référentiel")
    ref = Referentiel()
    ref.id = _string(top["id"], "id")
    if not REF_ID_RE.match(ref.id) or len(ref.id) > 64:
        _fail(top["id"], "bad référentiel id '%s'" % ref.id)
    ref.version = _string(top["version"], "version")
    _text(top["title"], "title")
    # maturinh's addition (docs/referentiel-format.md, "The sector"): words and defaults, not scores
    if "sector" in top and _string(top["sector"], "sector") not in ("sanitaire", "medico-social"):
        _fail(top["sector"], "unknown sector '%s'" % top["sector"].raw)
    if "description" in top:
        _text(top["description"], "description")
    levels = top["levels"]
    if not isinstance(levels, Seq) or len(levels) == 0:
        _fail(levels, "levels must be a non-empty list")
    ref.levels = []
    for i, lv in enumerate(levels):
        _check_keys(lv, ("level", "label"), ("level", "label"), "level")
        n = _whole(lv["level"], "level")
        if n != i + 1:
            _fail(lv["level"], "levels must be 1, 2, ... in order")
        _text(lv["label"], "label")
        ref.levels.append(n)
    ref.n_levels = len(ref.levels)
    ref.achieved_at, ref.partial_at, ref.cap = 1.0, 0.5, None
    if "scoring" in top:
        sc = top["scoring"]
        _check_keys(sc, ("achieved_at", "partial_at", "priority_level_cap"), (), "scoring")
        if "achieved_at" in sc:
            ref.achieved_at = _number(sc["achieved_at"], "achieved_at")
        if "partial_at" in sc:
            ref.partial_at = _number(sc["partial_at"], "partial_at")
        if not (0 < ref.achieved_at <= 1):
            _fail(sc, "achieved_at must be in (0, 1]")
        if not (0 < ref.partial_at <= ref.achieved_at):
            _fail(sc, "partial_at must be in (0, achieved_at]")
        if "priority_level_cap" in sc and not sc["priority_level_cap"].is_null():
            ref.cap = _whole(sc["priority_level_cap"], "priority_level_cap")
            if ref.cap < 0 or ref.cap > ref.n_levels:
                _fail(sc["priority_level_cap"], "priority_level_cap must be in 0..N")
    if "publication" in top:
        _check_keys(top["publication"], ("min_completeness", "praise_min_score",
                                         "praise_requires_priority", "praise_min_level",
                                         "min_cell_size"),
                    (), "publication")
    doms = top["domains"]
    if not isinstance(doms, Seq) or len(doms) == 0:
        _fail(doms, "domains must be a non-empty list")
    ids = set()
    ref.domains = []
    ref.indicators = {}
    for dn in doms:
        _check_keys(dn, ("id", "title", "weight", "applies_to", "criteria"),
                    ("id", "title", "criteria"), "domain")
        d = Domain()
        d.id = _ident(dn["id"], "domain")
        if d.id in ids:
            _fail(dn["id"], "duplicate id '%s'" % d.id)
        ids.add(d.id)
        _text(dn["title"], "title")
        d.weight = _number(dn["weight"], "weight") if "weight" in dn else 1.0
        if d.weight <= 0:
            _fail(dn["weight"], "weight must be > 0")
        d.applies_to = _applies_to(dn.get("applies_to"), d.id)
        crits = dn["criteria"]
        if not isinstance(crits, Seq) or len(crits) == 0:
            _fail(crits, "criteria must be a non-empty list")
        d.criteria = []
        for cn in crits:
            _check_keys(cn, ("id", "title", "description", "level", "weight", "priority",
                             "public", "combine", "applies_to", "indicators"),
                        ("id", "title", "level", "indicators"), "criterion")
            c = Criterion()
            c.id = _ident(cn["id"], "criterion")
            if c.id in ids:
                _fail(cn["id"], "duplicate id '%s'" % c.id)
            ids.add(c.id)
            c.domain = d.id
            _text(cn["title"], "title")
            if "description" in cn:
                _text(cn["description"], "description")
            c.level = _whole(cn["level"], "level")
            if c.level < 1 or c.level > ref.n_levels:
                _fail(cn["level"], "level %d is not declared in 'levels'" % c.level)
            c.weight = _number(cn["weight"], "weight") if "weight" in cn else 1.0
            if c.weight <= 0:
                _fail(cn["weight"], "weight must be > 0")
            c.priority = _boolean(cn["priority"], "priority") if "priority" in cn else False
            if "public" in cn:
                _boolean(cn["public"], "public")
            c.combine = _scalar(cn["combine"], "combine").raw if "combine" in cn else "mean"
            if c.combine not in ("mean", "min", "max"):
                _fail(cn["combine"], "combine must be mean, min or max")
            c.applies_to = _applies_to(cn.get("applies_to"), c.id)
            inds = cn["indicators"]
            if not isinstance(inds, Seq) or len(inds) == 0:
                _fail(inds, "indicators must be a non-empty list")
            c.indicators = [_indicator(i, ids) for i in inds]
            if all(i.type == "text" for i in c.indicators):
                _fail(cn, "criterion '%s' holds only text indicators" % c.id)
            for i in c.indicators:
                ref.indicators[i.id] = i
            d.criteria.append(c)
        ref.domains.append(d)
    return ref


# ---------------------------------------------------------------------------
# Answers (answers-format.md)
# ---------------------------------------------------------------------------

class Establishment(object):
    pass


def parse_date(text):
    m = DATE_RE.match(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _finess(node, what):
    v = _scalar(node, what).raw
    if not finess_valid(v):
        _fail(node, "'%s' is not a valid FINESS number (%s)" % (v, what))
    return v


def parse_answer(ind, node, ref_date):
    """('missing', None) | ('na', None) | ('answered', value), or InputError."""
    if not isinstance(node, Sc):
        _fail(node, "the answer to %s must be a scalar" % ind.id)
    if node.is_null():
        return ("missing", None)
    if node.plain and node.raw == "na":
        if not ind.na_allowed:
            _fail(node, "%s does not allow 'na'" % ind.id)
        return ("na", None)
    t = ind.type
    raw = node.raw
    if t == "text":
        return ("answered", raw)
    if t == "boolean":
        low = raw.lower()
        if low in TRUE_WORDS:
            return ("answered", True)
        if low in FALSE_WORDS:
            return ("answered", False)
        _fail(node, "%s expects oui/non (true/false), got '%s'" % (ind.id, raw))
    if t == "choice":
        if raw not in ind.options:
            _fail(node, "'%s' is not an option of %s" % (raw, ind.id))
        return ("answered", raw)
    if t in ("percent", "integer"):
        v = node.core()
        if isinstance(v, bool) or not isinstance(v, (int, float)) or \
                (isinstance(v, float) and not math.isfinite(v)):
            _fail(node, "%s expects a number, got '%s'" % (ind.id, raw))
        if t == "integer":
            if not isinstance(v, int):
                _fail(node, "%s expects a whole number, got '%s'" % (ind.id, raw))
            if v < 0:
                _fail(node, "%s must be >= 0, got %s" % (ind.id, raw))
            return ("answered", v)
        if v < 0 or v > 100:
            _fail(node, "%s is a percent in [0, 100], got %s" % (ind.id, raw))
        return ("answered", float(v))
    if t == "date":
        if raw.lower() in ("never", "jamais"):
            return ("answered", NEVER)
        d = parse_date(raw)
        if d is not None and d.year < 1900:
            _fail(node, "%s: %s is before 1900" % (ind.id, raw))
        if d is None:
            _fail(node, "%s expects a real date YYYY-MM-DD, got '%s'" % (ind.id, raw))
        if d > ref_date:
            _fail(node, "%s: %s is after the reference date %s" % (ind.id, raw, ref_date))
        return ("answered", d)
    raise AssertionError(t)


def load_answers(path, ref):
    """The establishments of one answers file, in document order."""
    out = []
    docs = [d for d in load_yaml_documents(path)
            if not (isinstance(d, Sc) and d.plain and d.raw == "")]  # empty documents
    if not docs:
        raise InputError(0, 0, "no establishment in this file")
    for doc in docs:
        _check_keys(doc, ("format", "referentiel", "campaign", "establishment", "status",
                          "answers", "comments"),
                    ("format", "referentiel", "campaign", "establishment", "answers"),
                    "answers document")
        if _scalar(doc["format"], "format").raw != "maturinh-answers/1":
            _fail(doc["format"], "unsupported format '%s'" % doc["format"].raw)
        rn = doc["referentiel"]
        _check_keys(rn, ("id", "version"), ("id", "version"), "referentiel")
        rid, rver = _string(rn["id"], "id"), _string(rn["version"], "version")
        if (rid, rver) != (ref.id, ref.version):
            _fail(rn, "answers for référentiel %s %s, not %s %s" % (rid, rver, ref.id, ref.version))
        cn = doc["campaign"]
        _check_keys(cn, ("id", "reference_date"), ("id", "reference_date"), "campaign")
        e = Establishment()
        e.campaign = _scalar(cn["id"], "campaign id").raw
        if e.campaign == "":
            _fail(cn["id"], "empty campaign id")
        e.ref_date = parse_date(_scalar(cn["reference_date"], "reference_date").raw)
        if e.ref_date is None:
            _fail(cn["reference_date"], "reference_date must be a real date YYYY-MM-DD")
        en = doc["establishment"]
        _check_keys(en, ("finess", "finess_ej", "name", "region", "departement", "category",
                         "beds", "ose", "ght"),
                    ("finess", "name", "region", "category"), "establishment")
        e.finess = _finess(en["finess"], "finess")
        e.finess_ej = _finess(en["finess_ej"], "finess_ej") if "finess_ej" in en else None
        e.name = _string(en["name"], "name")
        e.region = _scalar(en["region"], "region").raw
        if e.region not in REGIONS:
            _fail(en["region"], "unknown region '%s'" % e.region)
        e.departement = _scalar(en["departement"], "departement").raw if "departement" in en else None
        e.category = _scalar(en["category"], "category").raw
        if not CATEGORY_RE.match(e.category):
            _fail(en["category"], "category must be a 3-digit code")
        e.beds = None
        if "beds" in en and not en["beds"].is_null():
            e.beds = _whole(en["beds"], "beds")
            if e.beds < 0:
                _fail(en["beds"], "beds must be >= 0")
        e.ose = None
        if "ose" in en and not en["ose"].is_null():
            v = _scalar(en["ose"], "ose").raw.lower()
            if v not in TRUE_WORDS + FALSE_WORDS:
                _fail(en["ose"], "ose must be true or false")
            e.ose = v in TRUE_WORDS
        e.ght = _scalar(en["ght"], "ght").raw if "ght" in en else None
        e.status = "draft"
        if "status" in doc and not doc["status"].is_null():
            e.status = _scalar(doc["status"], "status").raw
            if e.status not in ("draft", "submitted"):
                _fail(doc["status"], "status must be draft or submitted")
        an = doc["answers"]
        if not isinstance(an, Map):
            _fail(an, "answers must be a mapping (use {} for none)")
        e.answers = {}
        for key, node in an.items():
            if key not in ref.indicators:
                l, c = an.key_pos[key]
                raise InputError(l, c, "unknown indicator '%s' (%s)" % (key, e.finess))
            e.answers[key] = parse_answer(ref.indicators[key], node, e.ref_date)
        e.comments = {}
        if "comments" in doc and not (isinstance(doc["comments"], Sc) and doc["comments"].is_null()):
            cm = doc["comments"]
            if not isinstance(cm, Map):
                _fail(cm, "comments must be a mapping")
            for key, node in cm.items():
                if key not in ref.indicators:
                    l, c = cm.key_pos[key]
                    raise InputError(l, c, "comment on unknown indicator '%s'" % key)
                e.comments[key] = _scalar(node, "comment").raw
        e.source = path
        out.append(e)
    return out


# ---------------------------------------------------------------------------
# Scoring (scoring.md)
# ---------------------------------------------------------------------------

def holds(applies_to, e):
    """referentiel-format.md, Applicability."""
    if applies_to is None:
        return True
    beds = e.beds if e.beds is not None else 0
    ose = e.ose if e.ose is not None else False
    if "categories" in applies_to and e.category not in applies_to["categories"]:
        return False
    if "ose" in applies_to and ose != applies_to["ose"]:
        return False
    if "min_beds" in applies_to and not beds >= applies_to["min_beds"]:
        return False
    if "max_beds" in applies_to and not beds <= applies_to["max_beds"]:
        return False
    return True


def at_least(x, t):
    """scoring.md: a comparison against a threshold is x >= t - 1e-9."""
    return x >= t - TOLERANCE


def indicator_score(ind, value, ref_date):
    """referentiel-format.md, 'how an answer becomes a score'."""
    if ind.type == "boolean":
        return 1.0 if value == ind.param else 0.0
    if ind.type == "choice":
        return ind.options[value]
    if ind.type in ("percent", "integer"):
        v = float(value)
        if ind.method == "target":
            return min(1.0, v / ind.param)
        if ind.method == "linear":
            a, b = ind.param
            s = (v - a) / (b - a)
            s = 0.0 if s < 0.0 else (1.0 if s > 1.0 else s)
            return s + 0.0  # no negative zero
        score = 0.0
        for t, s in ind.param:  # the largest t_k <= v
            if at_least(v, t):
                score = s
        return score
    if ind.type == "date":
        if value == NEVER:  # the event never took place: 0, whatever the rule
            return 0.0
        age = (ref_date - value).days
        if ind.method == "within_days":
            return 1.0 if age <= ind.param else 0.0
        for n, s in ind.param:  # the smallest n_k >= age
            if n >= age:
                return s
        return 0.0
    raise AssertionError(ind.type)


class Result(object):
    pass


def score_establishment(ref, e):
    r = Result()
    r.e = e
    r.indicators = []   # (domain, criterion, indicator, applicable, state, score)
    r.criteria = []     # (domain, criterion, status, score)
    r.domains = []      # (domain, score or None)
    n_applicable = 0
    n_answered = 0
    status_of = {}
    for d in ref.domains:
        d_app = holds(d.applies_to, e)
        num = 0.0
        den = 0.0
        for c in d.criteria:
            c_app = d_app and holds(c.applies_to, e)
            scored = []
            for ind in c.indicators:
                i_app = c_app and holds(ind.applies_to, e) and ind.type != "text"
                if not i_app:
                    r.indicators.append((d, c, ind, False, None, None))
                    continue
                n_applicable += 1
                state, value = e.answers.get(ind.id, ("missing", None))
                if state == "answered":
                    s = indicator_score(ind, value, e.ref_date)
                elif state == "missing":
                    s = 0.0
                else:
                    s = None
                if state in ("answered", "na"):
                    n_answered += 1
                if state != "na":
                    scored.append((ind, state, s))
                r.indicators.append((d, c, ind, True, state, s))
            if not c_app or not scored:
                r.criteria.append((d, c, "not_applicable", None))
                status_of[c.id] = ("not_applicable", c)
                continue
            if c.combine == "mean":
                cnum = 0.0
                cden = 0.0
                for ind, _, s in scored:
                    cnum += ind.weight * s
                    cden += ind.weight
                cs = cnum / cden
            elif c.combine == "min":
                cs = min(s for _, _, s in scored)
            else:
                cs = max(s for _, _, s in scored)
            cs += 0.0
            if any(st == "missing" for _, st, _ in scored):
                status = "missing"
            elif at_least(cs, ref.achieved_at):
                status = "achieved"
            elif at_least(cs, ref.partial_at):
                status = "partial"
            else:
                status = "not_achieved"
            r.criteria.append((d, c, status, cs))
            status_of[c.id] = (status, c)
            num += c.weight * cs
            den += c.weight
        if den > 0:
            r.domains.append((d, 100.0 * num / den + 0.0))
        else:
            r.domains.append((d, None))
    gnum = 0.0
    gden = 0.0
    for d, ds in r.domains:
        if ds is not None:
            gnum += d.weight * ds
            gden += d.weight
    r.global_score = (gnum / gden + 0.0) if gden > 0 else None
    scored_criteria = [(st, c) for (st, c) in status_of.values() if st != "not_applicable"]
    level = 0
    for lv in range(1, ref.n_levels + 1 if scored_criteria else 1):  # none scored: 0
        if all(st == "achieved" for st, c in scored_criteria if c.level <= lv):
            level = lv
        else:
            break
    prio = [(st, c) for st, c in scored_criteria if c.priority]
    r.priority_total = len(prio)
    r.priority_achieved = sum(1 for st, _ in prio if st == "achieved")
    if ref.cap is not None and r.priority_achieved < r.priority_total:
        level = min(level, ref.cap)
    r.level = level
    r.n_applicable = n_applicable
    r.n_answered = n_answered
    r.completeness = (n_answered / n_applicable) if n_applicable > 0 else 1.0
    return r


# ---------------------------------------------------------------------------
# CSV output (cli.md)
# ---------------------------------------------------------------------------

def csv_text(cell):
    """A text cell: formula guard, then RFC 4180 quoting."""
    if cell and cell[0] in "=+-@\t\r":
        cell = "'" + cell
    return csv_quote(cell)


def csv_quote(cell):
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def fmt6(x):
    if x is None:
        return ""
    return "%.6f" % (x + 0.0)


def score_rows(ref, results):
    lines = [",".join(["finess", "campaign", "status", "global_score", "level",
                       "completeness", "priority_achieved", "priority_total"]
                      + [csv_text("domain:" + d.id) for d in ref.domains])]
    for r in results:
        e = r.e
        cells = [csv_text(e.finess), csv_text(e.campaign), csv_text(e.status),
                 fmt6(r.global_score), str(r.level), fmt6(r.completeness),
                 str(r.priority_achieved), str(r.priority_total)]
        cells += [fmt6(ds) for _, ds in r.domains]
        lines.append(",".join(cells))
    return "".join(line + "\n" for line in lines)


def detail_rows(ref, results):
    lines = ["finess,domain,criterion,status,score"]
    for r in results:
        for d, c, status, cs in r.criteria:
            lines.append(",".join([csv_text(r.e.finess), csv_text(d.id), csv_text(c.id),
                                   status, fmt6(cs)]))
    return "".join(line + "\n" for line in lines)


def explain(ref, r):
    e = r.e
    out = []
    out.append("%s %s (%s, category %s, beds %s, ose %s, status %s)"
               % (e.finess, e.name, e.region, e.category,
                  "unknown" if e.beds is None else e.beds,
                  "unknown" if e.ose is None else e.ose, e.status))
    crit = {c.id: (st, cs) for _, c, st, cs in r.criteria}
    dom = {d.id: ds for d, ds in r.domains}
    for d in ref.domains:
        out.append("domain %s (weight %g): %s" % (d.id, d.weight, fmt6(dom[d.id]) or "n/a"))
        for c in d.criteria:
            st, cs = crit[c.id]
            out.append("  criterion %s (level %d, weight %g, %s%s): %s %s"
                       % (c.id, c.level, c.weight, c.combine, ", priority" if c.priority else "",
                          st, fmt6(cs)))
            for (dd, cc, ind, app, state, s) in r.indicators:
                if cc is not c:
                    continue
                ans = e.answers.get(ind.id, ("missing", None))
                shown = ans[1] if ans[0] == "answered" else ans[0]
                out.append("    %-12s %-8s w=%g answer=%s -> %s"
                           % (ind.id, ind.type, ind.weight, shown,
                              ("%s %s" % (state, fmt6(s))) if app else "not applicable"))
    out.append("global %s, level %d, completeness %d/%d = %s, priority %d/%d"
               % (fmt6(r.global_score), r.level, r.n_answered, r.n_applicable,
                  fmt6(r.completeness), r.priority_achieved, r.priority_total))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def usage():
    sys.stderr.write(
        "usage: reference_score.py REFERENTIEL ANSWERS... [--detail | --explain FINESS]\n"
        "       reference_score.py --make-finess PREFIX8\n"
        "       reference_score.py --check-finess NUMBER...\n")
    return EX_USAGE


def load_all(ref_path, answer_paths):
    """The référentiel and the establishments, or exit on an input error."""
    try:
        ref = load_referentiel(ref_path)
    except IOError as e:
        sys.stderr.write("%s: error: %s\n" % (ref_path, e))
        sys.exit(EX_NOINPUT)
    except InputError as e:
        sys.stderr.write("%s:%d:%d: error: %s\n" % (ref_path, e.line, e.col, e.message))
        sys.exit(EX_DATAERR)
    establishments = []
    for p in answer_paths:
        try:
            establishments.extend(load_answers(p, ref))
        except IOError as e:
            sys.stderr.write("%s: error: %s\n" % (p, e))
            sys.exit(EX_NOINPUT)
        except InputError as e:
            where = "%s:%d:%d" % (p, e.line, e.col) if e.line > 0 else p
            sys.stderr.write("%s: error: %s\n" % (where, e.message))
            sys.exit(EX_DATAERR)
    return ref, establishments


def main(argv):
    args = list(argv)
    if not args or args[0] in ("-h", "--help"):
        return usage()
    if args[0] == "--make-finess":
        if len(args) != 2:
            return usage()
        try:
            sys.stdout.write(make_finess(args[1]) + "\n")
        except ValueError as e:
            sys.stderr.write("reference_score.py: error: %s\n" % e)
            return EX_DATAERR
        return EX_OK
    if args[0] == "--check-finess":
        bad = [a for a in args[1:] if not finess_valid(a)]
        for b in bad:
            sys.stderr.write("%s: error: not a valid FINESS number\n" % b)
        return EX_DATAERR if bad else EX_OK
    detail = False
    explain_finess = None
    files = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--detail":
            detail = True
        elif a == "--explain":
            if i + 1 >= len(args):
                return usage()
            explain_finess = args[i + 1]
            i += 1
        elif a.startswith("-") and a != "-":
            return usage()
        else:
            files.append(a)
        i += 1
    if len(files) < 2:
        return usage()
    ref, establishments = load_all(files[0], files[1:])
    results = [score_establishment(ref, e) for e in establishments]
    if explain_finess is not None:
        chosen = [r for r in results if r.e.finess == explain_finess]
        if not chosen:
            sys.stderr.write("reference_score.py: error: no establishment %s\n" % explain_finess)
            return EX_DATAERR
        sys.stdout.write("".join(explain(ref, r) for r in chosen))
        return EX_OK
    sys.stdout.write(detail_rows(ref, results) if detail else score_rows(ref, results))
    return EX_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
