"""Enum labels: members of different enums sharing a value keep their own label (roles shown in the panels)."""

from __future__ import annotations

from desktop_app.core.domain.enums import Channel, Conduct, ContactPointKind, PartyRole, Target, VisitPlace
from desktop_app.core.domain.labels import label


def test_same_value_different_enum():
    assert label(PartyRole.PLATFORM) == "Platform"
    assert label(Channel.PLATFORM) == "The platform's own complaint channel"
    assert label(ContactPointKind.APP) == "App account" and label(Channel.APP) == "App message"
    assert label(Conduct.OTHER) == "Other misconduct" and label(VisitPlace.OTHER) == "Elsewhere"
    assert label(PartyRole.THIRD_PARTY) == "Third party" and label(Target.THIRD_PARTY) == "A third party"
