"""Who proposes, appraises and decides each subject's grade: Hướng dẫn 43-HD/BTCTW §3, read
with the 2025 organisation (Quy định 294-QĐ/TW: no district level).

| subject | decides (HD 43 §3) |
|---|---|
| subordinate cell | its grassroots committee (the standing board of one granted above-grassroots powers); an intermediate committee above it proposes |
| grassroots cell or committee | the standing board of the directly superior committee (a commune or ward, or the province) |
| above-grassroots committee (a commune, a ward) | the provincial standing board |
| provincial committee | the Politburo and the Secretariat (outside the tree: refused) |
| member (**inferred**) | the member's grassroots organisation: the grassroots cell, or the grassroots committee above the member's cell, which proposes |

The appraisal is the work of the deciding committee's organisation advisory body (HD 43 §2), so
it is recorded in the decider's name; a re-verification is made by a committee above the
subject (366 Art. 13, 15).
"""

from __future__ import annotations

import attrs

from ..errors import PartyrulesError
from ..text.catalogue import Message, msg
from .organisation import Body, Level, Organisation

__all__ = ["Authority", "AuthorityError", "authority"]


class AuthorityError(PartyrulesError):
    """A body acted on a subject it is not competent for, or no competent body is known."""


@attrs.frozen
class Authority:
    """The competent bodies for one subject: ``decider`` decides through ``organ`` (its
    ``standing_board`` or its ``executive_committee``); ``proposer`` proposes, where one does."""

    subject: str
    decider: str
    organ: str
    proposer: str | None
    source: str

    def describe(self) -> Message:
        return msg("review.authority", decider=self.decider, organ=msg(f"organ.{self.organ}"), source=self.source)


def _grassroots_above(organisation: Organisation, body_id: str) -> Body | None:
    for body in organisation.ancestors(body_id):
        if body.level is Level.GRASSROOTS_COMMITTEE:
            return body
    return None


def authority(organisation: Organisation, subject_id: str) -> Authority:
    """The competent bodies for ``subject_id``; :class:`AuthorityError` where none is known
    (a root below a province, a province)."""
    body = organisation[subject_id]
    parent = organisation.parent(subject_id)
    level = body.level
    if level is Level.PROVINCE:
        raise AuthorityError(msg("review.province_central", subject=subject_id))
    if level is Level.MEMBER:
        cell = parent
        if cell is not None and cell.level is Level.GRASSROOTS_CELL:
            return Authority(subject_id, cell.id, "cell", None, "HD 21/2019; HD 06-HD/TW §19 (inferred)")
        grassroots = _grassroots_above(organisation, subject_id)
        if grassroots is not None and cell is not None:
            organ = "standing_board" if grassroots.above_grassroots_powers else "executive_committee"
            return Authority(subject_id, grassroots.id, organ, cell.id, "HD 21/2019; HD 06-HD/TW §19 (inferred)")
    elif level is Level.SUBORDINATE_CELL:
        grassroots = _grassroots_above(organisation, subject_id)
        if grassroots is not None:
            organ = "standing_board" if grassroots.above_grassroots_powers else "executive_committee"
            proposer = parent.id if parent is not None and parent.level is Level.INTERMEDIATE_COMMITTEE else None
            return Authority(subject_id, grassroots.id, organ, proposer, "HD 43 §3")
    elif level is Level.INTERMEDIATE_COMMITTEE:
        grassroots = _grassroots_above(organisation, subject_id)
        if grassroots is not None:
            return Authority(subject_id, grassroots.id, "executive_committee", None, "HD 43 §3 (inferred)")
    elif parent is not None:  # grassroots organisations, above-grassroots committees
        if level is Level.ABOVE_GRASSROOTS or parent.level in (Level.ABOVE_GRASSROOTS, Level.PROVINCE):
            return Authority(subject_id, parent.id, "standing_board", None, "HD 43 §3")
    raise AuthorityError(msg("review.no_decider", subject=subject_id, level=msg(f"level.{level.value}")))


def check_decider(organisation: Organisation, subject_id: str, body_id: str) -> Authority:
    """The subject's authority, after checking that ``body_id`` is its decider."""
    if body_id not in organisation:
        raise AuthorityError(msg("review.unknown_body", body=body_id))
    found = authority(organisation, subject_id)
    if found.decider != body_id:
        raise AuthorityError(msg("review.not_competent", body=body_id, subject=subject_id, decider=found.decider))
    return found


def check_superior(organisation: Organisation, subject_id: str, body_id: str) -> None:
    """Check that ``body_id`` is a committee above ``subject_id`` (who may re-verify or correct)."""
    if body_id not in organisation:
        raise AuthorityError(msg("review.unknown_body", body=body_id))
    if body_id not in {body.id for body in organisation.ancestors(subject_id)} or organisation[body_id].level in (
        Level.MEMBER,
    ):
        decider = authority(organisation, subject_id).decider
        raise AuthorityError(msg("review.not_superior", body=body_id, subject=subject_id, decider=decider))
