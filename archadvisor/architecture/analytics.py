"""What the analytics and security concerns add: the lake's query engines, the warehouse, ETL,
dashboards and log search in an analytics panel; account-wide security services in a governance strip."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .registry import draws

if TYPE_CHECKING:
    from .build import Builder

SECURITY_CONCERNS = ("encryption", "secrets", "audit", "config-compliance", "sensitive-data")


def lake(b: "Builder") -> str:
    return b.bucket("data-lake", "S3 data lake", role="store", because=b.first_key(
        "data-lake-query", "etl", "big-data-processing", "dashboards", "warehouse"))


@draws("warehouse", "data-lake-query", "big-data-processing", "etl", "dashboards", "log-search", stage=30)
def analytics(b: "Builder") -> None:
    from .build import short_name

    warehouse = None
    for d in b.to_draw("warehouse"):
        existing = [s["node"] for s in b.stores.values() if s["choice"] == "redshift"]
        if existing:
            warehouse = existing[0]
            b.c.annotate(warehouse, b.key(d), "data warehouse")
        else:
            warehouse = b.c.add("warehouse", "redshift", "Redshift\ndata warehouse", b.analytics_group(), b.key(d))
            b.c.link(lake(b), warehouse, "COPY / load", kind="data")  # a warehouse is loaded from the lake
    for d in b.to_draw("data-lake-query"):
        if d["choice"] == "redshift-spectrum" and warehouse:
            b.c.annotate(warehouse, b.key(d), "+ Redshift Spectrum")
            b.c.link(warehouse, lake(b), "Spectrum: SQL on S3", kind="data")
            continue
        node = b.c.add(d["choice"], d["choice"], short_name(d["choice"]) + "\nSQL on S3", b.analytics_group(),
                       b.key(d))
        b.c.link(node, lake(b), "queries objects", kind="data")
    emr = None
    for concern in ("big-data-processing", "etl"):
        for d in b.to_draw(concern):
            if d["choice"] == "emr":
                if emr is None:
                    emr = b.c.add("emr", "emr", "EMR\nSpark / Hadoop", b.analytics_group(), b.key(d))
                    b.c.link(emr, lake(b), "reads / writes", kind="data")
                else:
                    b.c.annotate(emr, b.key(d), "ETL jobs")
            else:
                node = b.c.add(d["choice"], d["choice"], f"{short_name(d['choice'])}\nETL + Data Catalog",
                               b.analytics_group(), b.key(d))
                b.c.link(node, lake(b), "crawl / transform", kind="data")
                if warehouse:
                    b.c.link(node, warehouse, "load", kind="data")
    for d in b.to_draw("dashboards"):
        node = b.c.add("dashboards", d["choice"], f"{short_name(d['choice'])}\ndashboards", b.analytics_group(),
                       b.key(d))
        sources = [x for x in ("athena",) if b.c.has(x)] + ([warehouse] if warehouse else [])
        for source in sources or [lake(b)]:
            b.c.link(node, source, "queries", kind="data")
    for d in b.to_draw("log-search"):
        node = b.c.add("log-search", d["choice"], f"{short_name(d['choice'])}\nlog search", b.analytics_group(),
                       b.key(d))
        for app in b.app_nodes(because=b.key(d)):  # the logs come from the application
            b.c.link(app, node, "logs", "dotted", "monitors")


@draws(*SECURITY_CONCERNS, stage=40)
def security_services(b: "Builder") -> None:
    """Account-wide services in the governance strip; they read every resource through AWS APIs, so no
    line is drawn to each one, except Macie's scans of the buckets it inspects."""
    from .build import short_name

    for concern in SECURITY_CONCERNS:
        for d in b.to_draw(concern):
            node = b.c.add(d["choice"], d["choice"], short_name(d["choice"]), b.security(), b.key(d),
                           role="governance")
            if d["choice"] == "macie":
                for bucket in b.object_buckets():
                    b.c.link(node, bucket, "scans for PII", "dotted", "monitors")
