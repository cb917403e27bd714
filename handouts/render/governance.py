"""What a patient-information standard asks of every output: version, dates of publication, last and
next review, a code to quote on the phone, who approved it, and how to give feedback. The line of dates
says "reviewed" only from an approval's date: an edition no clinician has approved was published, not
reviewed."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a build that finds all up to date imports neither the model nor Babel
    from handouts.content.approvals import Approval
    from handouts.content.model import Association, Edition


@dataclass(frozen=True)
class Governance:
    code: str
    version: str
    dates: str          # published, reviewed, next review
    approval: str       # who approved it, or that it is a draft
    feedback: str

    def lines(self) -> list[str]:
        return [f"{self.code} · {self.version}", self.dates, self.approval, self.feedback]

    def summary(self) -> str:
        """One line for a file's metadata."""
        return " · ".join(self.lines())


def leaflet_code(edition: Edition, topic: str) -> str:
    """The edition's code, or one made of its topic, language and version: CALCINOSE-FR-1."""
    return edition.code or f"{topic}-{edition.language}-{edition.version}".upper().replace(".", "-")


def governance(edition: Edition, topic: str, approval: Approval | None, contact: Association,
               gettext: Callable[[str], str]) -> Governance:
    from handouts.typography import full_date, month_year, typeset

    locale, code = edition.locale, leaflet_code(edition, topic)
    when: Callable[[dt.date], str] = lambda date: month_year(date, locale)  # noqa: E731
    if approval is None:  # no clinician has reviewed it: say only what happened, its publication
        dates = gettext("Published %(published)s · next review %(next)s") % {
            "published": when(edition.published), "next": when(edition.review_due)}
    else:                 # reviewed when a clinician approved it, and not before
        dates = gettext("Published %(published)s · reviewed %(reviewed)s · next review %(next)s") % {
            "published": when(edition.published), "reviewed": when(approval.date), "next": when(edition.review_due)}
    if approval is None:
        approved = gettext("Not yet approved by a clinician: a draft")
    else:
        approved = gettext("Approved by %(name)s (%(role)s), %(date)s") % {
            "name": approval.by, "role": approval.role, "date": full_date(approval.date, locale)}
    feedback = gettext("Comments or questions about this document? Write to %(email)s, quoting its code.") % {
        "email": contact.email}
    return Governance(code, gettext("version %(version)s") % {"version": edition.version},
                      typeset(dates, locale), typeset(approved, locale), typeset(feedback, locale))


def build_date() -> dt.date:
    """'Today' for a build: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
