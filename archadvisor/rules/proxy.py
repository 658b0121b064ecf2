"""Connection pooling in front of a relational database: RDS Proxy for functions.

Each Lambda execution environment opens its own database connection, and a burst of invocations opens
thousands at once; an RDS or Aurora instance accepts a limited number (``max_connections``, set by its
memory) and spends memory and CPU on each. RDS Proxy keeps a pool of connections to the database and
shares it among the functions, queues the surplus instead of refusing it, keeps the application's
connections open through a failover (which it shortens), and can take IAM authentication, reading the
database password from Secrets Manager. This module holds the concern, its drawing, its price and its
template.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..architecture.registry import draws
from ..cloudformation.registry import templates
from ..cost.pricing import HOURS, line, pricer
from ..engine.model import Concern, Select, Warn
from .common import stores, tier_subjects

if TYPE_CHECKING:
    from ..architecture.build import Builder

PROXY_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.html"
PROXY_PLANNING_DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-planning.html"
LAMBDA_RDS_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html"
PROXY_ENGINES = ("mysql", "postgresql", "mariadb", "sqlserver")  # RDS Proxy has no Oracle or Db2 support
PROXIED = ("rds-single-az", "rds-multi-az", "aurora", "aurora-serverless", "aurora-global-database")
# RDS Proxy's engine family for an engine name as CloudFormation spells it (mysql, aurora-postgresql, sqlserver-se...)
FAMILIES = {"mysql": "MYSQL", "mariadb": "MYSQL", "postgres": "POSTGRESQL", "sqlserver": "SQLSERVER"}


def functions(c) -> bool:
    """Whether any compute tier (or the whole system's compute) runs on Lambda."""
    return any([c.decided("compute", "lambda", subject=subject.name) for subject in tier_subjects(c)])


def _proxied_store(c) -> bool:
    """A relational store, on an engine RDS Proxy supports, in RDS or Aurora, reached by functions."""
    return functions(c) and not c.one_of("this.engine", "oracle") and c.decided("database", *PROXIED)


DATABASE_PROXY = Concern(
    id="database-proxy",
    title="Database connection pooling",
    question="What keeps the functions from exhausting this database's connections?",
    subject_kind="store",
    choices=("rds-proxy",),
    raised=stores("relational", where=_proxied_store),
    depends_on=("compute", "database"),
    rules=(
        Select(
            id="database-proxy.functions-share-a-pool",
            title="Functions reaching a relational database: RDS Proxy",
            rationale=("Every concurrent Lambda execution environment opens a connection of its own, so a burst of "
                       "invocations can take more connections than the database allows and spend its memory on "
                       "them. RDS Proxy pools and shares the connections, queues the surplus rather than "
                       "refusing it, keeps connections open through a failover (and shortens it), and takes IAM "
                       "authentication with the password kept in Secrets Manager."),
            sources=("notes: Lambda", PROXY_DOC, LAMBDA_RDS_DOC),
            pillars=("reliability", "performance-efficiency", "security"),
            # the concern is raised only for a store the functions reach (see _proxied_store): its one row
            reason=("the application runs on Lambda: each concurrent function opens its own "
                    "connection; RDS Proxy pools them in front of the database and keeps them through a failover"),
            choice="rds-proxy",
        ),
        Warn(
            id="database-proxy.pinned-sessions",
            title="Session state pins a connection",
            rationale=("A client that changes session state (SET statements, temporary tables, prepared "
                       "statements on some engines) is pinned to its database connection until it disconnects, "
                       "and that connection leaves the pool: functions should keep session state out of their "
                       "queries for the pool to work."),
            sources=(PROXY_PLANNING_DOC,),
            pillars=("performance-efficiency",),
            when=lambda c, t: functions(c),
            reason=("functions share pooled connections only while they change no session state: avoid SET, "
                    "temporary tables and session variables, or the proxy pins a connection to each"),
            choices=("rds-proxy",),
        ),
    ),
)

CONCERNS = [DATABASE_PROXY]


# ------------------------------------------------------------------------------------------ drawing
@draws("database-proxy", stage=25)
def proxies(b: "Builder") -> None:
    """The proxy in the data subnets of every AZ, between the functions and the database: the functions'
    SQL goes to the proxy, which holds the connections to the database."""
    from ..architecture.canvas import slug

    for d in b.choices("database-proxy"):
        name, key = str(d["subject"]), b.key(d)
        store = b.stores.get(name)
        if not store:
            continue
        database = store["node"]
        proxy = b.c.add(f"proxy-{slug(name)}", "rds-proxy", f"RDS Proxy\n{name}", b.vpc(), key, role="proxy",
                        spans=b.subnets(1, "data"))
        for source in b.c.callers(database, label="SQL"):
            b.c.unlink(source, database, "SQL")
            b.c.link(source, proxy, "SQL (pooled)", kind="data")
        b.c.link(proxy, database, "pooled connections", kind="data")


# ------------------------------------------------------------------------------------------ cost
@pricer("rds-proxy")
def proxy_cost(ctx, item):
    """Per vCPU-hour of the database instances behind the proxy (Aurora Serverless: per ACU-hour, at least
    8 ACUs); the r6g instances the estimate prices have 2 vCPUs per size unit."""
    from ..cost.data import instance_size, replicas

    store = ctx.store(item.subject)
    choice = next((d["choice"] for d in ctx.doc.get("decisions", [])
                   if d["concern"] == "database" and d["subject"] == item.subject), None)
    if choice == "aurora-serverless":
        return [line(ctx, "RDS Proxy (Aurora Serverless v2)", 8 * HOURS, "rds-proxy-vcpu-hour",
                     note="billed per ACU-hour, at least 8 ACUs")]
    units, size = instance_size(ctx, store, replicas(ctx))
    instances = 2 if choice in ("aurora", "aurora-global-database") and ctx.azs > 1 else 1
    vcpus = 2 * units * instances
    return [line(ctx, "RDS Proxy", vcpus * HOURS, "rds-proxy-vcpu-hour",
                 note=f"{vcpus} vCPUs of db.r6g.{size} instance(s) behind it")]


# ------------------------------------------------------------------------------------------ template
@templates("rds-proxy", stage=6)
def proxy_template(gen, unit) -> None:
    """The proxy in the data subnets, reading the database's managed master secret, and its default target
    group pointing at the instance or cluster. A database whose secret the template does not manage (a
    global database's, a cross-region replica) gets a manual step instead."""
    from ..cloudformation.compute import role as make_role
    from ..cloudformation.core import att, ref
    from ..cloudformation.data import engine_of, identifier

    target = gen.refs.get(f"database:{unit.subject}") or {}
    engine, _, port, _ = engine_of(gen, unit.subject)
    family = next((value for key, value in FAMILIES.items() if key in engine), None)
    resource = target.get("db") or target.get("cluster")
    managed = resource in unit.template.resources and unit.template.resources[resource].get(
        "Properties", {}).get("ManageMasterUserPassword")  # the secret RDS keeps in Secrets Manager
    if not managed or family is None:
        gen.add_manual(f"Create an RDS Proxy for {unit.subject} with the database's secret in Secrets Manager "
                       "and point the functions at its endpoint.", unit)
        return
    gen.listen(unit, "tcp", port)
    group = gen.security_group(unit, "RDS Proxy")
    secret = att(resource, "MasterUserSecret.SecretArn")
    reader = unit.logical("Role")
    statements = [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": secret}]
    if gen.kms_arn(unit.template):
        statements.append({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": gen.kms_arn(unit.template)})
    make_role(gen, unit, reader, "rds.amazonaws.com", [], statements=statements)
    net = gen.network(unit.template)
    proxy = unit.logical("Proxy")
    unit.template.add(proxy, "AWS::RDS::DBProxy", {
        "DBProxyName": identifier(gen, f"{unit.subject}-proxy"), "EngineFamily": family, "RequireTLS": True,
        "Auth": [{"AuthScheme": "SECRETS", "SecretArn": secret, "IAMAuth": "REQUIRED"}],
        "RoleArn": att(reader, "Arn"), "VpcSecurityGroupIds": [att(group, "GroupId")],
        "VpcSubnetIds": net.two_zone_subnets("data", list(range(net.zone_count)))},
        unit.origin("functions connect with IAM authentication; the proxy reads the password from the secret"))
    members = {"DBInstanceIdentifiers": [ref(resource)]} if target.get("kind") == "rds" else \
        {"DBClusterIdentifiers": [ref(resource)]}
    unit.template.add(unit.logical("Targets"), "AWS::RDS::DBProxyTargetGroup", {
        "DBProxyName": ref(proxy), "TargetGroupName": "default", **members},
        unit.origin("the database behind the proxy"))
    unit.template.output(f"{proxy}Endpoint", att(proxy, "Endpoint"), f"{unit.subject} proxy endpoint")
    # The functions sign in with IAM: each function's role may connect through this proxy (its resource id is
    # the last part of its ARN), as any database user.
    roles = [caller.logical("Role") for caller in gen.linked(unit, outgoing=False)
             if gen.refs.get(caller.name, {}).get("function") and caller.logical("Role") in unit.template.resources]
    if roles:
        proxy_id = {"Fn::Select": [6, {"Fn::Split": [":", att(proxy, "DBProxyArn")]}]}
        unit.template.add(unit.logical("ConnectPolicy"), "AWS::IAM::Policy", {
            "PolicyName": "connect-through-proxy", "Roles": [ref(name) for name in sorted(set(roles))],
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "rds-db:connect",
                "Resource": {"Fn::Sub": ["arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:"
                                         "${ProxyId}/*", {"ProxyId": proxy_id}]}}]}},
            unit.origin("the functions connect through the proxy with IAM authentication"))
