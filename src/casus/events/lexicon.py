"""The event lexicon: the CAMEO 2.0 table (``data/cameo.tsv``) and the trigger words
(``data/triggers.yaml``), loaded and validated once. See ``docs/CODING.md`` for the formats.

Also the code mappings the rules use when a matrix word frames an action: ``offered to
mediate`` (intent, 03x), ``threatened to impose sanctions`` (threat, 13x), ``refused to meet``
(rejection, 12x), ``urged X to release`` (demand, 10x) and ``called for talks`` (appeal, 02x).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from ..cache import cached
from ..errors import ConfigError

__all__ = [
    "COMP_MODES",
    "CONFLICT_ROOTS",
    "VIOLENT",
    "CameoCode",
    "LexiconData",
    "Trigger",
    "frame_code",
    "load_data",
    "quad_of",
]

PLOVER_TYPES = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
        "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION",
        "COERCE", "ASSAULT", "FIGHT",
    }
)  # fmt: skip

COMP_MODES = frozenset(
    {"intent", "promise", "threat", "reject", "demand", "appeal", "accuse", "negate"}
)
"""How a matrix trigger frames the action in its complement (see :func:`frame_code`);
``negate`` gives no event and claims its complement (``failed to reach a deal``, ``spoke to
reporters about the talks``)."""

POS_CLASSES = frozenset({"VERB", "NOUN", "ADJ"})
_TRIGGER_KEYS = frozenset(
    {
        "lemma", "lemmas", "pos", "code", "prt", "prep", "pobj", "obj", "mod", "target",
        "comp", "needs_target", "needs_comp", "retaliation", "not_obj", "not_mod", "purpose",
        "mutual",
    }
)  # fmt: skip
_PREP_ROLES = frozenset(
    {
        "with", "against", "on", "to", "at", "between", "for", "into", "of", "from", "over",
        "in", "toward", "towards", "upon", "across", "among", "by",
    }
)  # fmt: skip
TARGET_ROLES = _PREP_ROLES | {"dobj", "dative", "ccomp"}


def quad_of(code: str) -> int:
    """Quad class of a CAMEO code from its root: 01-05 → 1, 06-08 → 2, 09-13 → 3, 14-20 → 4."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad: int
    plover: str | None
    mode: str | None


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma of a part of speech that codes ``code`` when its optional
    particle, preposition (with object), direct object or modifier is present."""

    lemma: str
    pos: str
    code: str
    prt: str | None = None
    prep: str | None = None
    pobj: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    not_mod: frozenset[str] = frozenset()
    purpose: frozenset[str] = frozenset()
    """Verbs of a to-infinitive purpose clause the entry needs: ``sent troops to help``."""
    targets: tuple[str, ...] = ()
    comp: str | None = None
    needs_target: bool = False
    needs_comp: bool = False
    retaliation: bool = False
    mutual: bool = False
    """An act conjoined subjects do to each other whatever its root: *A and B traded
    accusations* is A->B and B->A."""
    line: int = 0

    @property
    def specificity(self) -> int:
        return (
            (self.prt is not None)
            + (self.prep is not None)
            + bool(self.pobj)
            + bool(self.obj)
            + bool(self.mod)
            + bool(self.purpose)
        )

    @property
    def words(self) -> str:
        """The entry as a phrase, for cues: ``call+for``, ``strike[air]``."""
        out = self.lemma
        if self.prt:
            out += f"+{self.prt}"
        if self.obj:
            out += f"+{'|'.join(sorted(self.obj))}"
        if self.prep:
            out += f"+{self.prep}"
        if self.pobj:
            out += f"+{'|'.join(sorted(self.pobj))}"
        if self.mod:
            out += f"[{'|'.join(sorted(self.mod))}]"
        return out


@dataclass(frozen=True, slots=True)
class LexiconData:
    version: str
    codes: Mapping[str, CameoCode]
    triggers: Mapping[tuple[str, str], tuple[Trigger, ...]]
    """``(lemma, pos class)`` → entries, most specific first."""
    reporting: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()
    transparent: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    carriers: frozenset[str] = frozenset()
    instruments: Mapping[str, str] = field(default_factory=dict)
    damning: frozenset[str] = frozenset()
    """Words that make a reported judgement a criticism: ``X said the vote was illegal``."""
    disasters: frozenset[str] = frozenset()
    """Subjects that make a killing or destruction no event: ``a collapse killed 12``."""
    stative_passives: frozenset[str] = frozenset()
    """Verbs whose passive is a state, no act: ``troops stationed in X``."""


# --- loading -------------------------------------------------------------------------------


def _data_text(name: str) -> str:
    try:
        return resources.files("casus").joinpath("data", name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", where=f"data/{name}") from None


def load_codes(text: str, where: str = "data/cameo.tsv") -> tuple[str, dict[str, CameoCode]]:
    version = ""
    codes: dict[str, CameoCode] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0] == "version":
            version = parts[1].strip() if len(parts) > 1 else ""
            continue
        if parts[0] == "code":
            continue
        at = f"{where}:{n}"
        if len(parts) != 6:
            raise ConfigError(f"expected 6 tab-separated columns, got {len(parts)}", where=at)
        code, name, gold, quad, plover, mode = (p.strip() for p in parts)
        if not (code.isdigit() and len(code) in (2, 3, 4) and 1 <= int(code[:2]) <= 20):
            raise ConfigError(f"bad CAMEO code {code!r}", where=at)
        if code in codes:
            raise ConfigError(f"duplicate code {code}", where=at)
        try:
            value = float(gold)
            q = int(quad)
        except ValueError:
            raise ConfigError("goldstein and quad must be numbers", where=at) from None
        if not -10.0 <= value <= 10.0:
            raise ConfigError(f"goldstein {value} outside -10..10", where=at)
        if q != quad_of(code):
            raise ConfigError(f"quad class {q} does not match root {code[:2]}", where=at)
        if plover and plover not in PLOVER_TYPES:
            raise ConfigError(f"unknown PLOVER type {plover!r}", where=at)
        if len(code) > 2 and code[:2] not in codes:
            raise ConfigError(f"code {code} listed before its root {code[:2]}", where=at)
        codes[code] = CameoCode(code, name, value, q, plover or None, mode or None)
    if not version:
        raise ConfigError("missing 'version' line", where=where)
    return version, codes


def _words(value: Any, at: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
        raise ConfigError(f"{key!r} must be a word or a list of words", where=at)
    return frozenset(v.lower() for v in items)


def _entry(raw: Any, at: str, line: int, codes: Mapping[str, CameoCode]) -> list[Trigger]:
    if not isinstance(raw, dict):
        raise ConfigError("a trigger must be a mapping", where=at)
    unknown = set(raw) - _TRIGGER_KEYS
    if unknown:
        raise ConfigError(f"unknown key(s) {sorted(unknown)}", where=at)
    lemmas = sorted(_words(raw.get("lemmas"), at, "lemmas") | _words(raw.get("lemma"), at, "lemma"))
    if not lemmas:
        raise ConfigError("a trigger needs 'lemma' or 'lemmas'", where=at)
    pos = str(raw.get("pos", "VERB")).upper()
    if pos not in POS_CLASSES:
        raise ConfigError(f"pos must be one of {sorted(POS_CLASSES)}", where=at)
    code = str(raw.get("code", ""))
    if code not in codes:
        raise ConfigError(f"unknown CAMEO code {code!r}", where=at, hint="quote codes: '041'")
    comp = raw.get("comp")
    if comp is not None and comp not in COMP_MODES:
        raise ConfigError(f"comp must be one of {sorted(COMP_MODES)}", where=at)
    targets = tuple(str(t) for t in (raw.get("target") or ()))
    bad = [t for t in targets if t not in TARGET_ROLES and not (t.isalpha() and t.islower())]
    if bad:
        raise ConfigError(f"unknown target role(s) {bad}", where=at)
    if not targets:
        targets = ("dobj", "dative") if pos != "NOUN" else ("on", "against", "with", "to", "of")
    prep = raw.get("prep")
    if prep is not None and not isinstance(prep, str):
        raise ConfigError("'prep' must be one word", where=at)
    prt = raw.get("prt")
    if prt is not None and not isinstance(prt, str):
        raise ConfigError("'prt' must be one word", where=at)
    return [
        Trigger(
            lemma=lemma,
            pos=pos,
            code=code,
            prt=prt,
            prep=prep,
            pobj=_words(raw.get("pobj"), at, "pobj"),
            obj=_words(raw.get("obj"), at, "obj"),
            mod=_words(raw.get("mod"), at, "mod"),
            not_obj=_words(raw.get("not_obj"), at, "not_obj"),
            not_mod=_words(raw.get("not_mod"), at, "not_mod"),
            purpose=_words(raw.get("purpose"), at, "purpose"),
            targets=targets,
            comp=comp,
            needs_target=bool(raw.get("needs_target", False)),
            needs_comp=bool(raw.get("needs_comp", False)),
            retaliation=bool(raw.get("retaliation", False)),
            mutual=bool(raw.get("mutual", False)),
            line=line,
        )
        for lemma in lemmas
    ]


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping (``__line__``) for errors."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping  # type: ignore[return-value]


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# YAML 1.1 reads on/off/yes/no as booleans; prepositions such as "on" must stay words.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_triggers(
    text: str, codes: Mapping[str, CameoCode], where: str = "data/triggers.yaml"
) -> LexiconData:
    try:
        doc = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"{where}:{mark.line + 1}" if mark is not None else where
        raise ConfigError(f"invalid YAML: {getattr(exc, 'problem', exc)}", where=at) from None
    if not isinstance(doc, dict) or "triggers" not in doc or "version" not in doc:
        raise ConfigError("expected a mapping with 'version' and 'triggers'", where=where)
    table: dict[tuple[str, str], list[Trigger]] = {}
    conditions: dict[tuple[object, ...], Trigger] = {}
    for raw in doc["triggers"] or ():
        line = raw.pop("__line__", 0) if isinstance(raw, dict) else 0
        for trig in _entry(raw, f"{where}:{line}", line, codes):
            key = (
                trig.lemma,
                trig.pos,
                trig.prt,
                trig.prep,
                trig.pobj,
                trig.obj,
                trig.mod,
                trig.purpose,
            )
            other = conditions.setdefault(key, trig)
            if other is not trig and other.code != trig.code:
                raise ConfigError(
                    f"{trig.lemma!r} ({trig.pos}) with the same conditions codes both "
                    f"{other.code} (line {other.line}) and {trig.code}",
                    where=f"{where}:{line}",
                )
            table.setdefault((trig.lemma, trig.pos), []).append(trig)

    def words(key: str) -> frozenset[str]:
        return _words(doc.get(key), f"{where}: {key}", key)

    instruments: dict[str, str] = {}
    inst = doc.get("instruments") or {}
    if not isinstance(inst, dict):
        raise ConfigError("'instruments' must map a noun to a code", where=where)
    for noun, code in inst.items():
        if noun == "__line__":
            continue
        if str(code) not in codes:
            raise ConfigError(f"instrument {noun!r}: unknown code {code!r}", where=where)
        instruments[str(noun).lower()] = str(code)
    return LexiconData(
        version=str(doc["version"]),
        codes={},
        triggers={k: tuple(sorted(v, key=lambda t: -t.specificity)) for k, v in table.items()},
        reporting=words("reporting"),
        intent_verbs=words("intent_verbs"),
        transparent=words("transparent"),
        light_verbs=words("light_verbs"),
        group_nouns=words("group_nouns"),
        carriers=words("carriers"),
        instruments=instruments,
        damning=words("damning"),
        disasters=words("disasters"),
        stative_passives=words("stative_passives"),
    )


def load_data(cache_dir: str | None = None) -> LexiconData:
    """Both data files, read and validated (raises :class:`ConfigError` naming file and
    line), compiled once into the cache (``casus.cache``; rebuilt when either file changes)."""
    return cached(
        "lexicon", _build_data, data_files=("cameo.tsv", "triggers.yaml"), folder=cache_dir or None
    )


def _build_data() -> LexiconData:
    code_version, codes = load_codes(_data_text("cameo.tsv"))
    data = load_triggers(_data_text("triggers.yaml"), codes)
    return replace(data, version=f"{data.version}+cameo{code_version}", codes=codes)


# --- framing: the code of an action under a matrix word -----------------------------------

_SUB: Mapping[str, tuple[str, str, str, str, str]] = MappingProxyType(
    {
        # action code -> (intent, threat, reject, demand, appeal)
        "061": ("0311", "130", "1211", "1011", "0211"),
        "062": ("0312", "130", "1212", "1012", "0212"),
        "063": ("0313", "130", "121", "1013", "0213"),
        "064": ("0314", "130", "121", "1014", "0214"),
        "071": ("0331", "1311", "1221", "1031", "0231"),
        "072": ("0332", "1311", "1222", "1032", "0232"),
        "073": ("0333", "1311", "1223", "1033", "0233"),
        "074": ("0334", "1311", "1224", "1034", "0234"),
        "081": ("0351", "130", "1241", "1051", "0251"),
        "0811": ("0351", "130", "1241", "1051", "0251"),
        "0812": ("0351", "130", "1241", "1051", "0251"),
        "0813": ("0351", "130", "1241", "1051", "0251"),
        "0814": ("0351", "130", "1241", "1051", "0251"),
        "082": ("0352", "130", "1242", "1052", "0252"),
        "083": ("034", "130", "123", "104", "024"),
        "084": ("0353", "130", "1243", "1053", "0253"),
        "0841": ("0353", "130", "1243", "1053", "0253"),
        "0842": ("0353", "130", "1243", "1053", "0253"),
        "085": ("0354", "130", "1244", "1054", "0254"),
        "086": ("0355", "130", "1245", "1055", "0255"),
        "0861": ("0355", "130", "1245", "1055", "0255"),
        "0862": ("0355", "130", "1245", "1055", "0255"),
        "0863": ("0355", "130", "1245", "1055", "0255"),
        "087": ("0356", "130", "1246", "1056", "0256"),
        "0871": ("0356", "130", "1246", "1056", "0256"),
        "0872": ("0356", "130", "1246", "1056", "0256"),
        "0873": ("0356", "130", "1246", "1056", "0256"),
        "0874": ("0356", "130", "1246", "1056", "0256"),
        "045": ("039", "135", "126", "108", "028"),
        "039": ("039", "135", "126", "108", "028"),
        "038": ("038", "135", "126", "108", "028"),
        "046": ("036", "134", "125", "106", "026"),
        "037": ("037", "134", "127", "107", "027"),
        "057": ("030", "130", "127", "107", "027"),
        "075": ("033", "1311", "122", "103", "023"),
        "161": ("1313", "1313", "120", "100", "020"),
        "162": ("1311", "1311", "120", "100", "020"),
        "1621": ("1311", "1311", "120", "100", "020"),
        "1622": ("1311", "1311", "120", "100", "020"),
        "1623": ("1311", "1311", "120", "100", "020"),
        "163": ("1312", "1312", "120", "100", "020"),
        "164": ("134", "134", "120", "100", "020"),
        "165": ("135", "135", "120", "100", "020"),
        "166": ("136", "136", "120", "100", "020"),
        "1661": ("136", "136", "120", "100", "020"),
        "1662": ("136", "136", "120", "100", "020"),
        "1663": ("136", "136", "120", "100", "020"),
        "172": ("132", "132", "120", "100", "020"),
        "1721": ("1321", "1321", "120", "100", "020"),
        "1722": ("1322", "1322", "120", "100", "020"),
        "1723": ("1323", "1323", "120", "100", "020"),
        "1724": ("1324", "1324", "120", "100", "020"),
        "191": ("1381", "1381", "120", "100", "020"),
        "192": ("1382", "1382", "120", "100", "020"),
        "204": ("1385", "1385", "120", "100", "020"),
        "2041": ("1385", "1385", "120", "100", "020"),
        "2042": ("1385", "1385", "120", "100", "020"),
    }
)
_ROOT: Mapping[str, tuple[str, str, str, str, str]] = MappingProxyType(
    {
        # root -> (intent, threat, reject, demand, appeal)
        "04": ("036", "134", "125", "106", "026"),
        "05": ("032", "130", "120", "102", "022"),
        "06": ("031", "130", "121", "101", "021"),
        "07": ("033", "1311", "122", "103", "023"),
        "08": ("035", "130", "124", "105", "025"),
        "09": ("030", "130", "120", "100", "020"),
        "14": ("133", "133", "120", "100", "020"),
        "15": ("138", "138", "120", "1034", "0234"),
        "16": ("131", "131", "120", "100", "020"),
        "17": ("137", "137", "120", "100", "020"),
        "18": ("1383", "1383", "120", "100", "020"),
        "19": ("138", "138", "120", "100", "020"),
        "20": ("138", "138", "120", "100", "020"),
    }
)
_COLUMN = MappingProxyType(
    {"intent": 0, "promise": 0, "threat": 1, "reject": 2, "demand": 3, "appeal": 4}
)
_VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
_KEPT_INTENT = _VERBAL_ROOTS | {"15"}
"""Roots whose intention is coded as the act: verbal acts, and a show or deployment of force
(*plans to deploy troops*, *decided to put the army on alert*: a posture taken, no threat)."""
CONFLICT_ROOTS = frozenset({"13", "14", "15", "16", "17", "18", "19", "20"})
_INCITE_ROOTS = frozenset({"14", "163"})
"""Roots and codes of actions whose demand or appeal is 113 (*called for protests / sanctions
against X*); a call on someone to use force, deploy or send troops is an appeal or demand of
its own root (02x/10x: *asked X to send troops*)."""
VIOLENT = frozenset({"18", "19", "20"})
"""Roots of violence: assault, fight, mass violence."""


def frame_code(mode: str, action: str | None, base: str) -> str:
    """The code of ``action`` framed by a matrix word of mode ``mode`` (``base`` = the matrix
    word's own code, used when the action is unknown or cannot be framed).

    ``intent``/``promise``: cooperative actions → 03x, conflictual ones → 13x (a promise of
    force is a threat); ``threat`` → 13x; ``reject`` → 12x; ``demand`` → 10x; ``appeal`` → 02x.
    Verbal actions (statements, appeals, demands, disapproval, rejections, threats) keep their
    own code under ``intent``, and the matrix code elsewhere.
    """
    if action is None:
        return base
    col = _COLUMN.get(mode)
    if col is None:
        return base
    root = action[:2]
    if mode in ("intent", "promise") and (root in _KEPT_INTENT or action in ("055", "056")):
        return action
    if mode in ("threat",) and root in _VERBAL_ROOTS:
        return base
    if mode in ("demand", "appeal") and action == "113":
        return "113"  # "called on X to rally against Y"
    if mode in ("reject", "demand", "appeal") and root in _VERBAL_ROOTS:
        return base
    if mode in ("demand", "appeal") and (root in _INCITE_ROOTS or action[:3] in _INCITE_ROOTS):
        return "113"
    if mode == "reject" and root in CONFLICT_ROOTS:
        return base
    for key in (action, action[:3]):
        if key in _SUB:
            return _SUB[key][col]
    if root in _ROOT:
        return _ROOT[root][col]
    return base
