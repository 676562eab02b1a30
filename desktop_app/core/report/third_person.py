"""Labels as the dossier prints them: of the complainant, in the third person.

The app's shared labels (domain/labels.py) speak as the user ("My request", "Stop contacting me"),
which is right on screen and in the user's own letter; a complaint dossier is read by a regulator
and speaks of the complainant.  Everything without an override here is the shared label.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from desktop_app.core.domain.enums import EventKind, RequestType, Target
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import N_

OVERRIDES: dict[Enum, str] = {
    EventKind.USER_REQUEST: N_("The complainant's request"),
    Target.BORROWER: N_("The complainant"),
    RequestType.CEASE: N_("Stop contacting the complainant"),
    RequestType.NO_WORK_CONTACT: N_("Do not contact the complainant's workplace"),
    RequestType.PREFERRED_HOURS: N_("Contact the complainant only at these hours"),
    RequestType.ATTORNEY: N_("The complainant has a lawyer"),
}


def dossier_label(value: Enum, _: Callable[[str], str]) -> str:
    text = OVERRIDES.get(value)
    return _(text) if text is not None else label(value, _)
