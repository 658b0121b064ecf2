"""Shared file systems: EFS, FSx for Windows File Server, FSx for Lustre, FSx for NetApp ONTAP (the same files
over NFS and SMB at once). One decision per file store.

Sources: notes "Elastic File System (EFS)", "Amazon FSx for Windows" and "Amazon FSx for Lustre", and
the AWS pages linked from each rule.
"""
from __future__ import annotations

from ..engine.model import Concern, Eliminate, Select, Warn
from .common import stores
from .storage import EFS, EFS_DOC, FSX_LUSTRE, FSX_LUSTRE_DOC, FSX_MULTI_AZ_DOC, FSX_WINDOWS, FSX_WINDOWS_DOC

EFS_LIFECYCLE_DOC = "https://docs.aws.amazon.com/efs/latest/ug/lifecycle-management-efs.html"
EFS_REPLICATION_DOC = "https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html"
FSX_ONTAP_DOC = "https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/what-is-fsx-ontap.html"
FSX_ONTAP_MULTIPROTOCOL = "https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/supported-fsx-clients.html"
FSX_ONTAP_AZ = "https://docs.aws.amazon.com/fsx/latest/ONTAPGuide/high-availability-AZ.html"
ONE_PROTOCOL = ("efs", "fsx-windows", "fsx-lustre")


# --------------------------------------------------------------------------------------- file-storage
FILE_STORAGE = Concern(
    id="file-storage",
    title="Shared file system",
    question="Which managed file system should hold this file store?",
    subject_kind="store",
    choices=("efs", "fsx-windows", "fsx-lustre", "fsx-ontap"),
    raised=stores("file"),
    rules=(
        Eliminate(
            id="file-storage.efs-linux-only",
            title="EFS serves Linux clients over NFS",
            rationale="EFS is an NFSv4 file system for Linux; Windows instances are not supported.",
            sources=(EFS, EFS_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.os", "windows"),
            reason="os is windows: EFS is NFS for Linux clients and does not support Windows instances",
            choices=("efs",),
        ),
        Eliminate(
            id="file-storage.smb-needs-fsx-windows",
            title="SMB is spoken by FSx for Windows File Server",
            rationale="EFS speaks NFS and FSx for Lustre the Lustre protocol; SMB shares need FSx for Windows.",
            sources=(FSX_WINDOWS, EFS, FSX_LUSTRE),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.protocol", "smb"),
            reason="protocol is smb: this file system does not serve SMB shares",
            choices=("efs", "fsx-lustre"),
        ),
        Eliminate(
            id="file-storage.fsx-windows-smb-only",
            title="FSx for Windows serves SMB, not NFS or Lustre",
            rationale="FSx for Windows File Server is a native Windows file server accessed over SMB.",
            sources=(FSX_WINDOWS, FSX_WINDOWS_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.one_of("this.protocol", "nfs", "lustre"),
            reason="protocol is {this.protocol}: FSx for Windows File Server serves SMB only",
            choices=("fsx-windows",),
        ),
        Eliminate(
            id="file-storage.lustre-linux-clients",
            title="Lustre clients run on Linux",
            rationale="FSx for Lustre is mounted with the Lustre client on Linux AMIs; Windows has no Lustre client.",
            sources=(FSX_LUSTRE, FSX_LUSTRE_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.os", "windows"),
            reason="os is windows: FSx for Lustre is mounted with the Lustre client, which runs on Linux only",
            choices=("fsx-lustre",),
        ),
        Eliminate(
            id="file-storage.lustre-protocol",
            title="The Lustre protocol is served by FSx for Lustre only",
            rationale="EFS speaks NFS and FSx for Windows SMB; Lustre clients need FSx for Lustre.",
            sources=(FSX_LUSTRE,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.protocol", "lustre"),
            reason="protocol is lustre: this file system does not speak the Lustre protocol",
            choices=("efs",),
        ),
        Eliminate(
            id="file-storage.one-protocol-file-systems",
            title="EFS, FSx for Windows and FSx for Lustre each speak one protocol",
            rationale=("EFS serves NFS only, FSx for Windows File Server SMB only and FSx for Lustre the Lustre "
                       "client only; the same files served over NFS and SMB at once need a multiprotocol file "
                       "system, FSx for NetApp ONTAP."),
            sources=(EFS_DOC, FSX_WINDOWS_DOC, FSX_LUSTRE_DOC, FSX_ONTAP_MULTIPROTOCOL),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.protocol", "nfs-and-smb"),
            reason="protocol is nfs-and-smb: this file system serves one protocol only",
            choices=ONE_PROTOCOL,
        ),
        Eliminate(
            id="file-storage.ontap-has-no-lustre",
            title="FSx for NetApp ONTAP does not speak Lustre",
            rationale="FSx for NetApp ONTAP serves NFS, SMB and iSCSI; Lustre clients need FSx for Lustre.",
            sources=(FSX_ONTAP_DOC, FSX_LUSTRE_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.protocol", "lustre"),
            reason="protocol is lustre: FSx for NetApp ONTAP serves NFS, SMB and iSCSI, not Lustre",
            choices=("fsx-ontap",),
        ),
        Select(
            id="file-storage.nfs-and-smb-ontap",
            title="The same files over NFS and SMB at once: FSx for NetApp ONTAP",
            rationale=("FSx for NetApp ONTAP serves one volume to Linux clients over NFS and to Windows clients over "
                       "SMB at the same time (multiprotocol access), joined to Active Directory for SMB, Single-AZ "
                       "or Multi-AZ, with snapshots, SnapMirror replication and tiering of cold data to a capacity "
                       "pool."),
            sources=(FSX_ONTAP_DOC, FSX_ONTAP_MULTIPROTOCOL),
            pillars=("performance-efficiency", "operational-excellence"),
            when=lambda c, t: c.eq("this.protocol", "nfs-and-smb"),
            reason=("protocol is nfs-and-smb (os {this.os}): FSx for NetApp ONTAP serves the same volume over NFS "
                    "and SMB at once"),
            choice="fsx-ontap",
        ),
        Select(
            id="file-storage.lustre-protocol-requested",
            title="Lustre clients: FSx for Lustre",
            rationale=("FSx for Lustre is the managed Lustre file system: hundreds of GB/s, millions of IOPS and "
                       "sub-millisecond latency, linked to S3 if needed."),
            sources=(FSX_LUSTRE, FSX_LUSTRE_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.protocol", "lustre"),
            reason="protocol is lustre: FSx for Lustre serves it at hundreds of GB/s with sub-millisecond latency",
            choice="fsx-lustre",
        ),
        Select(
            id="file-storage.windows-smb",
            title="Windows clients or SMB: FSx for Windows File Server",
            rationale=("FSx for Windows File Server is a native Windows file system on Windows Server: SMB, NTFS "
                       "permissions and Microsoft Active Directory authentication, single- or multi-AZ."),
            sources=(FSX_WINDOWS, FSX_WINDOWS_DOC),
            pillars=("performance-efficiency", "security"),
            # Either Windows clients or SMB decides alone: only the field that decides is evidence (the other,
            # when not given, would read as a requirement the workload never stated).
            when=lambda c, t: (c.eq("this.os", "windows") if c.peek("this.os") == "windows"
                               else c.eq("this.protocol", "smb")),
            reason=("os is {this.os} and protocol is {this.protocol}: FSx for Windows File Server serves SMB shares "
                    "with Active Directory authentication"),
            choice="fsx-windows",
        ),
        Select(
            id="file-storage.hpc-lustre",
            title="HPC without a stated protocol: FSx for Lustre",
            rationale=("Compute clusters for HPC need parallel file-system throughput; FSx for Lustre is built for "
                       "them, while EFS is the general-purpose Linux file system."),
            sources=(FSX_LUSTRE, FSX_LUSTRE_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("compute.hpc") and not c.given("this.protocol"),
            reason=("hpc is true and no protocol is required: FSx for Lustre gives the cluster parallel throughput "
                    "of hundreds of GB/s"),
            choice="fsx-lustre",
        ),
        Select(
            id="file-storage.linux-nfs",
            title="Otherwise: EFS for Linux over NFS",
            rationale=("EFS is an elastic, pay-per-use NFS file system across AZs that thousands of Linux "
                       "instances can mount at once."),
            sources=(EFS, EFS_DOC),
            pillars=("operational-excellence", "reliability"),
            reason=("protocol is {this.protocol} and os is {this.os}: EFS is an elastic NFS file system across AZs "
                    "that many Linux instances mount at once"),
            choice="efs",
        ),
        Warn(
            id="file-storage.windows-nfs-conflict",
            title="Windows clients asking for NFS",
            rationale=("EFS does not support Windows clients and FSx for Windows serves SMB only; a store that needs "
                       "both NFS and Windows is better served by a multiprotocol system (FSx for NetApp ONTAP)."),
            sources=(EFS_DOC, FSX_WINDOWS_DOC),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.os", "windows") and c.eq("this.protocol", "nfs"),
            reason=("os is windows but protocol is nfs: EFS does not support Windows clients and FSx for Windows "
                    "serves SMB only; consider SMB, or FSx for NetApp ONTAP which serves both"),
            choices=(),
        ),
        Warn(
            id="file-storage.smb-on-linux",
            title="Linux clients on an SMB share",
            rationale=("Linux can mount SMB with cifs-utils, but its native shared file system is NFS (EFS); SMB "
                       "is kept because it was asked for."),
            sources=(FSX_WINDOWS, EFS),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.eq("this.os", "linux") and c.eq("this.protocol", "smb"),
            reason=("os is linux but protocol is smb: Linux clients need cifs-utils to mount the share; EFS (NFS) is "
                    "the native choice if SMB is not a hard requirement"),
            choices=("fsx-windows",),
        ),
        Warn(
            id="file-storage.hpc-on-efs",
            title="HPC on a general-purpose file system",
            rationale="EFS is not built for the parallel throughput of HPC clusters; FSx for Lustre is.",
            sources=(FSX_LUSTRE,),
            pillars=("performance-efficiency",),
            when=lambda c, t: c.true("compute.hpc"),
            reason=("hpc is true but protocol is {this.protocol}: EFS may not keep up with a compute cluster; FSx "
                    "for Lustre (Lustre client) is built for HPC throughput"),
            choices=("efs",),
        ),
        Warn(
            id="file-storage.lustre-scratch-durability",
            title="Lustre scratch file systems do not replicate",
            rationale=("FSx for Lustre scratch file systems keep no replica; data kept for a period needs a "
                       "persistent deployment or an S3 data repository behind it."),
            sources=(FSX_LUSTRE, FSX_LUSTRE_DOC),
            pillars=("reliability",),
            when=lambda c, t: c.given("this.retention"),
            reason=("retention is {this.retention}: use a persistent FSx for Lustre deployment or link it to S3; "
                    "scratch file systems keep no replica of the data"),
            choices=("fsx-lustre",),
        ),
        Warn(
            id="file-storage.fsx-windows-multi-az",
            title="FSx for Windows across AZs: a Multi-AZ file system",
            rationale=("A Single-AZ FSx for Windows file system is unavailable while its AZ is; a Multi-AZ file "
                       "system keeps a standby file server in a second AZ, replicated synchronously, and fails over "
                       "to it automatically."),
            sources=(FSX_MULTI_AZ_DOC,),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("availability.scope", "multi-az", "multi-region"),
            reason=("scope is {availability.scope}: create {subject} as a Multi-AZ file system, with a standby file "
                    "server in a second AZ that takes over automatically"),
            choices=("fsx-windows",),
        ),
        Warn(
            id="file-storage.ontap-multi-az",
            title="FSx for NetApp ONTAP across AZs: a Multi-AZ file system",
            rationale=("A Single-AZ ONTAP file system is unavailable while its AZ is; a Multi-AZ one keeps a standby "
                       "file server in a second AZ, replicated synchronously, and fails over to it automatically."),
            sources=(FSX_ONTAP_AZ,),
            pillars=("reliability",),
            when=lambda c, t: c.one_of("availability.scope", "multi-az", "multi-region"),
            reason=("scope is {availability.scope}: create {subject} as a Multi-AZ ONTAP file system, with a "
                    "standby file server in a second AZ that takes over automatically"),
            choices=("fsx-ontap",),
        ),
        Warn(
            id="file-storage.single-instance",
            title="A file system mounted by one instance",
            rationale="A shared file system pays off when many instances mount it; one instance can use a volume.",
            sources=(EFS,),
            pillars=("cost-optimization",),
            when=lambda c, t: c.false("this.shared"),
            reason=("shared is false: a single instance could use an EBS volume at lower cost; a managed file "
                    "system pays off when many instances mount it"),
            choices=(),
        ),
        Warn(
            id="file-storage.efs-infrequent-access",
            title="Files read rarely: EFS lifecycle management to Infrequent Access",
            rationale=("EFS lifecycle management moves a file not read for a set time (1 to 365 days; 30 by "
                       "default) to the Infrequent Access storage class, which costs a fraction of Standard to "
                       "store and charges per GB read, and moves it back on its first access; Archive goes "
                       "cheaper still for files read a few times a year."),
            sources=(EFS, EFS_LIFECYCLE_DOC),
            pillars=("cost-optimization",),
            when=lambda c, t: c.one_of("this.access", "infrequent", "rare", "unknown") or c.given("this.infrequent_after"),
            reason=("access is {this.access} (infrequent_after {this.infrequent_after}): the file system's lifecycle "
                    "policy moves files not read for that long (30 days if not given) to Infrequent Access, and back "
                    "on first access"),
            choices=("efs",),
        ),
        Warn(
            id="file-storage.efs-replication",
            title="A file system the recovery Region needs: EFS replication",
            rationale=("EFS replication keeps a read-only copy of a file system in another Region (or the same "
                       "one), updated continuously with a recovery point objective of minutes (most changes "
                       "within 15 minutes); on failover the replica is made writable. Backups copied by AWS "
                       "Backup give hours instead."),
            sources=(EFS, EFS_REPLICATION_DOC),
            pillars=("reliability",),
            thresholds={"backup_rpo": "12h"},
            when=lambda c, t: c.eq("availability.scope", "multi-region") and c.lt("availability.rpo", t.backup_rpo),
            reason=("scope is multi-region with rpo {availability.rpo}, shorter than copied backups give: replicate "
                    "the file system to the recovery Region with EFS replication (RPO in minutes; make the replica "
                    "writable on failover)"),
            choices=("efs",),
        ),
    ),
)


CONCERNS = [FILE_STORAGE]
