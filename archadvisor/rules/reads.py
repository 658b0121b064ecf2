"""Read scaling and in-memory caches in front of a data store, one decision per store.

Raised for the question a workload asks, not only for the figure that answers it best: a read-heavy
relational store gets read scaling even when nobody said reads may lag (the lag becomes a warning), and
a store whose same items are read again and again gets a cache even when milliseconds would do.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .common import stores
from .database import AURORA, AURORA_FAMILY, AURORA_VS_RDS, DAX, DAX_CONSISTENCY, ELASTICACHE, KEY_VALUE, \
    MEMCACHED_VS_REDIS, MULTI_AZ, READ_REPLICAS

# Reads at least this many times the writes make a store read-heavy when its load is given in figures
# (archadvisor's rule of thumb: replicas pay off once reads dominate; AWS gives no single ratio).
READ_HEAVY_RATIO = 5


def _read_heavy(c) -> bool:
    return c.eq("this.load_shape", "read-heavy") or (
        c.given("this.writes") and c.fact_compare("read_write_ratio", ">=", READ_HEAVY_RATIO))


def _reads_to_scale(c) -> bool:
    """Reads said to lag acceptably at a given rate, or a read-heavy load (in words, or reads at least five
    times the writes): unless reads were said never to lag (stale_reads_ok: false), replicas are the question
    to answer."""
    if c.true("this.stale_reads_ok") and c.given("this.reads"):
        return True
    return _read_heavy(c) and not c.false("this.stale_reads_ok")


_READ_SCALING_STORES = stores("relational", where=_reads_to_scale)

READ_SCALING = Concern(
    id="read-scaling",
    title="Read scaling",
    question="How should reads that may lag be taken off the primary database?",
    subject_kind="store",
    choices=("rds-read-replicas", "aurora-replicas"),
    raised=_READ_SCALING_STORES,
    depends_on=("database",),
    rules=(
        Eliminate(
            id="read-scaling.aurora-replicas-need-aurora",
            title="Aurora replicas exist only in an Aurora cluster",
            rationale="Aurora replicas share the cluster's storage volume; an RDS instance has none.",
            sources=(AURORA,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.decided("database", "rds-single-az", "rds-multi-az"),
            reason="the database is {decision.database} (RDS), which has no Aurora replicas",
            choices=("aurora-replicas",),
        ),
        Eliminate(
            id="read-scaling.rds-replicas-not-for-aurora",
            title="Aurora has better replicas of its own",
            rationale=("Aurora replicas lag by milliseconds, up to fifteen, and are also failover targets; RDS-style "
                       "replicas lag by seconds and do not fail over automatically."),
            sources=(AURORA_VS_RDS,),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.decided("database", *AURORA_FAMILY),
            reason="the database is Aurora, whose own replicas lag milliseconds and double as failover targets",
            choices=("rds-read-replicas",),
        ),
        Select(
            id="read-scaling.aurora-replicas",
            title="Aurora replicas behind the reader endpoint",
            rationale=("Up to fifteen Aurora replicas share the cluster volume, lag by milliseconds, are load "
                       "balanced by the reader endpoint and are failover targets too."),
            sources=(AURORA, "notes: Aurora Reader Endpoints:"),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.decided("database", *AURORA_FAMILY),
            reason="the database is Aurora and reads ({this.reads}) may lag: Aurora replicas serve them through "
                   "the reader endpoint and also stand by for failover",
            choice="aurora-replicas",
        ),
        Select(
            id="read-scaling.rds-read-replicas",
            title="Asynchronous read replicas take reads off the primary",
            rationale=("RDS read replicas replicate asynchronously, serve reads from their own endpoints and can be "
                       "promoted by hand; the Multi-AZ standby serves no reads."),
            sources=(READ_REPLICAS, MULTI_AZ),
            pillars=("performance-efficiency",),
            reason="reads are {this.reads} (writes {this.writes}), load_shape is {this.load_shape} and "
                   "stale_reads_ok is {this.stale_reads_ok}: asynchronous read replicas serve the reads that may "
                   "lag; the Multi-AZ standby cannot",
            choice="rds-read-replicas",
        ),
        Warn(
            id="read-scaling.replica-lag-assumed",
            title="Replicas lag: only reads that may be slightly old go to them",
            rationale=("Read replicas apply the primary's changes asynchronously: RDS replicas lag by seconds (more "
                       "under load), Aurora replicas by milliseconds. A read-heavy store gets replicas even when "
                       "nobody said reads may lag, so the reads sent to them must tolerate that lag; reads that "
                       "must see the latest write stay on the primary (or the writer endpoint)."),
            sources=(READ_REPLICAS, AURORA_VS_RDS),
            pillars=("reliability",),
            when=lambda c, t: not c.given("this.stale_reads_ok"),
            reason=("load_shape is {this.load_shape} and stale_reads_ok is not given: assumed that most reads may lag "
                    "the primary; send reads that must see the latest write to the primary"),
            choices=("rds-read-replicas", "aurora-replicas"),
        ),
        Warn(
            id="read-scaling.replicas-do-not-fail-over",
            title="RDS read replicas do not fail over automatically",
            rationale="A read replica must be promoted by hand; only the Multi-AZ standby fails over on its own.",
            sources=(READ_REPLICAS,),
            pillars=("reliability",),
            when=lambda c, t: c.decided("database", "rds-single-az"),
            reason="the database is single-AZ: read replicas add read capacity but no automatic failover",
            choices=("rds-read-replicas",),
        ),
    ),
)

_CACHED_STORES = stores("relational", "key-value", "document",
                        where=lambda c: (c.eq("this.latency", "microseconds") or c.true("this.repeated_reads")
                                         or c.true("this.sessions")))
SESSIONS_DOC = "https://aws.amazon.com/caching/session-management/"
GLOBAL_DATASTORE_DOC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html"

CACHE = Concern(
    id="cache",
    title="In-memory cache",
    question="Which in-memory cache serves reads in microseconds or spares the store repeated reads?",
    subject_kind="store",
    choices=("elasticache-redis", "elasticache-memcached", "dax"),
    raised=_CACHED_STORES,
    depends_on=("database",),
    rules=(
        Eliminate(
            id="cache.dax-only-for-dynamodb",
            title="DAX caches DynamoDB only",
            rationale="DAX is API-compatible with DynamoDB and sits in front of DynamoDB tables only.",
            sources=(DAX,),
            pillars=("performance-efficiency",),
            when=lambda c, t: not c.decided("database", *KEY_VALUE),
            reason="the store is not on DynamoDB (database is {decision.database}), and DAX caches "
                   "DynamoDB only",
            choices=("dax",),
        ),
        Eliminate(
            id="cache.sessions-need-replication",
            title="Sessions must survive a cache node",
            rationale=("Memcached keeps no replica and no copy on disk: a node lost takes its sessions with it and "
                       "signs those users out. DAX caches DynamoDB reads; it is not a session store."),
            sources=(MEMCACHED_VS_REDIS, SESSIONS_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.true("this.sessions"),
            reason="sessions is true: a node loss must not sign users out, and this cache keeps no replica of them",
            choices=("elasticache-memcached", "dax"),
        ),
        Select(
            id="cache.session-store",
            title="User sessions shared by stateless servers: ElastiCache for Redis",
            rationale=("Keeping sessions out of the web servers lets any server take any request and the fleet "
                       "scale in without signing users out; ElastiCache for Redis holds them in memory with "
                       "sub-millisecond reads, key expiry (TTL) and replicas in other AZs that take over "
                       "automatically."),
            sources=(ELASTICACHE, SESSIONS_DOC),
            pillars=("performance-efficiency", "reliability"),
            when=lambda c, t: c.true("this.sessions"),
            reason=("sessions is true: ElastiCache for Redis keeps the sessions every server reads on each request "
                    "in memory, expires them with a TTL and replicates them across AZs"),
            choice="elasticache-redis",
        ),
        Select(
            id="cache.dax",
            title="DynamoDB reads in microseconds",
            rationale=("DAX is a managed, write-through in-memory cache that takes DynamoDB reads from milliseconds "
                       "to microseconds with no change to the application's DynamoDB calls."),
            sources=(DAX,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.decided("database", *KEY_VALUE) and c.eq("this.latency", "microseconds"),
            reason="latency must be microseconds on DynamoDB: DAX serves cached reads in microseconds with the "
                   "same API",
            choice="dax",
        ),
        Select(
            id="cache.dax-repeated-reads",
            title="DynamoDB items read again and again: DAX",
            rationale=("DAX keeps recently read DynamoDB items and query results in memory, so items read again "
                       "and again (a hot catalogue, a leaderboard) come from the cache, cutting read capacity "
                       "used and latency, with no change to the application's DynamoDB calls."),
            sources=(DAX,),
            pillars=("performance-efficiency", "cost-optimization"),
            when=lambda c, t: c.decided("database", *KEY_VALUE) and c.true("this.repeated_reads"),
            reason="repeated_reads is true on DynamoDB: DAX answers repeated reads from memory with the same API",
            choice="dax",
        ),
        Select(
            id="cache.memcached-simple",
            title="Simple, multi-threaded cache with lowest cost",
            rationale=("Memcached is a simple multi-threaded cache that scales out; it has no replication or "
                       "persistence, so a node loss empties its part of the cache."),
            sources=(ELASTICACHE, MEMCACHED_VS_REDIS),
            pillars=("cost-optimization", "performance-efficiency"),
            when=lambda c, t: c.eq("cost_priority", "lowest") and c.eq("availability.scope", "single-az"),
            reason="cost_priority is lowest and scope is single-az: a plain Memcached cache is enough",
            choice="elasticache-memcached",
        ),
        Select(
            id="cache.redis",
            title="A cache that replicates and survives a node loss",
            rationale=("Redis adds replication with automatic failover across AZs, persistence and rich data types; "
                       "the notes say to choose it when the cache needs more than simple caching."),
            sources=(ELASTICACHE, MEMCACHED_VS_REDIS),
            pillars=("performance-efficiency", "reliability"),
            reason="latency is {this.latency}, repeated_reads is {this.repeated_reads} and scope is "
                   "{availability.scope}: ElastiCache for Redis serves cached reads in under a millisecond, with "
                   "Multi-AZ replicas",
            choice="elasticache-redis",
        ),
        Warn(
            id="cache.stale-reads",
            title="A cache serves data that may be stale",
            rationale="Cached reads lag writes unless the application invalidates or writes through.",
            sources=(ELASTICACHE,),
            pillars=("reliability",),
            when=lambda c, t: c.false("this.stale_reads_ok"),
            reason="stale_reads_ok is false: invalidate or update cache entries on every write (write-through)",
            choices=("elasticache-redis", "elasticache-memcached"),
        ),
        Warn(
            id="cache.dax-strong-reads-pass-through",
            title="DAX does not cache strongly consistent reads",
            rationale=("DAX answers eventually consistent reads from its item and query caches; a strongly "
                       "consistent read is passed through to DynamoDB, at DynamoDB's millisecond latency, and its "
                       "result is not cached."),
            sources=(DAX, DAX_CONSISTENCY),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.false("this.stale_reads_ok"),
            reason="stale_reads_ok is false: strongly consistent reads pass through DAX to DynamoDB in milliseconds; "
                   "only reads that may lag writes come back in microseconds",
            choices=("dax",),
        ),
        Warn(
            id="cache.global-datastore",
            title="A cache the recovery Region needs warm: Global Datastore",
            rationale=("An ElastiCache cluster lives in one Region. Global Datastore for Redis OSS or Valkey "
                       "replicates a primary cluster to secondary clusters in up to two other Regions, typically "
                       "within a second; a secondary is promoted to primary in under a minute, so the recovery "
                       "Region starts with its cache warm instead of sending every read to the database."),
            sources=(ELASTICACHE, GLOBAL_DATASTORE_DOC),
            pillars=("reliability", "performance-efficiency"),
            thresholds={"warm_rto": "1h"},
            when=lambda c, t: c.eq("availability.scope", "multi-region") and c.lt("availability.rto", t.warm_rto),
            reason=("scope is multi-region with rto {availability.rto}: make the cache a Global Datastore with a secondary cluster in the "
                    "recovery Region, promoted on failover, so that Region's reads do not all fall on the database"),
            choices=("elasticache-redis",),
        ),
    ),
)

CONCERNS = [READ_SCALING, CACHE]
