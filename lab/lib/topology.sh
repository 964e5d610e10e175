# The lab's network: four namespaces, three veth pairs, nothing in the host's root namespace.
#
#   cpl-client ──cl── cpl-censor ──in── cpl-net   (abroad: platforms, international controls,
#   198.18.0.2        198.18.0.1  .5     198.18.0.6         control resolver, control-server; 198.19/16, 198.18.128/17)
#                       │ .9
#                       dm
#                       │ .10
#                     cpl-isp                     (in the country: ISP resolver, domestic controls,
#                                                  blockpage server, interception server)
#
# Every address is in 198.18.0.0/15 (RFC 2544 benchmarking range, declared in the probe's dns.not_bogons).
# The client's only route is 198.18.0.0/15 via the censor: it has no default route and no path to the host.
# Service addresses are /32s on each namespace's loopback, routed by the censor.

readonly NS_CLIENT=cpl-client NS_CENSOR=cpl-censor NS_NET=cpl-net NS_ISP=cpl-isp
readonly LAB_NAMESPACES="$NS_CLIENT $NS_CENSOR $NS_NET $NS_ISP"
readonly LAB_RANGE=198.18.0.0/15
readonly CLIENT_ADDR=198.18.0.2 CENSOR_CLIENT_SIDE=198.18.0.1
readonly CENSOR_NET_SIDE=198.18.0.5 NET_ADDR=198.18.0.6
readonly CENSOR_ISP_SIDE=198.18.0.9 ISP_ADDR=198.18.0.10
# The censor's interfaces, named for what they face.
readonly IF_CENSOR_CLIENT=cpl-cl1 IF_CLIENT=cpl-cl0
readonly IF_CENSOR_NET=cpl-in1 IF_NET=cpl-in0
readonly IF_CENSOR_ISP=cpl-dm1 IF_ISP=cpl-dm0

readonly ISP_RESOLVER=198.18.10.53      # the client's resolv.conf: the ISP's resolver, inside the country
readonly CONTROL_RESOLVER=198.19.53.53  # abroad, never touched by the censor: the probe's control.resolver
readonly BLOCKPAGE_ADDR=198.18.10.66    # the ISP's blockpage server (listed in lab/fingerprints.jsonl)
readonly BLOCKPAGE_ADDR2=198.18.10.67   # the same server on an address no fingerprint lists
readonly INTERCEPT_ADDR=198.18.10.77    # the interception box (Qaznet chain)
readonly CONTROL_SERVER_ADDR=198.19.9.9 # the remote vantage, abroad
readonly CONTROL_SERVER_PORT=8080

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
censor() { in_ns "$NS_CENSOR" "$@"; }

# Refuse to start on a machine where the lab's range or names are already in use by the host.
lab_preflight() {
  local bad
  bad=$(ip -o -4 addr show | awk '{print $2, $4}' | grep -E ' 198\.1[89]\.' || true)
  if [[ -n $bad ]]; then
    echo "lab: refusing to start: the host's root namespace already has addresses in $LAB_RANGE: $bad" >&2
    return 1
  fi
  if ip -o link show | grep -q ' cpl-'; then
    echo "lab: refusing to start: a cpl-* interface exists in the host's root namespace" >&2
    return 1
  fi
}

# Run after the topology is up: the client must have no way out of the lab.
lab_check_isolation() {
  local routes links
  routes=$(in_ns "$NS_CLIENT" ip -4 route show)
  if grep -q '^default' <<<"$routes"; then
    echo "lab: isolation check failed: the client namespace has a default route: $routes" >&2; return 1
  fi
  if grep -vqE '^198\.1[89]\.' <<<"$routes"; then
    echo "lab: isolation check failed: a client route outside $LAB_RANGE: $routes" >&2; return 1
  fi
  if in_ns "$NS_CLIENT" ip -6 route show | grep -q .; then
    echo "lab: isolation check failed: the client namespace has IPv6 routes" >&2; return 1
  fi
  links=$(in_ns "$NS_CLIENT" ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort | tr '\n' ' ')
  if [[ $links != "$IF_CLIENT lo " ]]; then
    echo "lab: isolation check failed: unexpected client links: $links" >&2; return 1
  fi
  if ip -o link show | grep -q ' cpl-'; then
    echo "lab: isolation check failed: a cpl-* link leaked into the host's root namespace" >&2; return 1
  fi
  if ip -o -4 addr show | grep -qE ' 198\.1[89]\.'; then
    echo "lab: isolation check failed: the host's root namespace holds a lab address" >&2; return 1
  fi
}

_veth() { # NS_A IF_A ADDR_A NS_B IF_B ADDR_B  (/30 each side; created inside the namespaces)
  ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
  ip -n "$1" addr add "$3/30" dev "$2"; ip -n "$1" link set "$2" up
  ip -n "$4" addr add "$6/30" dev "$5"; ip -n "$4" link set "$5" up
}

topology_up() {
  local ns
  for ns in $LAB_NAMESPACES; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # No IPv6 anywhere: the lab is IPv4-only, so no link-local or router-advertised path exists.
    in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null || true
  done
  _veth "$NS_CLIENT" "$IF_CLIENT" "$CLIENT_ADDR" "$NS_CENSOR" "$IF_CENSOR_CLIENT" "$CENSOR_CLIENT_SIDE"
  _veth "$NS_NET" "$IF_NET" "$NET_ADDR" "$NS_CENSOR" "$IF_CENSOR_NET" "$CENSOR_NET_SIDE"
  _veth "$NS_ISP" "$IF_ISP" "$ISP_ADDR" "$NS_CENSOR" "$IF_CENSOR_ISP" "$CENSOR_ISP_SIDE"
  ip -n "$NS_CLIENT" route add "$LAB_RANGE" via "$CENSOR_CLIENT_SIDE"
  ip -n "$NS_NET" route add "$LAB_RANGE" via "$CENSOR_NET_SIDE"
  ip -n "$NS_ISP" route add "$LAB_RANGE" via "$CENSOR_ISP_SIDE"
  censor sysctl -qw net.ipv4.ip_forward=1
  # Service addresses: abroad ones behind the international link, domestic ones behind the ISP link.
  ip -n "$NS_CENSOR" route add 198.19.0.0/16 via "$NET_ADDR"
  ip -n "$NS_CENSOR" route add 198.18.128.0/17 via "$NET_ADDR"
  ip -n "$NS_CENSOR" route add 198.18.10.0/24 via "$ISP_ADDR"
  local id role where addr url
  while read -r id role where addr url; do
    ip -n "cpl-$where" addr add "$addr/32" dev lo
  done < <(hosts_rows)
  ip -n "$NS_NET" addr add "$CONTROL_RESOLVER/32" dev lo
  ip -n "$NS_NET" addr add "$CONTROL_SERVER_ADDR/32" dev lo
  ip -n "$NS_ISP" addr add "$ISP_RESOLVER/32" dev lo
  ip -n "$NS_ISP" addr add "$BLOCKPAGE_ADDR/32" dev lo
  ip -n "$NS_ISP" addr add "$BLOCKPAGE_ADDR2/32" dev lo
  ip -n "$NS_ISP" addr add "$INTERCEPT_ADDR/32" dev lo
  client_resolv_conf
}

# The client's system resolver, the ISP's. `ip netns exec` bind-mounts /etc/netns/NS/resolv.conf over
# /etc/resolv.conf (for curl, dig and anything else run in the client); the probe is also handed a copy in
# $LAB_WORK with --resolv-conf, so it never falls back to the host's file if /etc/netns is cleaned by someone else.
client_resolv_conf() {
  local text; text=$(printf 'nameserver %s\noptions timeout:2 attempts:1' "$ISP_RESOLVER")
  if [[ -f "/etc/netns/$NS_CLIENT/resolv.conf" && $(<"/etc/netns/$NS_CLIENT/resolv.conf") != "$text" ]] \
     || { [[ -f $LAB_WORK/client-resolv.conf ]] && [[ ! -f "/etc/netns/$NS_CLIENT/resolv.conf" ]]; }; then
    echo "lab: warning: /etc/netns/$NS_CLIENT/resolv.conf was removed or changed by something else; rewriting it" >&2
  fi
  mkdir -p "/etc/netns/$NS_CLIENT"
  printf '%s\n' "$text" > "/etc/netns/$NS_CLIENT/resolv.conf"
  printf '%s\n' "$text" > "$LAB_WORK/client-resolv.conf"
}

topology_down() {
  local ns
  for ns in $LAB_NAMESPACES; do
    ip netns pids "$ns" 2>/dev/null | while read -r pid; do kill "$pid" 2>/dev/null || true; done
  done
  for ns in $LAB_NAMESPACES; do
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "/etc/netns/$NS_CLIENT"
}

# hosts_rows: the hosts table without comments: "id role where address url" per line.
hosts_rows() { grep -vE '^\s*(#|$)' "$LAB_DIR/hosts.tsv"; }
host_field() { # ID FIELD(2=role 3=where 4=address 5=url)
  awk -v id="$1" -v f="$2" '!/^[[:space:]]*#/ && $1 == id {print $f; found=1} END {exit !found}' "$LAB_DIR/hosts.tsv" \
    || { echo "lab: unknown host id '$1' (see lab/hosts.tsv)" >&2; return 1; }
}
host_addr() { host_field "$1" 4; }
host_url() { host_field "$1" 5; }
host_name() { local u; u=$(host_url "$1") || return 1; u=${u#*://}; echo "${u%%/*}"; }
host_ns() { echo "cpl-$(host_field "$1" 3)"; }
host_ids() { hosts_rows | awk -v r="${1:-}" 'r == "" || $2 == r {print $1}'; }
