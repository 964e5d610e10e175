# The bench network: one namespace (cpb-bench) holding one dnsmasq, one nginx with a wildcard certificate for
# *.bench from a bench CA, and prometheus-blackbox-exporter. Sourced by bench/run; expects NS, NET, DNS_IP,
# BBE_ADDR, WORK, BENCH_DIR.

: "${NS:?}" "${NET:?}" "${WORK:?}"

PIDS_FILE() { echo "$WORK/pids"; }

# hostK.bench -> 198.19.200.(10 + K mod 200): many addresses, as in the wild, all served by the one nginx.
host_address() { echo "$NET.$((10 + $1 % 200))"; }

bench_pki() {
  local pki=$WORK/pki
  [[ -f $pki/wildcard.pem && -f $pki/ca.pem ]] && return 0
  mkdir -p "$pki"
  # RSA 2048 for both, as most of the web still presents: the clients pay one RSA verify per handshake.
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=censorprobe bench CA" \
    -keyout "$pki/ca.key" -out "$pki/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=*.bench" -keyout "$pki/wildcard.key" -out "$pki/wildcard.csr" \
    2>/dev/null
  printf 'subjectAltName=DNS:*.bench\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
    >"$pki/wildcard.ext"
  openssl x509 -req -in "$pki/wildcard.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 3650 \
    -extfile "$pki/wildcard.ext" -out "$pki/wildcard.pem" 2>/dev/null
}

in_ns() { ip netns exec "$NS" "$@"; }

# Starts "$@" inside the namespace in the background and records its pid (ip netns exec execs, so $! is it).
start_in_ns() {
  local name=$1; shift
  ip netns exec "$NS" "$@" >"$WORK/$name.log" 2>&1 &
  echo "$name $!" >>"$(PIDS_FILE)"
}

pid_of() { awk -v n="$1" '$1 == n {print $2}' "$(PIDS_FILE)" | tail -1; }

# Polls (bounded) until "$@" succeeds.
wait_until() {
  local what=$1; shift
  local i
  for ((i = 0; i < 100; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: $what did not come up; logs in $WORK" >&2
  return 1
}

network_up() {
  local max_n=$1 k
  network_down quiet
  bench_pki
  : >"$(PIDS_FILE)"

  ip netns add "$NS"
  ip -n "$NS" link set lo up
  # A /24 on lo makes the whole range local inside the namespace: one nginx answers on every host address.
  ip -n "$NS" addr add "$NET.1/24" dev lo
  ip -n "$NS" addr add "$DNS_IP/32" dev lo
  ip -n "$NS" addr add "${BBE_ADDR%:*}/32" dev lo
  mkdir -p "/etc/netns/$NS"
  echo "nameserver $DNS_IP" >"/etc/netns/$NS/resolv.conf"
  # blackbox_exporter (Go) reads /etc/hosts before DNS; an empty one keeps the host's entries out.
  : >"/etc/netns/$NS/hosts"
  echo "nameserver $DNS_IP" >"$WORK/resolv.conf"

  # DNS: one A record per name (no AAAA: both contenders ask for it and get NOERROR with no answer).
  {
    for ((k = 1; k <= max_n; k++)); do echo "$(host_address "$k") host$k.bench"; done
    echo "$NET.250 control.bench"
  } >"$WORK/hosts.bench"
  start_in_ns dnsmasq dnsmasq --keep-in-foreground --user=root --no-resolv --no-hosts --local=/bench/ \
    --addn-hosts="$WORK/hosts.bench" --listen-address="$DNS_IP" --bind-interfaces --port=53 \
    --cache-size=10000 --dns-forward-max=1000 --pid-file="$WORK/dnsmasq.pid" --log-facility="$WORK/dnsmasq.log"

  # HTTPS: one nginx, one worker (the other core is the clients'), a small HTML page with a title.
  mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs"
  {
    echo '<!doctype html><html><head><title>censorprobe bench</title></head><body>'
    for ((k = 0; k < 30; k++)); do echo "<p>bench page line $k: lorem ipsum dolor sit amet consectetur</p>"; done
    echo '</body></html>'
  } >"$WORK/nginx/html/index.html"
  cat >"$WORK/nginx/nginx.conf" <<EOF
user root;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 443 ssl reuseport backlog=4096;
    server_name *.bench;
    ssl_certificate $WORK/pki/wildcard.pem;
    ssl_certificate_key $WORK/pki/wildcard.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $WORK/nginx/html;
    location / { index index.html; }
  }
}
EOF
  start_in_ns nginx nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;'

  # blackbox_exporter: the https module checks DNS + TCP + TLS (against the bench CA) + HTTP 200.
  cat >"$WORK/blackbox.yml" <<EOF
modules:
  https:
    prober: http
    timeout: 10s
    http:
      valid_status_codes: [200]
      fail_if_not_ssl: true
      tls_config:
        ca_file: $WORK/pki/ca.pem
EOF
  # GODEBUG=netdns=go: Go's own resolver reading the namespace's resolv.conf, as in most deployments.
  start_in_ns blackbox env GODEBUG=netdns=go prometheus-blackbox-exporter --config.file="$WORK/blackbox.yml" \
    --web.listen-address="$BBE_ADDR" --log.level=warn

  wait_until "dnsmasq" bash -c "ip netns exec $NS ss -lun | grep -q '$DNS_IP:53 '"
  wait_until "nginx" in_ns curl -sfk --resolve "host1.bench:443:$(host_address 1)" \
    https://host1.bench/
  wait_until "blackbox_exporter" in_ns curl -sf "http://$BBE_ADDR/metrics"
  local probe
  probe=$(in_ns curl -s "http://$BBE_ADDR/probe?target=https://host1.bench/&module=https")
  if ! grep -q '^probe_success 1' <<<"$probe"; then
    echo "bench: blackbox_exporter cannot check https://host1.bench/:" >&2
    grep -E '^(probe_success|probe_http_status_code)' <<<"$probe" >&2 || true
    tail -5 "$WORK/blackbox.log" >&2 || true
    return 1
  fi
  echo "bench: network up (namespace $NS, $max_n names, dnsmasq $DNS_IP, nginx on $NET.10-209:443)"
}

network_down() {
  local quiet=${1:-} name pid
  if [[ -f $(PIDS_FILE) ]]; then
    while read -r name pid; do
      kill "$pid" 2>/dev/null || true
    done <"$(PIDS_FILE)"
    while read -r name pid; do
      for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    done <"$(PIDS_FILE)"
    rm -f "$(PIDS_FILE)"
  fi
  if ip netns list | grep -qw "^$NS"; then
    # Anything still inside (a probe killed mid-run) goes with the namespace's processes, by pid.
    for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$NS"
  fi
  rm -rf "/etc/netns/$NS"
  [[ $quiet == quiet ]] || echo "bench: torn down"
  return 0
}
