"""How an object store ages, and how fast an archived object must come back.

A store says when its objects become infrequently read (``infrequent_after``) and when they are only kept
(``archive_after``); S3 Lifecycle rules move them between classes at those ages. The archive class is the
cheapest one whose retrieval time the store's ``retrieval`` allows, which may be a word (``minutes``) or a
duration (``4h``). One plan serves the decision's reason, the CloudFormation bucket and the quiz alike.

Facts (S3 User Guide): objects move to Standard-IA or One Zone-IA only once they are 30 days old, and from
those classes to a Glacier class only after 30 more days; Glacier Instant Retrieval reads in milliseconds;
Flexible Retrieval restores in 1-5 minutes (expedited), 3-5 hours (standard) or 5-12 hours (bulk); Deep
Archive within 12 hours (standard) or 48 hours (bulk).
"""
from __future__ import annotations

from math import ceil
from typing import Any

from ..workload.units import Duration

LIFECYCLE_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html"
RESTORE_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html"

DAY = 86400.0
IA_MINIMUM_DAYS = 30      # an object must be 30 days old before it moves to Standard-IA or One Zone-IA
IA_STAY_DAYS = 30         # ... and 30 days in an IA class before it moves on to a Glacier class
IA_CLASSES = ("s3-standard-ia", "s3-one-zone-ia")
RESTORE_FIRST = ("s3-glacier-flexible-retrieval", "s3-glacier-deep-archive")
# The longest a restore takes with the fastest option that needs no provisioned capacity promise:
# Flexible Retrieval's expedited restores take 1-5 minutes, Deep Archive's standard ones up to 12 hours.
FLEXIBLE_FASTEST = "5m"
DEEP_ARCHIVE_FASTEST = "12h"
FLEXIBLE_STANDARD = "5h"      # Flexible Retrieval standard restores: 3-5 hours
DEEP_ARCHIVE_BULK = "48h"     # Deep Archive bulk restores: within 48 hours

CLASS_NAMES = {
    "s3-standard-ia": "S3 Standard-IA", "s3-one-zone-ia": "S3 One Zone-IA",
    "s3-glacier-instant-retrieval": "S3 Glacier Instant Retrieval",
    "s3-glacier-flexible-retrieval": "S3 Glacier Flexible Retrieval",
    "s3-glacier-deep-archive": "S3 Glacier Deep Archive",
}


def seconds(text: str) -> float:
    return Duration.parse(text).base


def as_duration(value: Any) -> Duration | None:
    """A Duration as loaded, or the same written as text (the template generator reads the plain workload)."""
    if isinstance(value, Duration):
        return value
    if isinstance(value, str) and value not in ("milliseconds", "minutes", "hours"):
        try:
            return Duration.parse(value)
        except ValueError:
            return None
    return None


def archive_class(retrieval: Any, cost_priority: str | None, read_in_place: bool = False) -> str:
    """The cheapest archive class whose retrieval time ``retrieval`` allows (a word or a Duration).

    With no retrieval time, Glacier Instant Retrieval, which reads at once, unless cost comes first (Deep
    Archive). Objects read where they lie (Athena, a File Gateway) never go to a restore-first class unless a
    restore time is accepted."""
    timed = as_duration(retrieval)
    if timed is not None:
        if timed.base >= seconds(DEEP_ARCHIVE_FASTEST):
            return "s3-glacier-deep-archive"
        if timed.base >= seconds(FLEXIBLE_FASTEST):
            return "s3-glacier-flexible-retrieval"
        return "s3-glacier-instant-retrieval"
    found = {"hours": "s3-glacier-deep-archive", "minutes": "s3-glacier-flexible-retrieval",
             "milliseconds": "s3-glacier-instant-retrieval"}.get(str(retrieval))
    if found:
        return found
    if cost_priority == "lowest" and not read_in_place:
        return "s3-glacier-deep-archive"
    return "s3-glacier-instant-retrieval"


def _days(value: Any) -> int | None:
    duration = as_duration(value)
    return None if duration is None else max(0, ceil(duration.base / DAY))


def transitions(store: dict, initial: str | None, cost_priority: str | None,
                read_in_place: bool = False) -> list[tuple[int, str]]:
    """The lifecycle steps (days after creation, class id) of an object store whose ageing is described.

    An IA class chosen for the store itself is reached at 30 days (objects are written to S3 Standard);
    ``infrequent_after`` moves objects to IA (One Zone-IA for reproducible data) at that age, 30 days at
    least; ``archive_after`` moves them to the archive class, 30 days after the IA step at the earliest.
    A store with neither field gets no steps."""
    ia_days, archive_days = _days(store.get("infrequent_after")), _days(store.get("archive_after"))
    if ia_days is None and archive_days is None:
        return []
    steps: list[tuple[int, str]] = []
    ia_class = "s3-one-zone-ia" if store.get("reproducible") is True else "s3-standard-ia"
    if initial in IA_CLASSES:
        steps.append((IA_MINIMUM_DAYS, initial))
    elif ia_days is not None and (archive_days is None or ia_days < archive_days):
        steps.append((max(ia_days, IA_MINIMUM_DAYS), ia_class))
    if archive_days is not None:
        target = archive_class(store.get("retrieval"), cost_priority, read_in_place)
        earliest = steps[-1][0] + IA_STAY_DAYS if steps else 0
        steps.append((max(archive_days, earliest), target))
    return steps


def describe(steps: list[tuple[int, str]]) -> str:
    """The plan in words: 'S3 Standard-IA after 90 days, then S3 Glacier Deep Archive after 365 days'."""
    if not steps:
        return "no transition"
    return ", then ".join(f"{CLASS_NAMES[choice]} after {days} day{'s' if days != 1 else ''}"
                          for days, choice in steps)


def read_in_place(values: dict) -> bool:
    """Something reads objects where they lie (Athena, Redshift Spectrum, an S3 File Gateway): see
    rules.object_readers, which records the same test as evidence."""
    analytics = values.get("analytics") or {}
    storage = (values.get("hybrid") or {}).get("storage") or {}
    return (analytics.get("adhoc_sql_on_objects") is True or analytics.get("query_warehouse_and_lake") is True
            or storage.get("protocol") in ("nfs", "smb"))


def store_plan(values: dict, store: dict, initial: str | None = None) -> list[tuple[int, str]]:
    """The lifecycle steps of one store of a workload (its values as loaded)."""
    return transitions(store, initial, values.get("cost_priority"), read_in_place(values))
