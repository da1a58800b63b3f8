#!/usr/bin/env python3
"""Validate the demo catalogue data in data/catalogue/ against the legal-basis library in data/laws/.

Checks matters.json, township.json, benchmarks.json and lenient.json: schema shape, unique codes,
required counts, that every cited article (and clause) exists in data/laws, the discretion-benchmark
level rules the loader enforces, and that lenient entries point at existing benchmarks.

Usage: python3 scripts/check_catalogue_data.py [repo_root]      (stdlib only; exit status 1 on errors)
"""
import json
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAWS_DIR = os.path.join(ROOT, "data", "laws")
CAT_DIR = os.path.join(ROOT, "data", "catalogue")

TEAMS = {"SCJG": "market", "STHJ": "ecology", "WHSC": "culture", "JTYS": "transport",
         "NY": "agriculture", "CSGL": "urban", "YJGL": "emergency"}
TYPES = ["licence", "penalty", "coercion", "inspection", "levy", "confirmation", "other"]
GUIDE_KEYS = ["conditions", "materials", "time_limit", "fees", "place", "contact", "notes"]
CODE_TYPE = {"CF": {"penalty"}, "QZ": {"coercion"}, "JC": {"inspection"}, "XK": {"licence"},
             "QT": {"other", "levy", "confirmation"}}
LEVEL_LABELS = {"minor": "轻微", "general": "一般", "serious": "较重", "grave": "严重"}
LEVEL_ORDER = ["minor", "general", "serious", "grave"]
KIND_PREFIX = {"no_penalty": "BYCF", "lighter": "CQCF", "mitigated": "JQCF", "no_coercion": "MYQZ"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


# ---------------------------------------------------------------- law library
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn2int(s):
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (cur or 1) * CN_UNITS[ch]
            cur = 0
        else:
            raise ValueError(s)
    return total + cur


def int2cn(n):
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n % 10] if n % 10 else "")
    if n < 100:
        return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")
    h, r = divmod(n, 100)
    s = d[h] + "百"
    if r == 0:
        return s
    if r < 10:
        return s + "零" + d[r]
    return s + d[r // 10] + "十" + (d[r % 10] if r % 10 else "")


ARTICLE_RE = re.compile(r"^第([零一二三四五六七八九十百千]+)条(?:[\s\u3000]|$)")
ITEM_RE = re.compile(r"^[（(][零一二三四五六七八九十]+[）)]")
CLAUSE_RE = re.compile(r"^第([一二三四五六七八九十]+)款$")


def load_laws():
    idx = json.load(open(os.path.join(LAWS_DIR, "index.json"), encoding="utf-8"))
    laws = {}
    for entry in idx["laws"]:
        arts, cur = {}, None
        with open(os.path.join(LAWS_DIR, entry["file"]), encoding="utf-8") as f:
            for raw in f:
                line = raw.strip()
                if not line:
                    continue
                if line.startswith("#") or line.startswith("<!--"):
                    cur = None
                    continue
                m = ARTICLE_RE.match(line)
                if m:
                    cur = cn2int(m.group(1))
                    arts[cur] = [line]
                elif cur is not None:
                    arts[cur].append(line)
        if len(arts) != entry.get("articles", len(arts)):
            err("data/laws/" + entry["file"], f"parsed {len(arts)} articles, index.json says {entry['articles']}")
        laws[entry["short"]] = {"title": entry["title"], "version_date": entry.get("version_date", ""), "articles": arts}
    return laws


LAWS = load_laws()
BY_TITLE = {}
for short, law in LAWS.items():
    BY_TITLE[short] = short
    BY_TITLE[law["title"]] = short


def clause_paragraphs(paras):
    """款 = paragraphs of the article that are not enumerated items （一）…"""
    return [p for p in paras if not ITEM_RE.match(p)]


def check_article(where, law, art, clause):
    """Return None if the citation is valid, else an error text."""
    if law not in LAWS:
        return f"unknown law short title {law!r}"
    if not isinstance(art, int) or isinstance(art, bool):
        return f"article must be an integer, got {art!r}"
    paras = LAWS[law]["articles"].get(art)
    if paras is None:
        return f"{law} has no article {art} (第{int2cn(art)}条)"
    if clause in ("", None):
        return None
    m = CLAUSE_RE.match(clause)
    if not m:
        return f"bad clause {clause!r} (expected 第N款 or '')"
    n = cn2int(m.group(1))
    legal = clause_paragraphs(paras)
    if n > len(legal):
        return f"{law} 第{int2cn(art)}条 has only {len(legal)} 款, cited {clause}"
    # the loader may count raw paragraphs: only accept clauses where both counts name the same paragraph
    if n > len(paras) or paras[n - 1] != legal[n - 1]:
        return f"{law} 第{int2cn(art)}条{clause} is ambiguous (enumerated items precede it; cite without clause)"
    return None


def check_citation(where, c, eff_from=None):
    if not isinstance(c, dict) or set(c) != {"law", "article", "clause"}:
        err(where, f"citation must be {{law, article, clause}}, got {c!r}")
        return
    e = check_article(where, c["law"], c["article"], c["clause"])
    if e:
        err(where, e)
    elif eff_from and LAWS[c["law"]]["version_date"] and eff_from < LAWS[c["law"]]["version_date"]:
        err(where, f"effective_from {eff_from} before {c['law']} version {LAWS[c['law']]['version_date']}")


def check_basis(where, basis, eff_from=None):
    if not isinstance(basis, list) or not basis:
        err(where, "basis must be a non-empty list")
        return
    seen = set()
    for i, c in enumerate(basis):
        check_citation(f"{where}.basis[{i}]", c, eff_from)
        if isinstance(c, dict):
            key = (c.get("law"), c.get("article"), c.get("clause"))
            if key in seen:
                err(where, f"duplicate citation {key}")
            seen.add(key)


TEXT_CITE_RE = re.compile(r"《([^》]+)》((?:第[零一二三四五六七八九十百千]+条(?:第[一二三四五六七八九十]+款)?(?:第[一二三四五六七八九十]+项)?[、和及]?)+)")
ONE_CITE_RE = re.compile(r"第([零一二三四五六七八九十百千]+)条(?:(第[一二三四五六七八九十]+款))?")


def check_text_citation(where, text):
    if not isinstance(text, str) or not text.strip():
        err(where, "basis text must be a non-empty string")
        return 0
    n = 0
    for m in TEXT_CITE_RE.finditer(text):
        title = m.group(1)
        short = BY_TITLE.get(title) or BY_TITLE.get(title.replace("中华人民共和国", ""))
        if not short:
            err(where, f"law 《{title}》 not in data/laws")
            continue
        for a in ONE_CITE_RE.finditer(m.group(2)):
            e = check_article(where, short, cn2int(a.group(1)), a.group(2) or "")
            if e:
                err(where, e)
            n += 1
    if n == 0:
        err(where, f"basis text cites no article: {text!r}")
    return n


def is_str(v):
    return isinstance(v, str)


def check_flow(where, flow):
    if not isinstance(flow, list) or not flow:
        err(where, "flow must be a non-empty list")
        return
    for i, s in enumerate(flow):
        if not isinstance(s, dict) or set(s) != {"name", "description", "time_limit"} or not all(is_str(v) for v in s.values()):
            err(f"{where}[{i}]", "step must be {name, description, time_limit} strings")
        elif not s["name"].strip():
            err(f"{where}[{i}]", "empty step name")


def check_guide(where, g):
    if not isinstance(g, dict) or set(g) != set(GUIDE_KEYS) or not all(is_str(v) for v in g.values()):
        err(where, f"guide must have string keys {GUIDE_KEYS}")


def load(name):
    path = os.path.join(CAT_DIR, name)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except Exception as e:  # noqa: BLE001
        err(name, f"cannot load: {e}")
        return None


def check_about(name, d):
    if not isinstance(d, dict) or not is_str(d.get("_about")) or not d["_about"].strip():
        err(name, "missing _about text")


ALL_CODES = {}


def claim_code(where, code):
    if not is_str(code):
        err(where, f"code must be a string, got {code!r}")
        return
    if code in ALL_CODES:
        err(where, f"duplicate code {code} (also {ALL_CODES[code]})")
    ALL_CODES[code] = where


summary = []

# ---------------------------------------------------------------- matters.json
matters = load("matters.json")
if matters is not None:
    check_about("matters.json", matters)
    flows, guides, teams = matters.get("flows"), matters.get("guides"), matters.get("teams")
    if not isinstance(flows, dict) or set(flows) != set(TYPES):
        err("matters.json.flows", f"must have exactly the types {TYPES}")
    else:
        for t in TYPES:
            check_flow(f"matters.json.flows.{t}", flows[t])
    if not isinstance(guides, dict) or set(guides) != set(TYPES):
        err("matters.json.guides", f"must have exactly the types {TYPES}")
    else:
        for t in TYPES:
            check_guide(f"matters.json.guides.{t}", guides[t])
    if not isinstance(teams, dict) or set(teams) != set(TEAMS):
        err("matters.json.teams", f"must have exactly the teams {sorted(TEAMS)}")
        teams = {}
    custom_flows = 0
    type_count = {t: 0 for t in TYPES}
    for team, items in teams.items():
        where_t = f"matters.json.teams.{team}"
        if not isinstance(items, list) or not 8 <= len(items) <= 12:
            err(where_t, f"needs 8–12 matters, has {len(items) if isinstance(items, list) else '?'}")
            continue
        types_here = []
        for i, mt in enumerate(items):
            w = f"{where_t}[{i}]"
            if not isinstance(mt, dict):
                err(w, "matter must be an object")
                continue
            req = {"code", "name", "type", "field", "basis", "effective_from"}
            extra = set(mt) - req - {"flow", "guide"}
            if not req <= set(mt) or extra:
                err(w, f"keys must be {sorted(req)} (+ optional flow, guide); missing {sorted(req - set(mt))}, extra {sorted(extra)}")
                continue
            w = f"{where_t}.{mt['code']}"
            claim_code(w, mt["code"])
            m = re.match(r"^([A-Z]+)-(CF|QZ|JC|XK|QT)-(\d{3})$", mt["code"] if is_str(mt["code"]) else "")
            if not m or m.group(1) != team:
                err(w, f"code must be {team}-(CF|QZ|JC|XK|QT)-NNN")
            elif mt["type"] not in CODE_TYPE[m.group(2)]:
                err(w, f"code kind {m.group(2)} does not match type {mt['type']}")
            if not is_str(mt["name"]) or not mt["name"].strip():
                err(w, "empty name")
            if mt["type"] not in TYPES:
                err(w, f"unknown type {mt['type']!r}")
            else:
                types_here.append(mt["type"])
                type_count[mt["type"]] += 1
            if mt["field"] != TEAMS[team]:
                err(w, f"field must be {TEAMS[team]!r}")
            if not is_str(mt["effective_from"]) or not DATE_RE.match(mt["effective_from"]):
                err(w, "effective_from must be YYYY-MM-DD")
            check_basis(w, mt["basis"], mt["effective_from"] if is_str(mt["effective_from"]) else None)
            if "flow" in mt:
                check_flow(w + ".flow", mt["flow"])
                custom_flows += 1
            if "guide" in mt:
                check_guide(w + ".guide", mt["guide"])
        if "coercion" not in types_here:
            err(where_t, "needs at least one coercion matter")
        if "inspection" not in types_here:
            err(where_t, "needs at least one inspection matter")
        if types_here.count("penalty") * 2 <= len(types_here):
            err(where_t, "matters should be mostly penalty")
    if custom_flows < 2:
        err("matters.json", "include a custom flow on at least two matters")
    n = sum(len(v) for v in teams.values() if isinstance(v, list))
    summary.append(f"matters.json: {n} matters ({', '.join(f'{k} {len(v)}' for k, v in teams.items())}); "
                   f"types {', '.join(f'{t} {c}' for t, c in type_count.items() if c)}; {custom_flows} custom flows")

# ---------------------------------------------------------------- township.json
township = load("township.json")
if township is not None:
    check_about("township.json", township)

    def check_items(where, items, prefix, count):
        if not isinstance(items, list) or len(items) != count:
            err(where, f"needs exactly {count} items, has {len(items) if isinstance(items, list) else '?'}")
            return
        for i, it in enumerate(items):
            w = f"{where}[{i}]"
            if not isinstance(it, dict) or set(it) != {"code", "name", "type", "basis", "sample"}:
                err(w, "item keys must be code, name, type, basis, sample")
                continue
            w = f"{where}.{it['code']}"
            claim_code(w, it["code"])
            if not is_str(it["code"]) or not re.match(rf"^{prefix}-\d{{3}}$", it["code"]):
                err(w, f"code must be {prefix}-NNN")
            if not is_str(it["name"]) or not it["name"].strip():
                err(w, "empty name")
            if it["type"] not in TYPES:
                err(w, f"unknown type {it['type']!r}")
            if it["sample"] is not True:
                err(w, "sample must be true")
            check_basis(w, it["basis"], "2024-04-01")

    st = township.get("statutory")
    if not isinstance(st, dict) or set(st) != {"town", "street"}:
        err("township.json.statutory", "must have town and street lists")
        st = {"town": [], "street": []}
    check_items("township.json.statutory.town", st["town"], "XZFD", 20)
    check_items("township.json.statutory.street", st["street"], "JDFD", 7)
    check_items("township.json.delegated", township.get("delegated"), "XZFQ", 55)
    dl = township.get("delegated") or []
    if any(isinstance(x, dict) and x.get("type") not in ("penalty", "coercion") for x in dl):
        err("township.json.delegated", "delegated items must be penalty or coercion powers")
    ad = township.get("adoption")
    if not isinstance(ad, dict) or set(ad) != {"decided_on", "effective_from", "decision"}:
        err("township.json.adoption", "must have decided_on, effective_from, decision")
    else:
        for k in ("decided_on", "effective_from"):
            if not is_str(ad[k]) or not DATE_RE.match(ad[k]):
                err("township.json.adoption", f"{k} must be YYYY-MM-DD")
        if is_str(ad["decided_on"]) and is_str(ad["effective_from"]) and ad["effective_from"] < ad["decided_on"]:
            err("township.json.adoption", "effective_from before decided_on")
        if not is_str(ad["decision"]) or "{county}" not in ad["decision"]:
            err("township.json.adoption", "decision must contain the {county} placeholder")
    tt = {}
    for x in st["town"] + st["street"] + list(dl):
        if isinstance(x, dict):
            tt[x.get("type")] = tt.get(x.get("type"), 0) + 1
    summary.append(f"township.json: statutory town {len(st['town'])}, street {len(st['street'])}, delegated {len(dl)}; "
                   f"types {', '.join(f'{k} {v}' for k, v in sorted(tt.items(), key=lambda kv: str(kv[0])))}")

# ---------------------------------------------------------------- benchmarks.json
bench_codes = set()
benchmarks = load("benchmarks.json")
if benchmarks is not None:
    check_about("benchmarks.json", benchmarks)
    items = benchmarks.get("benchmarks")
    if not isinstance(items, list):
        err("benchmarks.json", "benchmarks must be a list")
        items = []
    per_team = {t: 0 for t in TEAMS}
    per_basis = {}
    req = {"code", "team", "field", "violation", "violated", "penalty", "fine_basis", "statutory", "levels", "sample", "source"}
    for i, b in enumerate(items):
        w = f"benchmarks.json[{i}]"
        if not isinstance(b, dict) or set(b) != req:
            err(w, f"keys must be {sorted(req)}")
            continue
        w = f"benchmarks.json.{b['code']}"
        claim_code(w, b["code"])
        bench_codes.add(b["code"])
        if b["team"] not in TEAMS:
            err(w, f"unknown team {b['team']!r}")
        else:
            per_team[b["team"]] += 1
            if b["field"] != TEAMS[b["team"]]:
                err(w, f"field must be {TEAMS[b['team']]!r}")
            if not is_str(b["code"]) or not re.match(rf"^{b['team']}-JZ-\d{{3}}$", b["code"]):
                err(w, f"code must be {b['team']}-JZ-NNN")
        if not is_str(b["violation"]) or not b["violation"].strip():
            err(w, "empty violation")
        check_citation(w + ".violated", b["violated"])
        check_citation(w + ".penalty", b["penalty"])
        fb = b["fine_basis"]
        if fb not in ("fixed", "gains", "value"):
            err(w, f"fine_basis must be fixed|gains|value, got {fb!r}")
        per_basis[fb] = per_basis.get(fb, 0) + 1

        def num(v):
            return isinstance(v, (int, float)) and not isinstance(v, bool)

        s = b["statutory"]
        if not isinstance(s, dict) or set(s) != {"min", "max"} or not num(s["min"]) or not num(s["max"]):
            err(w, "statutory must be {min, max} numbers")
            continue
        if s["min"] < 0 or s["min"] > s["max"]:
            err(w, f"statutory range {s['min']}..{s['max']} invalid")
        if fb == "fixed" and not (isinstance(s["min"], int) and isinstance(s["max"], int)):
            err(w, "fixed amounts must be integer yuan")
        if s["max"] == 0:
            err(w, "statutory max 0 (warning-only) — prefer an article with a fine")
        lv = b["levels"]
        if not isinstance(lv, list) or not 2 <= len(lv) <= 4:
            err(w, "needs 2–4 levels")
            continue
        prev, keys = None, []
        for j, L in enumerate(lv):
            wl = f"{w}.levels[{j}]"
            lreq = {"key", "label", "criteria", "min", "max", "other", "minor"}
            if not isinstance(L, dict) or set(L) != lreq:
                err(wl, f"level keys must be {sorted(lreq)}")
                prev = None
                continue
            if L["key"] not in LEVEL_LABELS:
                err(wl, f"unknown level key {L['key']!r}")
            elif L["label"] != LEVEL_LABELS[L["key"]]:
                err(wl, f"label for {L['key']} must be {LEVEL_LABELS[L['key']]}")
            keys.append(L["key"])
            if L["minor"] is not (L["key"] == "minor"):
                err(wl, "minor must be true exactly for the 轻微 (minor) level")
            if not is_str(L["criteria"]) or not L["criteria"].strip():
                err(wl, "empty criteria")
            if not isinstance(L["other"], list) or not all(is_str(x) for x in L["other"]):
                err(wl, "other must be a list of strings")
            if not num(L["min"]) or not num(L["max"]):
                err(wl, "min/max must be numbers")
                prev = None
                continue
            if fb == "fixed" and not (isinstance(L["min"], int) and isinstance(L["max"], int)):
                err(wl, "fixed amounts must be integer yuan")
            if L["min"] > L["max"]:
                err(wl, f"min {L['min']} > max {L['max']}")
            if L["min"] < s["min"] or L["max"] > s["max"]:
                err(wl, f"range {L['min']}..{L['max']} outside statutory {s['min']}..{s['max']}")
            if prev is not None and L["min"] < prev["max"]:
                err(wl, f"overlaps or not ascending: min {L['min']} < previous max {prev['max']}")
            prev = L
        if len(set(keys)) != len(keys):
            err(w, "duplicate level keys")
        elif [k for k in LEVEL_ORDER if k in keys] != keys:
            err(w, "level keys out of order (minor < general < serious < grave)")
        if b["sample"] is not True:
            err(w, "sample must be true")
        if not is_str(b["source"]) or not b["source"].strip():
            err(w, "empty source")
    if len(items) < 32:
        err("benchmarks.json", f"needs at least 32 benchmarks, has {len(items)}")
    for t, n in per_team.items():
        if n < 3:
            err("benchmarks.json", f"team {t} has {n} benchmarks (needs ≥3)")
    summary.append(f"benchmarks.json: {len(items)} benchmarks ({', '.join(f'{k} {v}' for k, v in per_team.items())}); "
                   f"fine_basis {', '.join(f'{k} {v}' for k, v in per_basis.items())}")

# ---------------------------------------------------------------- lenient.json
lenient = load("lenient.json")
if lenient is not None:
    check_about("lenient.json", lenient)
    entries = lenient.get("entries")
    if not isinstance(entries, list):
        err("lenient.json", "entries must be a list")
        entries = []
    per_kind = {k: 0 for k in KIND_PREFIX}
    req = {"code", "kind", "benchmark", "conditions", "first_violation_only", "max_harm", "corrected_within_days", "basis", "sample"}
    for i, e in enumerate(entries):
        w = f"lenient.json[{i}]"
        if not isinstance(e, dict) or set(e) != req:
            err(w, f"keys must be {sorted(req)}")
            continue
        w = f"lenient.json.{e['code']}"
        claim_code(w, e["code"])
        if e["kind"] not in KIND_PREFIX:
            err(w, f"unknown kind {e['kind']!r}")
        else:
            per_kind[e["kind"]] += 1
            if not is_str(e["code"]) or not re.match(rf"^{KIND_PREFIX[e['kind']]}-\d{{3}}$", e["code"]):
                err(w, f"code must be {KIND_PREFIX[e['kind']]}-NNN for kind {e['kind']}")
        if e["benchmark"] not in bench_codes:
            err(w, f"unknown benchmark {e['benchmark']!r}")
        if not is_str(e["conditions"]) or not e["conditions"].strip():
            err(w, "empty conditions")
        if not isinstance(e["first_violation_only"], bool):
            err(w, "first_violation_only must be a bool")
        if e["max_harm"] not in ("none", "minor"):
            err(w, "max_harm must be none|minor")
        d = e["corrected_within_days"]
        if d is not None and (not isinstance(d, int) or isinstance(d, bool) or d < 0):
            err(w, "corrected_within_days must be null or a non-negative integer")
        check_text_citation(w + ".basis", e["basis"])
        if e["sample"] is not True:
            err(w, "sample must be true")
    if len(entries) < 24:
        err("lenient.json", f"needs at least 24 entries, has {len(entries)}")
    for k, n in per_kind.items():
        if n < 6:
            err("lenient.json", f"kind {k} has {n} entries (needs ≥6)")
    summary.append(f"lenient.json: {len(entries)} entries ({', '.join(f'{k} {v}' for k, v in per_kind.items())})")

# ---------------------------------------------------------------- report
print("Catalogue data check — library: %d laws, %d articles" % (len(LAWS), sum(len(l["articles"]) for l in LAWS.values())))
for s in summary:
    print("  " + s)
if errors:
    print(f"\nFAILED: {len(errors)} error(s)")
    for e in errors:
        print("  - " + e)
    sys.exit(1)
print("\nOK: all checks passed")
