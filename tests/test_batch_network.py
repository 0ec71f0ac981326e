"""Issue #15, item 5: the local Dask cluster (dashboard included) listens on 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path

from distributed import LocalCluster

from casus.batch import local_cluster_options


def _listening() -> dict[int, str]:
    """Listening TCP ports of this machine → local address (hex, from /proc/net/tcp*)."""
    found: dict[int, str] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A":  # LISTEN
                address, port = local.rsplit(":", 1)
                found[int(port, 16)] = address
    return found


def test_batch_cluster_and_dashboard_listen_on_loopback_only() -> None:
    with LocalCluster(n_workers=0, **local_cluster_options()) as cluster:
        ports = {cluster.scheduler.port}
        ports.add(cluster.scheduler.http_server.port)
        listening = _listening()
        for port in ports:
            assert port in listening
            assert listening[port] in ("0100007F", "00000000000000000000000001000000")
