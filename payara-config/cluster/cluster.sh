#!/usr/bin/env bash
# Starts StrokeScan as a cluster on this machine, in the foreground: STROKESCAN_CLUSTER_NODES Payara Micro nodes
# (default 3) on one PostgreSQL, behind HAProxy on STROKESCAN_HTTP_PORT (default 8080). Ctrl+C stops them all.
# `mvn -Pcluster package` builds StrokeScan and runs this (README, "Running a cluster").
#
# Node i listens on HTTP port STROKESCAN_CLUSTER_FIRST_PORT + i - 1 (default 8081, ...) and on data grid port
# STROKESCAN_CLUSTER_GRID_PORT + i - 1 (default 6900, ...), all on 127.0.0.1. HAProxy also watches
# STROKESCAN_CLUSTER_SPARE more slots (default 1) for nodes added later with node.sh; a slot is DOWN until one answers.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
PATH="$PATH:/usr/sbin" # Debian's haproxy

nodes=${STROKESCAN_CLUSTER_NODES:-3}
spare=${STROKESCAN_CLUSTER_SPARE:-1}
first_port=${STROKESCAN_CLUSTER_FIRST_PORT:-8081}
grid_port=${STROKESCAN_CLUSTER_GRID_PORT:-6900}
export STROKESCAN_HTTP_PORT=${STROKESCAN_HTTP_PORT:-8080}
export STROKESCAN_HTTP_BIND=${STROKESCAN_HTTP_BIND:-127.0.0.1}
export STROKESCAN_DATA_DIR=${STROKESCAN_DATA_DIR:-./data}
export STROKESCAN_DB_URL=${STROKESCAN_DB_URL:-jdbc:postgresql://127.0.0.1:5432/strokescan}
export STROKESCAN_DB_USER=${STROKESCAN_DB_USER:-postgres}
# the nodes believe the client address HAProxy forwards (X-Forwarded-For) from this machine only
export STROKESCAN_SECURITY_TRUSTED_PROXIES=${STROKESCAN_SECURITY_TRUSTED_PROXIES:-local}
case $STROKESCAN_DB_URL in
    jdbc:postgresql:*) ;;
    *) echo "A cluster shares one PostgreSQL database; STROKESCAN_DB_URL is $STROKESCAN_DB_URL" >&2; exit 2 ;;
esac
# the database named by a local URL is created when it is missing (for trying the cluster; psql must be installed)
if [[ $STROKESCAN_DB_URL =~ ^jdbc:postgresql://(127\.0\.0\.1|localhost)(:([0-9]+))?/([A-Za-z0-9_]+)$ ]] \
        && command -v psql >/dev/null; then
    db=${BASH_REMATCH[4]} port=${BASH_REMATCH[3]:-5432}
    export PGPASSWORD=${STROKESCAN_DB_PASSWORD:-}
    if [ -z "$(psql -h 127.0.0.1 -p "$port" -U "$STROKESCAN_DB_USER" -d postgres -tAc \
            "select 1 from pg_database where datname = '$db'" 2>/dev/null)" ]; then
        createdb -h 127.0.0.1 -p "$port" -U "$STROKESCAN_DB_USER" "$db" && echo "created the database $db" >&2
    fi
fi
command -v haproxy >/dev/null || { echo "HAProxy is not installed (Debian: apt-get install haproxy)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed (Debian: apt-get install curl)" >&2; exit 2; }

members=""
for ((i = 0; i < nodes + spare; i++)); do
    members+="${members:+,}127.0.0.1:$((grid_port + i))"
done
export STROKESCAN_CLUSTER_MEMBERS=$members STROKESCAN_CLUSTER_INTERFACE=127.0.0.1

mkdir -p "$STROKESCAN_DATA_DIR/cluster"
backends="$STROKESCAN_DATA_DIR/cluster/haproxy-nodes.cfg"
{
    echo "# written by cluster.sh at each start"
    echo "backend nodes"
    echo "    balance roundrobin"
    echo "    # a browser stays on its node while that node lives; its session is replicated to another member"
    echo "    cookie STROKESCAN_NODE insert indirect nocache httponly"
    for ((i = 1; i <= nodes + spare; i++)); do
        echo "    server node$i 127.0.0.1:$((first_port + i - 1)) cookie node$i"
    done
    echo "backend sign-in"
    echo "    balance source"
    echo "    hash-type consistent"
    for ((i = 1; i <= nodes + spare; i++)); do
        echo "    server node$i 127.0.0.1:$((first_port + i - 1))"
    done
} > "$backends"

pids=()
stop() {
    trap - INT TERM EXIT
    echo "stopping the cluster" >&2
    kill -TERM "${pids[@]}" 2>/dev/null || true
    # a node that ended by itself (killed, crashed) keeps its pid file: one left behind names a node that did not
    # stop cleanly (143: it stopped on the SIGTERM sent here)
    for i in "${!node_pids[@]}"; do
        wait "${node_pids[$i]}" 2>/dev/null && status=0 || status=$?
        if [ "$status" -eq 0 ] || [ "$status" -eq 143 ]; then
            rm -f "$STROKESCAN_DATA_DIR/cluster/node$i.pid"
        fi
    done
    wait || true
}
# Ctrl+C or SIGTERM is how the cluster is meant to end: exit 0 (Maven does not report a failed build then)
trap 'stop; exit 0' INT TERM
trap stop EXIT

declare -A node_pids
start_node() {
    "$root/payara-config/cluster/node.sh" "node$1" "$((first_port + $1 - 1))" "$((grid_port + $1 - 1))" &
    pids+=($!)
    node_pids[$1]=$!
}

ready() {
    curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$1/health/ready"
}

# the first node alone: on an empty database it migrates the schema and creates the first accounts
start_node 1
for ((waited = 0; ; waited++)); do
    ready "$first_port" && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "node1 stopped before it was ready" >&2; exit 1; }
    ((waited < 300)) || { echo "node1 was not ready after 300 s" >&2; exit 1; }
    sleep 1
done
for ((i = 2; i <= nodes; i++)); do
    start_node "$i"
done

haproxy -db -f payara-config/cluster/haproxy.cfg -f "$backends" &
pids+=($!)
echo "StrokeScan cluster: $nodes nodes behind http://$STROKESCAN_HTTP_BIND:$STROKESCAN_HTTP_PORT/ (Ctrl+C stops all)" >&2
# runs until HAProxy ends (Ctrl+C ends all); a node that dies does not stop the others
wait "${pids[-1]}"
