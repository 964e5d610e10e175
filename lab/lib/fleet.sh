# The lab's fleet (lab/fleet): three more client networks beside cpl-client, each its own namespace and link to the
# censor, each censored its own way, each with a probe daemon (probe run) that delivers to one PostgreSQL on the
# central host abroad, where the reporter reads it.
#
#   cpl-fa ──fa── cpl-censor ── cpl-net     network A (AS64501): its DNS to the ISP resolver is intercepted, and
#   198.18.0.18      │          198.19.5.5  www.facebook.com answered 10.10.34.36 (dns.bogon)
#   cpl-fb ──fb──────┤          central     network B (AS64502): a ClientHello carrying www.facebook.com is reset
#   198.18.0.22      │          PostgreSQL  (tls.sni_filtered)
#   cpl-fc ──fc──────┘          + reporter  network C (AS64503): clean
#   198.18.0.26
#
# The censor's rules match the network's own interface (-i cpl-fa1 ...), so each network is censored alone; the
# path to the central store (:5432, TLS) is never touched. Addresses stay in the lab's ranges; nothing is added to
# the host's root namespace.

readonly FLEET_NETS="a b c"
readonly CENTRAL_ADDR=198.19.5.5 CENTRAL_PORT=5432
readonly FLEET_HIJACK_PORT=5355
declare -A FLEET_NAME=([a]="Lab A" [b]="Lab B" [c]="Lab C")
declare -A FLEET_ASN=([a]=64501 [b]=64502 [c]=64503)
declare -A FLEET_OCTET=([a]=16 [b]=20 [c]=24)   # each network's /30: 198.18.0.N/30, censor .N+1, client .N+2
declare -A FLEET_V6=([a]=4 [b]=5 [c]=6)          # and 2001:2:0:X::/64, censor ::1, client ::2
# The fleet's platforms: one to block, two that must stay reachable everywhere.
readonly FLEET_PLATFORMS="facebook youtube twitter"
declare -A FLEET_PLATFORM_NAME=([facebook]=Facebook [youtube]=YouTube [twitter]=Twitter)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

fleet_dir() { echo "$LAB_WORK/fleet"; }
fleet_ns() { echo "cpl-f$1"; }
fleet_if() { echo "cpl-f${1}0"; }
fleet_censor_if() { echo "cpl-f${1}1"; }
fleet_addr() { echo "198.18.0.$((FLEET_OCTET[$1] + 2))"; }
fleet_censor_addr() { echo "198.18.0.$((FLEET_OCTET[$1] + 1))"; }
fleet_probe_id() { echo "lab-$1"; }

fleet_topology_up() {
  local n ns
  for n in $FLEET_NETS; do
    ns=$(fleet_ns "$n")
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0 \
      net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
      net.ipv6.conf.all.autoconf=0 net.ipv6.conf.default.autoconf=0 >/dev/null
    _veth "$ns" "$(fleet_if "$n")" "$(fleet_addr "$n")" "2001:2:0:${FLEET_V6[$n]}::2" \
          "$NS_CENSOR" "$(fleet_censor_if "$n")" "$(fleet_censor_addr "$n")" "2001:2:0:${FLEET_V6[$n]}::1"
    ip -n "$ns" route add "$LAB_RANGE" via "$(fleet_censor_addr "$n")"
    ip -n "$ns" -6 route add "$LAB_RANGE6" via "2001:2:0:${FLEET_V6[$n]}::1"
    mkdir -p "$(fleet_dir)/$n"
    printf 'nameserver %s\noptions timeout:2 attempts:1\n' "$ISP_RESOLVER" > "$(fleet_dir)/$n/resolv.conf"
  done
  ip -n "$NS_NET" addr add "$CENTRAL_ADDR/32" dev lo
}

# Each network's namespace has its link and lo, and routes into the lab's ranges only: no way out of the lab.
fleet_check_isolation() {
  local n ns routes links
  for n in $FLEET_NETS; do
    ns=$(fleet_ns "$n")
    routes=$(in_ns "$ns" ip -4 route show)
    if grep -q '^default' <<<"$routes" || grep -vqE '^198\.1[89]\.' <<<"$routes"; then
      echo "lab: isolation check failed: $ns has a route outside $LAB_RANGE: $routes" >&2; return 1
    fi
    if in_ns "$ns" ip -6 route show table all | grep -q '^default'; then
      echo "lab: isolation check failed: $ns has an IPv6 default route" >&2; return 1
    fi
    links=$(in_ns "$ns" ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' | sort | tr '\n' ' ')
    if [[ $links != "$(fleet_if "$n") lo " ]]; then
      echo "lab: isolation check failed: unexpected links in $ns: $links" >&2; return 1
    fi
  done
}

fleet_topology_down() {
  local n ns
  for n in $FLEET_NETS; do
    ns=$(fleet_ns "$n")
    stop_ns_pids "$ns"
    ip netns del "$ns" 2>/dev/null || true
  done
}

# ---- the central store: PostgreSQL in cpl-net, TLS with a certificate from a CA of the fleet's own

_fleet_pg() { cat "$(fleet_dir)/pgdir" 2>/dev/null; }
fleet_psql() { psql -X -q -tA -h "$(_fleet_pg)" -p "$CENTRAL_PORT" -U postgres -v ON_ERROR_STOP=1 -d censorprobe "$@"; }
fleet_central_url() { echo "postgresql://$CENTRAL_ADDR:$CENTRAL_PORT/censorprobe?sslrootcert=$(fleet_dir)/pki/ca.pem"; }

fleet_central_up() {
  local d pg; d=$(fleet_dir); mkdir -p "$d/pki"
  [[ -x $PGBIN/initdb ]] || { echo "lab: no PostgreSQL server in $PGBIN (apt-get install postgresql)" >&2; return 1; }
  # The server runs as postgres, which must reach its directory: a temp dir, not the repository.
  pg=$(mktemp -d /tmp/cpl-fleet-pg.XXXXXX); chmod 755 "$pg"; echo "$pg" > "$d/pgdir"
  (
    cd "$d/pki"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=lab fleet CA" \
      -keyout ca.key -out ca.pem 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$CENTRAL_ADDR" \
      -keyout central.key -out central.csr 2>/dev/null
    printf 'subjectAltName=IP:%s\n' "$CENTRAL_ADDR" > san.ext
    openssl x509 -req -in central.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext \
      -out central.crt 2>/dev/null
  )
  echo "su-$RANDOM$RANDOM" > "$pg/su.pw"
  chown -R postgres:postgres "$pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$pg/data" -U postgres --pwfile="$pg/su.pw" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  install -o postgres -g postgres -m 600 "$d/pki/central.key" "$pg/data/server.key"
  install -o postgres -g postgres -m 644 "$d/pki/central.crt" "$pg/data/server.crt"
  printf 'local all all trust\nhostssl all all %s scram-sha-256\nhostnossl all all 0.0.0.0/0 reject\n' "$LAB_RANGE" \
    > "$pg/data/pg_hba.conf"
  printf "listen_addresses = '%s'\nport = %s\nunix_socket_directories = '%s'\nssl = on\n" \
    "$CENTRAL_ADDR" "$CENTRAL_PORT" "$pg" >> "$pg/data/postgresql.conf"
  chown postgres:postgres "$pg/data/pg_hba.conf"
  in_ns "$NS_NET" runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 start >/dev/null
  psql -X -q -h "$pg" -p "$CENTRAL_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE fleet_admin LOGIN CREATEROLE PASSWORD 'fleet-admin-pw'" \
    -c "CREATE DATABASE censorprobe OWNER fleet_admin"
  echo fleet-admin-pw > "$d/admin.pw"
  local admin=(--db "$(fleet_central_url)" --user fleet_admin --admin-password-file "$d/admin.pw") n
  in_ns "$NS_NET" java -jar "$REPO_DIR/central/target/central.jar" migrate "${admin[@]}" > "$d/central.log" 2>&1
  for n in $FLEET_NETS; do
    echo "pw-$n-$RANDOM$RANDOM" > "$d/$n/central.pw"
    in_ns "$NS_NET" java -jar "$REPO_DIR/central/target/central.jar" add-probe "$(fleet_probe_id "$n")" \
      --password-file "$d/$n/central.pw" "${admin[@]}" >> "$d/central.log" 2>&1
  done
  echo "reader-$RANDOM$RANDOM" > "$d/reader.pw"
  in_ns "$NS_NET" java -jar "$REPO_DIR/central/target/central.jar" add-reader fleet_reader \
    --password-file "$d/reader.pw" "${admin[@]}" >> "$d/central.log" 2>&1
}

fleet_central_down() {
  local pg; pg=$(_fleet_pg)
  [[ -n $pg && -d $pg ]] || return 0
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg" "$(fleet_dir)/pgdir"
}

# ---- the probes

fleet_probe_config() { # NET -> $(fleet_dir)/NET/targets.yaml: the lab config's shape, this network's identity
  local n=$1 d id role url p; d=$(fleet_dir)
  {
    cat <<EOF
# Generated by lab/fleet: the probe of network ${FLEET_NAME[$n]} in the lab's fleet.
probe: { id: $(fleet_probe_id "$n"), country: KZ, network: "${FLEET_NAME[$n]}", asn: ${FLEET_ASN[$n]} }
timeouts: { dns: 2s, tcp: 3s, tls: 5s, http: 12s }
schedule: { every: ${FLEET_EVERY:-12s}, jitter: 0s }
dns: { not_bogons: [$LAB_RANGE, $LAB_RANGE6] }
tls: { trust: [$(pki_dir)/lab/ca.pem] }
limits: { body_bytes: 256KiB }
classifier: { fingerprints: [$LAB_DIR/fingerprints.jsonl] }
resolvers: [ $(host_url extra1), $(host_url extra2) ]
store: { path: $d/$n/store.db }
upload:
  url: postgresql://$CENTRAL_ADDR:$CENTRAL_PORT/censorprobe
  user: probe_$(fleet_probe_id "$n")
  password_file: $d/$n/central.pw
  ca_file: $d/pki/ca.pem
  backoff_max: 5s
control:
  resolver: $(host_url doh)
  sni: www.example.com
EOF
    if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
      echo "  helpers: [ http://$CONTROL_SERVER_ADDR:$CONTROL_SERVER_PORT/ ]"
    fi
    echo "  targets:"
    while read -r id role _ _ url _; do
      case $role in
        control) echo "    - $url" ;;
        domestic) echo "    - { url: $url, domestic: true }" ;;
      esac
    done < <(hosts_rows)
    echo "platforms:"
    for p in $FLEET_PLATFORMS; do
      printf '  %s:\n    name: %s\n    endpoints: [ %s ]\n' "$p" "${FLEET_PLATFORM_NAME[$p]}" "$(host_url "$p")"
    done
  } > "$d/$n/targets.yaml"
}

fleet_probe_start() { # NET
  local n=$1 d; d=$(fleet_dir)
  # `ip netns exec` itself, not in_ns: it execs the JVM, so $! is the daemon's pid and the TERM below reaches it (a
  # backgrounded function is a subshell whose death leaves the JVM running).
  ip netns exec "$(fleet_ns "$n")" java ${LAB_JAVA_OPTS:--XX:+UseSerialGC -Xmx192m} -jar "$(probe_jar)" run \
    --config "$d/$n/targets.yaml" --listen 127.0.0.1:19847 --resolv-conf "$d/$n/resolv.conf" --stop-deadline 30s \
    9>&- > "$d/$n/daemon.out" 2> "$d/$n/daemon.log" &
  echo $! > "$d/$n/daemon.pid"
}

fleet_probe_stop() { # NET : SIGTERM, so the last rounds go up in the uploader's final pass
  local pidf; pidf="$(fleet_dir)/$1/daemon.pid"
  [[ -s $pidf ]] || return 0
  local pid; pid=$(<"$pidf")
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  stop_pid "$pid"
  rm -f "$pidf"
}

# ---- each network's censor

# fleet_dns_hijack NET NAME_OR_ID VALUE : the network's DNS to the ISP resolver DNAT-ed to the censor's own
# dnsmasq on that network's link, which answers VALUE for the name and what the ISP resolver would for the rest.
declare -A DNS_FLEET_HIJACK=()
fleet_dns_hijack() {
  local n=$1 name; name=$(_dns_name "$2") || return 1
  DNS_FLEET_HIJACK=()
  local k; for k in "${!DNS_ISP[@]}"; do DNS_FLEET_HIJACK[$k]=${DNS_ISP[$k]}; done
  DNS_FLEET_HIJACK[$name]=$3
  _DNS_WRITTEN[fleet-hijack-$n]=""
  _dns_ensure "fleet-hijack-$n" "$NS_CENSOR" "$(fleet_censor_addr "$n")" DNS_FLEET_HIJACK up "$FLEET_HIJACK_PORT"
  local proto
  for proto in udp tcp; do
    censor iptables -t nat -A PREROUTING -i "$(fleet_censor_if "$n")" -d "$ISP_RESOLVER" -p "$proto" --dport 53 \
      -j DNAT --to-destination "$(fleet_censor_addr "$n"):$FLEET_HIJACK_PORT"
  done
  # queries already tracked keep their old destination: forget this network's
  censor conntrack -D -s "$(fleet_addr "$n")" >/dev/null 2>&1 || true
}

# fleet_sni_reset NET ID : a ClientHello from the network carrying the host's name answered with RST.
fleet_sni_reset() {
  censor iptables -A FORWARD -i "$(fleet_censor_if "$1")" -p tcp --dport 443 -m string --string "$(host_name "$2")" \
    --algo bm -j REJECT --reject-with tcp-reset
}

# Every fleet network's censorship lifted at once.
fleet_censor_reset() {
  local n t
  for t in filter nat; do censor iptables -t "$t" -F; done
  for n in $FLEET_NETS; do
    _dns_stop "fleet-hijack-$n"
    censor conntrack -D -s "$(fleet_addr "$n")" >/dev/null 2>&1 || true
  done
}
