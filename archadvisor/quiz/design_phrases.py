"""How a scenario states the fields added for professional-level requirements (standby size, purchasing
baselines, how data ages, uploads from afar, partners' file transfer, notifications, stream processing,
traffic inspection, sign-in methods): sentences in the words of a business, never the field's name or the
service that answers it. Merged into prose.PHRASES; without them a scenario would fall back to the field's
documentation ("File protocol; nfs-and-smb: ..."), which reads like engine output.

``{v}`` is the value as words, ``{s}``/``{S}`` the subject's noun (e.g. "the reports archive")."""
from __future__ import annotations

DESIGN_PHRASES: dict = {
    "availability.standby_capacity": (
        "In the recovery Region, {v} of the production capacity is kept running before any failover.",),
    "compute.baseline": ("About {v} of the peak capacity is needed around the clock; the rest comes in bursts.",),
    "compute.bursts": {
        "spot": ("The work above the steady baseline can be interrupted and retried.",),
        "on-demand": ("The work above the steady baseline must not be interrupted.",)},
    "compute.capacity_reservation": {
        True: ("The baseline capacity must be guaranteed to be available in its Availability Zones.",),
        False: ("Capacity does not need to be reserved in advance.",)},
    "compute.may_change_region": {
        True: ("The committed use may move to another Region during the term.",),
        False: ("The workload will stay in its Region for the whole term.",)},
    "compute.may_change_service": {
        True: ("During the term, parts of the workload may move between EC2 instances, containers on Fargate and "
               "Lambda functions.",),
        False: ("The workload will stay on EC2 instances for the whole term.",)},
    "data.archive_after": ("Objects older than {v} are kept only for compliance and almost never read.",),
    "data.infrequent_after": ("After {v}, objects are read only now and then.",),
    "data.growth_per_year": ("{S} grows by about {v} a year.",),
    "data.object_size": ("A typical upload is about {v}.",),
    "data.partner_transfer": {
        "sftp": ("Business partners exchange files with {s} over SFTP and cannot change their tooling.",),
        "ftps": ("Business partners exchange files with {s} over FTPS.",),
        "ftp": ("A legacy partner system still sends files for {s} over plain FTP.",),
        "as2": ("Trading partners send EDI documents for {s} over AS2.",)},
    "data.remote_uploads": {
        True: ("Users on other continents upload files into {s}, and uploads from far away are slow.",),
        False: ("Uploads come from near the Region.",)},
    "data.sessions": {
        True: ("{S} holds user sessions that every application server reads on each request.",),
        False: ("No session state is kept in {s}.",)},
    "data.transcode": {
        True: ("Uploaded videos in {s} must be converted into streaming formats for phones, tablets and TVs.",),
        False: ("The files are served as uploaded, without conversion.",)},
    "entry.read_only": {
        True: ("Clients only read: they browse and download, and never write through the site.",),
        False: ("Clients also submit and change data through the application.",)},
    "hybrid.migration.source": {
        "nfs": ("The data to move sits on an on-premises NFS file server.",),
        "smb": ("The data to move sits on on-premises Windows (SMB) file shares.",),
        "hdfs": ("The data to move sits in an on-premises Hadoop (HDFS) cluster.",),
        "object-storage": ("The data to move sits in an on-premises object store.",)},
    "messaging.message_size": ("A typical message on {s} is about {v}.",),
    "messaging.scope": {
        "multi-region": ("{S} must keep working even if the whole Region fails, although the rest of the system only "
                         "needs to survive the loss of an Availability Zone.",),
        "multi-az": ("{S} needs to survive only the loss of an Availability Zone.",)},
    "messaging.stream_processing": {
        True: ("The events on {s} must be aggregated as they arrive, over one-minute windows, by a stateful "
               "application.",),
        False: ("No one aggregates {s} as it arrives.",)},
    "network.inspect_traffic": {
        True: ("All traffic entering and leaving the VPC must pass stateful inspection with intrusion prevention.",),
        False: ("Traffic does not need deep packet inspection.",)},
    "network.third_party_appliances": {
        True: ("The security team insists on the same vendor firewall appliances it licenses and runs today.",),
        False: ("A managed inspection service is acceptable; no vendor appliance is required.",)},
}

# a value added to a field whose other values prose.PHRASES states
PROTOCOL_PHRASES = {"nfs-and-smb": ("Linux servers mount {s} over NFS while Windows users open the same files over "
                                    "SMB.",)}

ENDPOINTS = {"email": "email", "sms": "text messages (SMS)", "mobile-push": "mobile push notifications"}
SIGN_IN = {"app-users": "their own username and password", "social": "their Google or Facebook accounts",
           "corporate-sso": "the corporate directory (SAML)"}


def list_sentence(path: str, values: list[str], join) -> str | None:
    """The sentence for a list field of this module (``join`` makes "a, b and c"); None for other fields."""
    if path == "messaging.endpoints":
        return f"People must be notified directly by {join([ENDPOINTS.get(v, v) for v in values])}."
    if path == "users.sign_in_methods":
        return f"Users must be able to sign in with {join([SIGN_IN.get(v, v) for v in values])}."
    return None
