"""Rule packs: TOML files in resources/rules/, parameters, and per-case overrides.

A user may change a pack's parameters for one case (say, a stricter quiet-hours start of
21:00); the overrides live in `case.rule_params[<pack>]` and the values in force are printed
with every finding, so a reader of the dossier sees exactly what was checked.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Any

from desktop_app.core.domain.enums import Jurisdiction
from desktop_app.core.domain.models import Case
from desktop_app.core.errors import AppError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.paths import resource_path
from desktop_app.core.rules.model import Citation, ParamSpec, RulePack, RuleSpec, Severity, Status

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
    path = resource_path("rules", f"{name}.toml")
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise RulePackError(f"{path}: the rule pack cannot be read ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"{path}: the rule pack is not valid TOML ({exc})") from exc
    try:
        return _parse(name, data)
    except (KeyError, ValueError, TypeError) as exc:
        raise RulePackError(f"{path}: the rule pack is malformed ({exc!r})") from exc


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
        citations = tuple(
            Citation(c["instrument"], c.get("article", ""), c.get("url", ""), Status(c["status"]),
                     bool(c.get("unverified", False)), c.get("when", ""))
            for c in raw["citations"]
        )
        if not citations or citations[0].when:
            raise ValueError(f"rule {raw['id']}: the first citation must apply to every case")
        for pname in raw.get("params", []):
            if pname not in params:
                raise ValueError(f"rule {raw['id']}: unknown parameter {pname}")
        rules.append(RuleSpec(raw["id"], raw["check"], raw["title"], Severity(raw["severity"]), citations,
                              tuple(raw.get("params", [])), raw.get("note", ""), dict(raw.get("options", {}))))
    return RulePack(name, data["title"], data.get("scope", ""), params, tuple(rules))


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
