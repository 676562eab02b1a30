"""Rule packs: TOML files in resources/rules/, parameters, and per-case overrides.

A user may change a pack's parameters for one case (say, a stricter quiet-hours start of
21:00); the overrides live in `case.rule_params[<pack>]` and the values in force are printed
with every finding, so a reader of the dossier sees exactly what was checked.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.core.domain.enums import Jurisdiction
from desktop_app.core.domain.models import Case
from desktop_app.core.errors import AppError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.paths import resource_path
from desktop_app.core.rules.model import Citation, ParamSpec, Product, RulePack, RuleSpec, Severity, Status

PACKS = ("cn", "us", "uk")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")


class RulePackError(AppError):
    """A rule pack file is missing or malformed (a packaging bug, but say which file)."""


def default_pack(case: Case) -> str:
    """The pack for a case's jurisdiction; TW, HK and other fall back to the Chinese pack."""
    return {Jurisdiction.US: "us", Jurisdiction.UK: "uk"}.get(case.jurisdiction, "cn")


def check_pack_name(name: str) -> str:
    text = (name or "").strip().lower()
    if text not in PACKS:
        raise ValidationError(_("Unknown rule pack {name!r}; choose one of {choices}.").format(
            name=name, choices=", ".join(PACKS)), "pack")
    return text


@lru_cache(maxsize=8)
def load_pack(name: str) -> RulePack:
    name = check_pack_name(name)
    return load_pack_file(resource_path("rules", f"{name}.toml"), name)


def load_pack_file(path: Path, name: str) -> RulePack:
    """Read and validate one pack file; any defect is a RulePackError naming the file and the problem."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise RulePackError(_("{path}: the rule pack cannot be read ({error})").format(
            path=path, error=exc.strerror)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(_("{path}: the rule pack is not valid TOML ({error})").format(
            path=path, error=exc)) from exc
    try:
        return _parse(name, data)
    except KeyError as exc:
        raise RulePackError(_("{path}: the rule pack is malformed (missing key {key})").format(
            path=path, key=exc)) from exc
    except (ValueError, TypeError) as exc:
        raise RulePackError(_("{path}: the rule pack is malformed ({error})").format(path=path, error=exc)) from exc


def _parse(name: str, data: dict[str, Any]) -> RulePack:
    params: dict[str, ParamSpec] = {}
    for pname, spec in data.get("params", {}).items():
        kind = spec["kind"]
        if kind not in ("time", "int", "words"):
            raise ValueError(f"parameter {pname}: unknown kind {kind}")
        params[pname] = ParamSpec(pname, kind, spec["default"], spec["label"], spec.get("help", ""),
                                  spec.get("min"), spec.get("max"))
        _coerce(params[pname], spec["default"])  # a bad default is a packaging bug: fail loudly
    rules = []
    for raw in data["rules"]:
        rid = raw["id"]
        _known_keys(f"rule {rid}", raw, _RULE_KEYS)
        citations = tuple(_citation(rid, c) for c in raw["citations"])
        if not citations or citations[0].applies_to_products:
            raise ValueError(f"rule {rid}: the first citation must apply to every case the rule applies to")
        for pname in raw.get("params", []):
            if pname not in params:
                raise ValueError(f"rule {rid}: unknown parameter {pname}")
        for cname, spec in raw.get("options", {}).get("conduct", {}).items():
            _known_keys(f"rule {rid}, conduct {cname}", spec, _CONDUCT_KEYS)
        for key, articles in raw.get("options", {}).get("articles", {}).items():
            if len(articles) != len(citations) or not articles[0]:
                raise ValueError(f"rule {rid}: options.articles.{key} needs one article per citation, the first "
                                 "one not empty")
        rules.append(RuleSpec(rid, raw["check"], raw["title"], Severity(raw["severity"]), citations,
                              tuple(raw.get("params", [])), _strings(rid, raw, "notes"),
                              dict(raw.get("options", {})), _products(rid, raw)))
    return RulePack(name, data["title"], data.get("scope", ""), params, tuple(rules))


_RULE_KEYS = frozenset({"id", "check", "title", "severity", "params", "notes", "options", "citations",
                        "applies_to_products"})
_CITATION_KEYS = frozenset({"instrument", "article", "url", "status", "unverified", "notes", "applies_to_products"})
_CONDUCT_KEYS = frozenset({"title", "article", "explain", "advice", "note", "severity", "unverified", "kinds",
                           "not_kinds"})


def _known_keys(where: str, raw: dict[str, Any], allowed: frozenset[str]) -> None:
    """A misspelt key ("note" for "notes", an old "when") would silently drop a caveat: refuse it."""
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")


def _status(where: str, value: Any) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise ValueError(f"{where}: unknown legal status {value!r} (expected one of "
                         f"{', '.join(s.value for s in Status)})") from None


def _strings(where: str, raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise ValueError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def _products(where: str, raw: dict[str, Any]) -> tuple[Product, ...]:
    out = []
    for value in _strings(where, raw, "applies_to_products"):
        try:
            out.append(Product(value))
        except ValueError:
            raise ValueError(f"{where}: unknown product {value!r} in applies_to_products (expected one of "
                             f"{', '.join(p.value for p in Product)})") from None
    return tuple(out)


def _citation(rule_id: str, c: dict[str, Any]) -> Citation:
    where = f"rule {rule_id}, citation {c.get('instrument', '?')!r}"
    _known_keys(where, c, _CITATION_KEYS)
    if "status" not in c:
        raise ValueError(f"{where}: no legal status")
    return Citation(c["instrument"], c.get("article", ""), c.get("url", ""), _status(where, c["status"]),
                    bool(c.get("unverified", False)), _products(where, c), _strings(where, c, "notes"))


def _coerce(spec: ParamSpec, value: Any) -> Any:
    """A parameter value in its canonical form, or ValidationError naming the parameter."""
    if spec.kind == "time":
        match = _TIME.match(str(value).strip())
        if not match:
            raise ValidationError(_("{param}: {value!r} is not a time of day (expected HH:MM, e.g. 21:30).").format(
                param=spec.name, value=value), spec.name)
        hours, minutes = int(match.group(1)), int(match.group(2))
        return f"{hours:02d}:{minutes:02d}"
    if spec.kind == "int":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValidationError(_("{param}: {value!r} is not a whole number.").format(
                param=spec.name, value=value), spec.name) from None
        low = spec.minimum if spec.minimum is not None else 0
        if number < low or (spec.maximum is not None and number > spec.maximum):
            raise ValidationError(_("{param}: {value} is outside the allowed range {low}–{high}.").format(
                param=spec.name, value=number, low=low, high=spec.maximum if spec.maximum is not None else "∞"),
                spec.name)
        return number
    # words: a list, or a string separated by commas (ASCII or full-width) or new lines
    items = value if isinstance(value, list) else re.split(r"[,，、\n]", str(value))
    return [str(w).strip() for w in items if str(w).strip()]


def coerce_params(pack: RulePack, overrides: dict[str, Any]) -> dict[str, Any]:
    """Validate user overrides for one pack (unknown names are an error: they would be silently ignored)."""
    out: dict[str, Any] = {}
    for pname, value in (overrides or {}).items():
        spec = pack.params.get(pname)
        if spec is None:
            raise ValidationError(_("The {pack} rules have no parameter {param!r}.").format(
                pack=pack.name, param=pname), pname)
        out[pname] = _coerce(spec, value)
    return out


def defaults(pack: RulePack) -> dict[str, Any]:
    return {name: _coerce(spec, spec.default) for name, spec in pack.params.items()}


def effective_params(case: Case, pack: str | None = None) -> dict[str, Any]:
    """The pack's defaults with the case's saved overrides applied."""
    rp = load_pack(pack or default_pack(case))
    stored = (case.rule_params or {}).get(rp.name) or {}
    if not isinstance(stored, dict):
        raise ValidationError(_("Case {id}: the saved rule parameters for {pack} are not a table.").format(
            id=case.id, pack=rp.name), "rule_params")
    return {**defaults(rp), **coerce_params(rp, stored)}


def time_seconds(text: str) -> int:
    """'22:00' → seconds after midnight."""
    hours, minutes = text.split(":")[:2]
    return int(hours) * 3600 + int(minutes) * 60
