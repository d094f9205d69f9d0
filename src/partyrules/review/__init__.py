"""The review itself: the organisation and its authority, the stages of a year's review
(self-assessment → appraisal → re-verification → decision → Four-Good recognition → correction),
the review window, the quota on EXCELLENT, and a history of decisions in SQLite.

>>> from partyrules.review import QuotaRule
>>> QuotaRule().allowed(excellent=12, good=48)   # 50 GOOD in the end: 20% of 50
10
>>> QuotaRule(base="good_or_better").allowed(excellent=12, good=50)   # 20% of 62, rounded down
12

See docs/explanation/review.md for the sources and the readings chosen.
"""

from ..quota import Candidate, Placement, QuotaRule, apply_quota
from .authority import Authority, AuthorityError, authority
from .organisation import Body, Level, Organisation
from .procedure import Reproduction, Review, ReviewError, Streaks, YearResult, streaks
from .store import MIGRATIONS, STAGES, Record, Store, StoreError
from .window import ReviewWindow, WindowError

__all__ = [
    "MIGRATIONS",
    "STAGES",
    "Authority",
    "AuthorityError",
    "Body",
    "Candidate",
    "Level",
    "Organisation",
    "Placement",
    "QuotaRule",
    "Record",
    "Reproduction",
    "Review",
    "ReviewError",
    "ReviewWindow",
    "Store",
    "StoreError",
    "Streaks",
    "WindowError",
    "YearResult",
    "apply_quota",
    "authority",
    "streaks",
]
