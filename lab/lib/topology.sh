# The lab's network: four namespaces, three veth pairs, nothing in the host's root namespace. Dual stack.
#
#   cpl-client ──cl── cpl-censor ──in── cpl-net   (abroad: platforms, international controls, the control
#   198.18.0.2        198.18.0.1  .5     198.18.0.6         resolver and its DoH front, the extra resolvers,
#   2001:2:0:1::2     ::1  2001:2:0:2::1 ::2                control-server; 198.19/16, 198.18.128/17, 2001:2:0:100::/56)
#                       │ .9  2001:2:0:3::1
#                       dm
#                       │ .10 2001:2:0:3::2
#                     cpl-isp                     (in the country: ISP resolver, domestic controls,
#                                                  blockpage server, interception server; 2001:2:0:10::/64)
#
# Every address is in 198.18.0.0/15 (RFC 2544 benchmarking range) or 2001:2::/48 (RFC 5180, its IPv6
# counterpart), both declared in the probe's dns.not_bogons. The client's only routes are those two prefixes via
# the censor: no default route in either family and no path to the host. Service addresses are /32s and /128s on
# each namespace's loopback, routed by the censor. IPv6 is on everywhere; which names have AAAA records is up to
# the scenario (dual_stack in lib/dns.sh), so the scenarios written for an IPv4-only network stay IPv4-only.

readonly NS_CLIENT=cpl-client NS_CENSOR=cpl-censor NS_NET=cpl-net NS_ISP=cpl-isp
readonly LAB_NAMESPACES="$NS_CLIENT $NS_CENSOR $NS_NET $NS_ISP"
readonly LAB_RANGE=198.18.0.0/15
readonly LAB_RANGE6=2001:2::/48
readonly CLIENT_ADDR=198.18.0.2 CENSOR_CLIENT_SIDE=198.18.0.1
readonly CENSOR_NET_SIDE=198.18.0.5 NET_ADDR=198.18.0.6
readonly CENSOR_ISP_SIDE=198.18.0.9 ISP_ADDR=198.18.0.10
readonly CLIENT_ADDR6=2001:2:0:1::2 CENSOR_CLIENT_SIDE6=2001:2:0:1::1
readonly CENSOR_NET_SIDE6=2001:2:0:2::1 NET_ADDR6=2001:2:0:2::2
readonly CENSOR_ISP_SIDE6=2001:2:0:3::1 ISP_ADDR6=2001:2:0:3::2
readonly ABROAD_RANGE6=2001:2:0:100::/56 DOMESTIC_RANGE6=2001:2:0:10::/64
# The censor's interfaces, named for what they face.
readonly IF_CENSOR_CLIENT=cpl-cl1 IF_CLIENT=cpl-cl0
readonly IF_CENSOR_NET=cpl-in1 IF_NET=cpl-in0
readonly IF_CENSOR_ISP=cpl-dm1 IF_ISP=cpl-dm0

readonly ISP_RESOLVER=198.18.10.53      # the client's resolv.conf: the ISP's resolver, inside the country
readonly CONTROL_RESOLVER=198.19.53.53  # abroad: the dnsmasq behind the DoH front (and the control-server's resolver)
readonly BLOCKPAGE_ADDR=198.18.10.66    # the ISP's blockpage server (listed in lab/fingerprints.jsonl)
readonly BLOCKPAGE_ADDR2=198.18.10.67   # the same server on an address no fingerprint lists
readonly INTERCEPT_ADDR=198.18.10.77    # the interception box (Qaznet chain)
readonly CONTROL_SERVER_ADDR=198.19.9.9 # the remote vantage, abroad
readonly CONTROL_SERVER_PORT=8080
readonly SINK_ADDR=198.19.66.66         # abroad, nothing listens: the unrelated address a DNS injector hands out

# The lab's lock (descriptor 9, lab/run and lab/fleet) belongs to the script alone: a daemon that inherited it
# would hold the lock after the run that started it, and the next lab would refuse to start (CI's lab fleet did).
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@" 9>&-; }

# lab_lock: one lab at a time on a machine (the namespaces and addresses are fixed); lab/run and lab/fleet take the
# same lock on descriptor 9 and keep it until they exit. Refusing names what holds it.
lab_lock() {
  local dir=/run/lock; [[ -d $dir && -w $dir ]] || dir=/tmp
  exec 9>"$dir/censorprobe-lab.lock"
  flock -n 9 && return 0
  echo "lab: another lab run holds the lock ($dir/censorprobe-lab.lock); not starting. Held by:" >&2
  local fd
  for fd in /proc/[0-9]*/fd/*; do
    [[ $(readlink "$fd" 2>/dev/null) == "$dir/censorprobe-lab.lock" ]] || continue
    fd=${fd#/proc/}; [[ ${fd%%/*} == "$BASHPID" ]] && continue
    echo "  pid ${fd%%/*}: $(tr '\0' ' ' < "/proc/${fd%%/*}/cmdline" 2>/dev/null | cut -c1-160)" >&2
  done
  exit 1
}

# stop_pid PID: TERM, up to 10 s for it to exit, then KILL; returns when the process is gone (bounded), so what it
# held (a port, the lock, a namespace) is free for whatever comes next.
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "lab: process $pid did not exit after KILL" >&2
}

# stop_ns_pids NS...: every process in the namespaces, TERM to all at once, then each waited for as stop_pid does.
stop_ns_pids() {
  local ns pids=() pid i
  for ns in "$@"; do mapfile -t -O "${#pids[@]}" pids < <(ip netns pids "$ns" 2>/dev/null); done
  ((${#pids[@]} > 0)) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for pid in "${pids[@]}"; do
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    stop_pid "$pid"
  done
}

censor() { in_ns "$NS_CENSOR" "$@"; }

# Refuse to start on a machine where the lab's range or names are already in use by the host.
lab_preflight() {
  local bad
  bad=$(ip -o -4 addr show | awk '{print $2, $4}' | grep -E ' 198\.1[89]\.' || true)
  if [[ -n $bad ]]; then
    echo "lab: refusing to start: the host's root namespace already has addresses in $LAB_RANGE: $bad" >&2
    return 1
  fi
  bad=$(ip -o -6 addr show 2>/dev/null | awk '{print $2, $4}' | grep -iE ' 2001:2:' || true)
  if [[ -n $bad ]]; then
    echo "lab: refusing to start: the host's root namespace already has addresses in $LAB_RANGE6: $bad" >&2
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
  routes=$(in_ns "$NS_CLIENT" ip -6 route show)
  if in_ns "$NS_CLIENT" ip -6 route show table all | grep -q '^default'; then
    echo "lab: isolation check failed: the client namespace has an IPv6 default route: $routes" >&2; return 1
  fi
  # Allowed: the lab's prefix and what the kernel adds for a link (fe80::/64) and for lo (::1).
  if grep -vqiE '^(2001:2::/48|2001:2:0:[0-9a-f:]*/(6[4-9]|[7-9][0-9]|1[0-2][0-9])|fe80::/64|::1) ' <<<"$routes"; then
    echo "lab: isolation check failed: a client IPv6 route outside $LAB_RANGE6: $routes" >&2; return 1
  fi
  if ! grep -q "^$LAB_RANGE6 via $CENSOR_CLIENT_SIDE6 " <<<"$routes"; then
    echo "lab: isolation check failed: the client has no IPv6 route to the lab: $routes" >&2; return 1
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
  if ip -o -6 addr show 2>/dev/null | grep -qiE ' 2001:2:'; then
    echo "lab: isolation check failed: the host's root namespace holds a lab IPv6 address" >&2; return 1
  fi
  if ip -6 route show 2>/dev/null | grep -qiE '^2001:2:'; then
    echo "lab: isolation check failed: the host's root namespace has a route into $LAB_RANGE6" >&2; return 1
  fi
}

_veth() { # NS_A IF_A ADDR_A ADDR6_A NS_B IF_B ADDR_B ADDR6_B  (/30 and /64 each side; created inside the namespaces)
  ip link add "$2" netns "$1" type veth peer name "$6" netns "$5"
  ip -n "$1" addr add "$3/30" dev "$2"; ip -n "$1" -6 addr add "$4/64" dev "$2" nodad; ip -n "$1" link set "$2" up
  ip -n "$5" addr add "$7/30" dev "$6"; ip -n "$5" -6 addr add "$8/64" dev "$6" nodad; ip -n "$5" link set "$6" up
}

topology_up() {
  local ns
  for ns in $LAB_NAMESPACES; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # IPv6 on, but only with the addresses and routes set here: no router advertisements taken, no autoconf.
    in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0 \
      net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
      net.ipv6.conf.all.autoconf=0 net.ipv6.conf.default.autoconf=0 \
      net.ipv6.conf.all.keep_addr_on_down=1 net.ipv6.conf.default.keep_addr_on_down=1 >/dev/null
    # (keep_addr_on_down: a link taken down by a scenario keeps its IPv6 addresses, as its IPv4 ones, for the next.)
  done
  _veth "$NS_CLIENT" "$IF_CLIENT" "$CLIENT_ADDR" "$CLIENT_ADDR6" \
        "$NS_CENSOR" "$IF_CENSOR_CLIENT" "$CENSOR_CLIENT_SIDE" "$CENSOR_CLIENT_SIDE6"
  _veth "$NS_NET" "$IF_NET" "$NET_ADDR" "$NET_ADDR6" "$NS_CENSOR" "$IF_CENSOR_NET" "$CENSOR_NET_SIDE" "$CENSOR_NET_SIDE6"
  _veth "$NS_ISP" "$IF_ISP" "$ISP_ADDR" "$ISP_ADDR6" "$NS_CENSOR" "$IF_CENSOR_ISP" "$CENSOR_ISP_SIDE" "$CENSOR_ISP_SIDE6"
  _lab_routes add
  censor sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  local id role where addr url addr6
  while read -r id role where addr url addr6; do
    ip -n "cpl-$where" addr add "$addr/32" dev lo
    [[ ${addr6:--} == - ]] || ip -n "cpl-$where" -6 addr add "$addr6/128" dev lo nodad
  done < <(hosts_rows)
  ip -n "$NS_NET" addr add "$CONTROL_RESOLVER/32" dev lo
  ip -n "$NS_NET" addr add "$CONTROL_SERVER_ADDR/32" dev lo
  ip -n "$NS_NET" addr add "$SINK_ADDR/32" dev lo
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

# _lab_routes add|replace : every static route of the lab (a link going down takes its routes with it).
_lab_routes() {
  local op=$1
  ip -n "$NS_CLIENT" route "$op" "$LAB_RANGE" via "$CENSOR_CLIENT_SIDE"
  ip -n "$NS_NET" route "$op" "$LAB_RANGE" via "$CENSOR_NET_SIDE"
  ip -n "$NS_ISP" route "$op" "$LAB_RANGE" via "$CENSOR_ISP_SIDE"
  ip -n "$NS_CLIENT" -6 route "$op" "$LAB_RANGE6" via "$CENSOR_CLIENT_SIDE6"
  ip -n "$NS_NET" -6 route "$op" "$LAB_RANGE6" via "$CENSOR_NET_SIDE6"
  ip -n "$NS_ISP" -6 route "$op" "$LAB_RANGE6" via "$CENSOR_ISP_SIDE6"
  # Service addresses: abroad ones behind the international link, domestic ones behind the ISP link.
  ip -n "$NS_CENSOR" route "$op" 198.19.0.0/16 via "$NET_ADDR"
  ip -n "$NS_CENSOR" route "$op" 198.18.128.0/17 via "$NET_ADDR"
  ip -n "$NS_CENSOR" route "$op" 198.18.10.0/24 via "$ISP_ADDR"
  ip -n "$NS_CENSOR" -6 route "$op" "$ABROAD_RANGE6" via "$NET_ADDR6"
  ip -n "$NS_CENSOR" -6 route "$op" "$DOMESTIC_RANGE6" via "$ISP_ADDR6"
}

topology_down() {
  local ns
  # shellcheck disable=SC2086
  stop_ns_pids $LAB_NAMESPACES
  for ns in $LAB_NAMESPACES; do
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "/etc/netns/$NS_CLIENT"
}

# hosts_rows: the hosts table without comments: "id role where address url address6" per line (address6 "-": none).
hosts_rows() { grep -vE '^\s*(#|$)' "$LAB_DIR/hosts.tsv"; }
host_field() { # ID FIELD(2=role 3=where 4=address 5=url 6=address6)
  awk -v id="$1" -v f="$2" '!/^[[:space:]]*#/ && $1 == id {print $f; found=1} END {exit !found}' "$LAB_DIR/hosts.tsv" \
    || { echo "lab: unknown host id '$1' (see lab/hosts.tsv)" >&2; return 1; }
}
host_addr() { host_field "$1" 4; }
host_url() { host_field "$1" 5; }
host_name() { local u; u=$(host_url "$1") || return 1; u=${u#*://}; echo "${u%%/*}"; }
host_ns() { echo "cpl-$(host_field "$1" 3)"; }
host_addr6() { local a; a=$(host_field "$1" 6) || return 1; [[ ${a:--} == - ]] || echo "$a"; }
# host_ids [ROLE] : the servers (platforms and controls), or those of one role. Resolvers are not servers:
# resolver_ids lists them (role "resolver": the system resolver, the extra resolvers, the DoH control resolver).
host_ids() { hosts_rows | awk -v r="${1:-}" '(r == "" && $2 != "resolver") || $2 == r {print $1}'; }
resolver_ids() { host_ids resolver; }
