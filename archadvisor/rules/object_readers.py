"""What reads an object store decides which S3 classes can hold it (rules spliced into object-storage).

Glacier Flexible Retrieval and Deep Archive objects must be restored before anything can read them, so
a class is only as good as its readers allow: Athena and Redshift Spectrum query objects where they lie,
and an S3 File Gateway serves them as files. And a recovery that restores from an archive class takes
at least that class's retrieval time, which the RTO may not allow.
"""
from __future__ import annotations

from ..engine.context import Context
from ..engine.model import Eliminate, Warn
from ..workload.units import Duration
from .lifecycle import FLEXIBLE_FASTEST

S3_CLASSES = "notes: S3 Storage Classes"
S3_RESTORE_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html"
ATHENA_GLACIER_DOC = "https://docs.aws.amazon.com/athena/latest/ug/querying-glacier.html"
RESTORE_FIRST = ("s3-glacier-flexible-retrieval", "s3-glacier-deep-archive")


def read_in_place(c: Context) -> bool:
    """Something reads the objects where they lie: SQL on the lake (Athena, Redshift Spectrum) or an S3
    File Gateway serving them as NFS or SMB files."""
    return (c.true("analytics.adhoc_sql_on_objects") or c.true("analytics.query_warehouse_and_lake")
            or c.one_of("hybrid.storage.protocol", "nfs", "smb"))


def timed(c: Context) -> bool:
    """The retrieval time is a duration (4h), not a word: peeked, so only the comparison made is evidence."""
    return isinstance(c.peek("this.retrieval"), Duration)


def accepts_restore(c: Context) -> bool:
    """A retrieval time long enough for the fastest restore of a restore-first class (expedited, 1-5 minutes)."""
    return timed(c) and c.ge("this.retrieval", FLEXIBLE_FASTEST)


READERS_ELIMINATE = (
    Eliminate(
        id="object-storage.readers-cannot-read-archives",
        title="Objects read in place cannot sit in a restore-first archive class",
        rationale=("Athena and Redshift Spectrum query objects where they lie, and an S3 File Gateway serves them "
                   "as files; none of them can read an object in Glacier Flexible Retrieval or Deep Archive until "
                   "it has been restored (minutes to 48 hours): Athena skips such objects (it reads restored "
                   "copies only when the table is set to), and file reads through the gateway fail. Glacier Instant Retrieval, like the Standard and IA classes, reads in milliseconds."),
        sources=(S3_CLASSES, ATHENA_GLACIER_DOC, S3_RESTORE_DOC),
        pillars=("performance-efficiency", "reliability"),
        when=lambda c, t: read_in_place(c) and not (c.one_of("this.retrieval", "minutes", "hours")
                                                    or accepts_restore(c)),
        reason=("no restore time is accepted (retrieval is {this.retrieval}) and adhoc_sql_on_objects is {analytics.adhoc_sql_on_objects}, query_warehouse_and_lake is "
                "{analytics.query_warehouse_and_lake}, the on-site protocol is {hybrid.storage.protocol}: objects "
                "are read where they lie, and this class must be restored first"),
        choices=RESTORE_FIRST,
    ),
)

def _recovery_restores(c: Context) -> bool:
    """The recovery reads backups back (backup and restore): then an archive class's restore time is part of
    the recovery time. Under the other strategies the data is replicated and no archive is read back."""
    return c.decided("dr-strategy", "backup-restore", subject=None)


READERS_RESTORE_WARN = (
    Warn(
        id="object-storage.archive-read-in-place-after-restore",
        title="What reads objects in place cannot read this class before a restore",
        rationale=("A retrieval time of minutes or hours accepts a restore before reading, so a restore-first "
                   "class may hold this store; but Athena, Redshift Spectrum and an S3 File Gateway read objects "
                   "where they lie and cannot read these until restored. If they read this store, restore the "
                   "objects first (Athena reads restored objects only when the table is set to)."),
        sources=(ATHENA_GLACIER_DOC, S3_RESTORE_DOC),
        pillars=("performance-efficiency",),
        when=lambda c, t: read_in_place(c),
        reason=("retrieval is {this.retrieval} and objects are read in place elsewhere in the system "
                "(adhoc_sql_on_objects {analytics.adhoc_sql_on_objects}, on-site protocol "
                "{hybrid.storage.protocol}): if they read this store, restore the objects first, or keep them in "
                "a class that reads at once"),
        choices=RESTORE_FIRST,
    ),
)

RESTORE_WINDOW = {"deep_archive": "12h", "flexible": "5h"}

_RESTORE_RATIONALE = ("Standard retrievals take up to 12 hours from Deep Archive (48 hours in bulk) and 3 to 5 "
                      "hours from Flexible Retrieval (expedited 1-5 minutes, guaranteed only with provisioned "
                      "capacity). If recovering the system means reading this store back, the restore alone can "
                      "outlast the RTO: keep the copy that recovery needs in a class that reads at once.")

READERS_WARN = (
    Warn(
        id="object-storage.deep-archive-restore-slower-than-rto",
        title="A recovery that restores from Deep Archive takes longer than the RTO",
        rationale=_RESTORE_RATIONALE,
        sources=(S3_RESTORE_DOC,),
        pillars=("reliability",),
        thresholds=RESTORE_WINDOW,
        when=lambda c, t: _recovery_restores(c) and c.lt("availability.rto", t.deep_archive),
        reason=("the DR strategy is backup-restore and rto is {availability.rto}, shorter than a standard Deep "
                "Archive restore (up to {t.deep_archive}): if recovery restores from this store, keep what it needs in a class that reads at once"),
        choices=("s3-glacier-deep-archive",),
    ),
    Warn(
        id="object-storage.flexible-restore-slower-than-rto",
        title="A recovery that restores from Flexible Retrieval may take longer than the RTO",
        rationale=_RESTORE_RATIONALE,
        sources=(S3_RESTORE_DOC,),
        pillars=("reliability",),
        thresholds=RESTORE_WINDOW,
        when=lambda c, t: _recovery_restores(c) and c.lt("availability.rto", t.flexible),
        reason=("the DR strategy is backup-restore and rto is {availability.rto}, shorter than a standard "
                "Flexible Retrieval restore (3 to {t.flexible}): if recovery restores from this store, use expedited retrievals with provisioned capacity or keep "
                "what it needs in a class that reads at once"),
        choices=("s3-glacier-flexible-retrieval",),
    ),
)
