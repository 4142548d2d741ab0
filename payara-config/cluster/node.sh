#!/usr/bin/env bash
# Starts one StrokeScan node of a cluster in the foreground: Payara Micro with the application, joined to the data
# grid of the nodes in STROKESCAN_CLUSTER_MEMBERS. cluster.sh calls it for each node; on several machines, run it on
# each (README, "Running a cluster").
#   node.sh <node name> <HTTP port> <data grid port>
# Environment: STROKESCAN_DB_URL/_USER/_PASSWORD (PostgreSQL, shared by all nodes), STROKESCAN_CLUSTER_MEMBERS
# (host:port of the data grid members, comma-separated), STROKESCAN_CLUSTER_INTERFACE (the address the grid listens
# on; default 127.0.0.1), STROKESCAN_CLUSTER_NAME (default strokescan), STROKESCAN_HEAP (default 1g),
# STROKESCAN_NODE_ADDRESS (where HTTP listens; default the grid's interface), STROKESCAN_JAVA (a JDK 21+). Every log
# line is JSON with the node's name added.
set -euo pipefail
if [ $# -ne 3 ]; then
    echo "usage: $0 <node name> <HTTP port> <data grid port>" >&2
    exit 2
fi
node=$1 http_port=$2 grid_port=$3
# the name goes into file names, JSON log lines and the claims' 64-character columns
[[ $node =~ ^[A-Za-z0-9._-]{1,64}$ ]] || { echo "a node name is 1 to 64 letters, digits, '.', '_' or '-': $node" >&2; exit 2; }
[[ $http_port =~ ^[0-9]+$ && $grid_port =~ ^[0-9]+$ ]] || { echo "ports are numbers: $http_port $grid_port" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# Payara Micro 7 needs Java 21+: STROKESCAN_JAVA, else JAVA_HOME's, else the newest under /usr/lib/jvm, else `java`
java=""
for candidate in "${STROKESCAN_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) java; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null || continue
    version=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then java=$candidate; break; fi
done
[ -n "$java" ] || { echo "StrokeScan needs a JDK 21 or newer; set STROKESCAN_JAVA or JAVA_HOME to one" >&2; exit 2; }
interface=${STROKESCAN_CLUSTER_INTERFACE:-127.0.0.1}
members=${STROKESCAN_CLUSTER_MEMBERS:-$interface:$grid_port}
data=${STROKESCAN_DATA_DIR:-./data}
for needed in target/strokescan.war target/payara/payara-micro.jar target/payara/lib; do
    [ -e "$needed" ] || { echo "$needed is missing: build first (mvn -Pcluster package does)" >&2; exit 2; }
done
export STROKESCAN_CLUSTER_NODE=$node
# Hazelcast keeps a backup of each session on another member, but by default never on one with the same address:
# nodes that share a machine would then keep no backups at all
host_aware=()
case $interface in 127.*|localhost) host_aware=(--nohostaware) ;; esac

mkdir -p "$data/cluster" target
# the shared boot commands, and HTTP on the node's own address only (HAProxy's target), not on every interface
pre_boot="$data/cluster/$node-pre-boot.asadmin"
{
    cat payara-config/pre-boot-commands.asadmin
    echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=${STROKESCAN_NODE_ADDRESS:-$interface}"
} > "$pre_boot"
# every console line is one JSON object (payara-config/logging.properties): the node's name goes in as a field
exec > >(exec sed -u "s/^{/{\"node\":\"$node\",/") 2>&1
echo $$ > "$data/cluster/$node.pid"
# exec: the pid written above is the JVM's own, so a signal (or kill -9) reaches the server itself
exec env TF_CPP_MIN_LOG_LEVEL=1 MALLOC_ARENA_MAX=2 "$java" -Djava.io.tmpdir="$root/target" \
    -Xms"${STROKESCAN_HEAP:-1g}" -Xmx"${STROKESCAN_HEAP:-1g}" \
    -jar target/payara/payara-micro.jar --deploy target/strokescan.war --contextroot / \
    --port "$http_port" --name "$node" --clustername "${STROKESCAN_CLUSTER_NAME:-strokescan}" \
    --clustermode "tcpip:$members" --interfaces "$interface" --startport "$grid_port" "${host_aware[@]}" \
    --disablephonehome --addlibs target/payara/lib \
    --prebootcommandfile "$pre_boot" \
    --postbootcommandfile payara-config/post-boot-commands.asadmin \
    --logproperties payara-config/logging.properties \
    --systemproperties payara-config/system.properties
