# The censor: a namespace that routes between the client and everything else, using the tools real censors use.
# Every verb below is a one-liner a scenario file calls; censor_reset puts the path back to a clean baseline.
# Only the censor namespace's own iptables and qdiscs are touched (never the host's).

censor_reset() {
  local t ipt
  for ipt in iptables ip6tables; do
    for t in filter nat mangle raw; do censor "$ipt" -t "$t" -F; censor "$ipt" -t "$t" -X; done
    censor "$ipt" -P FORWARD ACCEPT
  done
  censor tc qdisc del dev "$IF_CENSOR_CLIENT" root 2>/dev/null || true
  censor conntrack -F 2>/dev/null || true
  _THROTTLE_CLASS=20
  _HTTP_FILTER=(); _nginx_stop httpfilter
  _nginx_stop portal
  _dns_stop hijack
  dns_inject_stop
  # Links up and their static routes back (a link going down takes its routes with it).
  ip -n "$NS_CLIENT" link set "$IF_CLIENT" up
  ip -n "$NS_CENSOR" link set "$IF_CENSOR_CLIENT" up
  ip -n "$NS_CENSOR" link set "$IF_CENSOR_NET" up
  ip -n "$NS_CENSOR" link set "$IF_CENSOR_ISP" up
  ip -n "$NS_NET" link set "$IF_NET" up
  ip -n "$NS_ISP" link set "$IF_ISP" up
  _lab_routes replace
}

_from_client() { echo "-i $IF_CENSOR_CLIENT"; }

# block_ip ID drop|reset [v4|v6] : every packet to the host's address dropped, or every SYN answered with RST. Both
# of its addresses (IPv4, and IPv6 where it has one) unless a family is named. ID may be a resolver (hosts.tsv).
block_ip() {
  local id=$1 mode=$2 family=${3:-both} addr addr6
  addr=$(host_addr "$id") || return 1; addr6=$(host_addr6 "$id")
  case $mode in drop|reset) ;; *) echo "lab: block_ip $id: expected drop or reset" >&2; return 1 ;; esac
  case $family in both|v4|v6) ;; *) echo "lab: block_ip $id: family must be v4 or v6" >&2; return 1 ;; esac
  if [[ $family != v6 ]]; then
    case $mode in
      drop) censor iptables -A FORWARD $(_from_client) -d "$addr" -j DROP ;;
      reset) censor iptables -A FORWARD $(_from_client) -d "$addr" -p tcp -j REJECT --reject-with tcp-reset ;;
    esac
  fi
  if [[ $family != v4 ]]; then
    [[ -n $addr6 ]] || { [[ $family == v6 ]] && { echo "lab: block_ip $id v6: the host has no IPv6 address" >&2; return 1; }; return 0; }
    case $mode in
      drop) censor ip6tables -A FORWARD $(_from_client) -d "$addr6" -j DROP ;;
      reset) censor ip6tables -A FORWARD $(_from_client) -d "$addr6" -p tcp -j REJECT --reject-with tcp-reset ;;
    esac
  fi
}

# sni_filter ID drop|reset [STRING] : DPI on the ClientHello: a packet to :443 carrying the platform's name
# (default: its host name) is dropped (the dominant Kazakh method: the handshake goes silent) or answered with RST.
sni_filter() {
  local name=${3:-$(host_name "$1")} action
  case $2 in
    drop) action=(-j DROP) ;;
    reset) action=(-j REJECT --reject-with tcp-reset) ;;
    *) echo "lab: sni_filter $1: expected drop or reset" >&2; return 1 ;;
  esac
  censor iptables -A FORWARD $(_from_client) -p tcp --dport 443 -m string --string "$name" --algo bm "${action[@]}"
}

# intercept ID : HTTPS to the platform's address NAT-ed to the interception box (Qaznet chain, not trusted).
intercept() {
  local addr; addr=$(host_addr "$1") || return 1
  censor iptables -t nat -A PREROUTING $(_from_client) -d "$addr" -p tcp --dport 443 \
    -j DNAT --to-destination "$INTERCEPT_ADDR:443"
}

# http_blockpage ID : plain HTTP to the platform's address NAT-ed to the ISP's blockpage server, which answers
# every Host with the blockpage (the policy-routing-to-a-filter-box setup; the SYN carries no Host to match on).
http_blockpage() {
  local addr; addr=$(host_addr "$1") || return 1
  censor iptables -t nat -A PREROUTING $(_from_client) -d "$addr" -p tcp --dport 80 \
    -j DNAT --to-destination "$BLOCKPAGE_ADDR:80"
}

# http_filter ID [blockpage|451|close] : the censor's transparent HTTP filter box. Every plain-HTTP connection from
# the client is redirected to an nginx in the censor namespace that reads the request's Host: this platform's Host
# gets the blockpage (or a 451, or the connection closed without a response); every other Host is proxied on.
HTTP_FILTER_PORT=3128
declare -A _HTTP_FILTER=()
http_filter() {
  local name; name=$(host_name "$1") || return 1
  local action=${2:-blockpage}
  case $action in blockpage|451|close) ;; *) echo "lab: http_filter: unknown action '$action'" >&2; return 1 ;; esac
  _HTTP_FILTER[$name]=$action
  _http_filter_start
}

_http_filter_start() {
  local d; d=$(_nginx_dir); _nginx_stop httpfilter
  {
    _nginx_head httpfilter
    echo "  resolver $ISP_RESOLVER valid=10s ipv6=off;"
    echo "  map \$host \$lab_filter {"
    echo "    default pass;"
    local n
    for n in "${!_HTTP_FILTER[@]}"; do echo "    $n ${_HTTP_FILTER[$n]};"; done
    echo "  }"
    cat <<EOF2
  server {
    listen $CENSOR_CLIENT_SIDE:$HTTP_FILTER_PORT;
    root $LAB_WORK/www/blockpage;
    location = /index.html { internal; }
    location / {
      if (\$lab_filter = blockpage) { rewrite ^ /index.html last; }
      if (\$lab_filter = 451) { return 451 "<html><head><title>451 Unavailable For Legal Reasons</title></head><body>blocked by order</body></html>"; }
      if (\$lab_filter = close) { return 444; }
      proxy_pass http://\$host\$request_uri;
      proxy_set_header Host \$host;
    }
  }
}
EOF2
  } > "$d/httpfilter.conf"
  _nginx_start httpfilter "$NS_CENSOR" || return 1
  local rule=(PREROUTING $(_from_client) -p tcp --dport 80 -j DNAT --to-destination "$CENSOR_CLIENT_SIDE:$HTTP_FILTER_PORT")
  censor iptables -t nat -C "${rule[@]}" 2>/dev/null || censor iptables -t nat -A "${rule[@]}"
}

# host_filter ID drop|reset : DPI on plain HTTP: a packet to :80 carrying "Host: NAME" (the request) is dropped
# (the request goes unanswered) or answered with RST. The connection itself opens normally.
host_filter() {
  local name action; name=$(host_name "$1") || return 1
  case $2 in
    drop) action=(-j DROP) ;;
    reset) action=(-j REJECT --reject-with tcp-reset) ;;
    *) echo "lab: host_filter $1: expected drop or reset" >&2; return 1 ;;
  esac
  censor iptables -A FORWARD $(_from_client) -p tcp --dport 80 -m string --string "Host: $name" --algo bm --icase \
    "${action[@]}"
}

# dns_silence NAME_OR_ID : queries for this one name to the ISP resolver vanish (DPI on port 53, UDP and TCP).
dns_silence() {
  local name hex="" label; name=$(_dns_name "$1") || return 1
  for label in ${name//./ }; do hex+=$(printf '|%02x|%s' "${#label}" "$label"); done
  local proto
  for proto in udp tcp; do
    censor iptables -A FORWARD $(_from_client) -d "$ISP_RESOLVER" -p "$proto" --dport 53 \
      -m string --hex-string "$hex|00|" --algo bm --icase -j DROP
  done
}

# throttle ID RATE : the platform's traffic towards the client squeezed through a token bucket (tc htb class with
# a tbf leaf), everything else at line rate. RATE in tc units, e.g. 2mbit.
_THROTTLE_CLASS=20
throttle() {
  local addr rate=$2 dev=$IF_CENSOR_CLIENT; addr=$(host_addr "$1") || return 1
  if ! censor tc qdisc show dev "$dev" | grep -q 'htb 1:'; then
    censor tc qdisc replace dev "$dev" root handle 1: htb default 10
    censor tc class add dev "$dev" parent 1: classid 1:10 htb rate 10gbit quantum 60000
  fi
  local c=$_THROTTLE_CLASS; _THROTTLE_CLASS=$((c + 1))
  censor tc class add dev "$dev" parent 1: classid "1:$c" htb rate "$rate" ceil "$rate" burst 15k
  censor tc qdisc add dev "$dev" parent "1:$c" handle "$c:" tbf rate "$rate" burst 15k latency 2s
  censor tc filter add dev "$dev" parent 1: protocol ip prio 1 u32 match ip src "$addr/32" flowid "1:$c"
}

# uplink_down : the client's own link is down (a local outage: cable, modem, Wi-Fi).
uplink_down() { ip -n "$NS_CLIENT" link set "$IF_CLIENT" down; }

# international_cut : the country's international link is gone; domestic hosts and the ISP resolver still answer.
international_cut() { ip -n "$NS_CENSOR" link set "$IF_CENSOR_NET" down; }

# dns_hijack RESOLVER NAME_OR_ID VALUE : the path to that resolver tampered with: its DNS traffic (UDP and TCP :53)
# is DNAT-ed to the censor's own dnsmasq, which answers the truth (DNS_CTL) for every name except NAME, answered
# VALUE (an address or NXDOMAIN). The client still sees the replies come from the resolver's address (conntrack).
# This is transparent DNS interception, what ISPs and censors do to foreign resolvers; one lying reply, no second.
HIJACK_PORT=5354
declare -A DNS_HIJACK=()
dns_hijack() {
  local addr name; addr=$(host_addr "$1") || return 1; name=$(_dns_name "$2") || return 1
  DNS_HIJACK=()
  local k; for k in "${!DNS_CTL[@]}"; do DNS_HIJACK[$k]=${DNS_CTL[$k]}; done
  DNS_HIJACK[$name]=$3
  _DNS_WRITTEN[hijack]=""
  _dns_ensure hijack "$NS_CENSOR" "$CENSOR_CLIENT_SIDE" DNS_HIJACK up "$HIJACK_PORT"
  local proto
  for proto in udp tcp; do
    censor iptables -t nat -A PREROUTING $(_from_client) -d "$addr" -p "$proto" --dport 53 \
      -j DNAT --to-destination "$CENSOR_CLIENT_SIDE:$HIJACK_PORT"
  done
}

# dns_inject NAME_OR_ID ADDRESS [DELAY_SECONDS] [RESOLVER...] : an on-path DNS injector (lib/dns_inject.py) in the
# censor. It sniffs the client's link with an AF_PACKET socket and, for every UDP query of type A for NAME (to any
# resolver, or only to the RESOLVERs named), sends the client a forged reply carrying ADDRESS at once, spoofed from
# the resolver. The genuine query goes on; its reply comes back DELAY seconds late (default 0.3), so the forged one
# always wins the race, as with the GFW's injectors. This kernel has no sch_netem, so the delay is a small relay in
# the censor: UDP :53 to each plain resolver is DNAT-ed to it, it asks the resolver and holds the reply back.
dns_inject() {
  local name addr=$2 delay=${3:-0.3} d; name=$(_dns_name "$1") || return 1; shift 3 2>/dev/null || shift $#
  local only=() r; for r in "$@"; do only+=(--only-to "$(host_addr "$r")"); done
  d="$LAB_WORK/dns"; mkdir -p "$d"
  local relays=() port=5301 rid raddr
  for rid in $(resolver_ids); do
    raddr=$(host_addr "$rid")
    [[ $(host_url "$rid") == https://* ]] && continue # DoH: nothing on :53 to relay
    relays+=(--relay "$port=$raddr:53")
    censor iptables -t nat -A PREROUTING $(_from_client) -d "$raddr" -p udp --dport 53 \
      -j DNAT --to-destination "$CENSOR_CLIENT_SIDE:$port"
    port=$((port + 1))
  done
  in_ns "$NS_CENSOR" python3 "$LAB_DIR/lib/dns_inject.py" --iface "$IF_CENSOR_CLIENT" --name "$name" \
    --address "$addr" --delay "$delay" --listen "$CENSOR_CLIENT_SIDE" "${relays[@]}" "${only[@]}" \
    --pid-file "$d/inject.pid" 9>&- >> "$d/inject.log" 2>&1 &
  local i
  for i in $(seq 100); do grep -q 'ready' "$d/inject.log" 2>/dev/null && [[ -s $d/inject.pid ]] && return 0; sleep 0.1; done
  echo "lab: the DNS injector did not come up (see $d/inject.log)" >&2; return 1
}

dns_inject_stop() {
  local pidf="$LAB_WORK/dns/inject.pid" pid i
  [[ -s $pidf ]] || return 0
  pid=$(<"$pidf"); kill "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pidf"; : > "$LAB_WORK/dns/inject.log"
}

# captive_portal : a hotel-style captive portal in front of the client (the censor box plays the hotel's gateway).
# The common real shape, as the portals of hotel chains and their vendors (Nomadix, Cisco) run it before login:
#   - DNS works (the hotel's resolver, and UDP/TCP :53 to anywhere: portals let DNS through);
#   - every plain-HTTP connection (:80) is DNAT-ed to the portal, which answers any Host with 302 to its login page
#     http://login.hotel.lab/login?orig=... (the login page itself: 200, a form);
#   - every HTTPS connection (:443) is DNAT-ed to the portal's TLS, which presents its own self-signed certificate
#     for login.hotel.lab whatever the SNI (what makes browsers show a certificate error behind a portal, and why
#     Chrome has a captive-portal interstitial for exactly that error);
#   - every other TCP connection is refused (RST) until the guest logs in.
PORTAL_NAME=login.hotel.lab
captive_portal() {
  local d pki; d=$(_nginx_dir); pki="$LAB_WORK/portal-pki"
  if [[ ! -s $pki/portal.pem ]]; then
    mkdir -p "$pki"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
      -subj "/O=Hotel Guest WiFi/CN=$PORTAL_NAME" -addext "subjectAltName=DNS:$PORTAL_NAME" \
      -keyout "$pki/portal.key" -out "$pki/portal.pem" 2>/dev/null
  fi
  mkdir -p "$LAB_WORK/www/portal"
  cat > "$LAB_WORK/www/portal/login.html" <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8"><title>Hotel Guest Wi-Fi</title></head>
<body><h1>Welcome to Hotel Guest Wi-Fi</h1>
<p>Please enter your room number and last name to connect to the internet.</p>
<form method="post" action="/login"><input name="room"><input name="name"><button>Connect</button></form>
</body></html>
HTML
  {
    _nginx_head portal
    cat <<EOF2
  server {
    listen $CENSOR_CLIENT_SIDE:80 default_server;
    listen $CENSOR_CLIENT_SIDE:443 ssl default_server;
    server_name _;
    ssl_certificate $pki/portal.pem;
    ssl_certificate_key $pki/portal.key;
    root $LAB_WORK/www/portal;
    location / { return 302 http://$PORTAL_NAME/login?orig=\$scheme://\$host\$request_uri; }
  }
  server {
    listen $CENSOR_CLIENT_SIDE:80;
    server_name $PORTAL_NAME;
    root $LAB_WORK/www/portal;
    location = /login { try_files /login.html =404; }
    location / { return 302 http://$PORTAL_NAME/login; }
  }
}
EOF2
  } > "$d/portal.conf"
  _nginx_start portal "$NS_CENSOR" || return 1
  isp_dns "$PORTAL_NAME" "$CENSOR_CLIENT_SIDE"
  local port
  for port in 80 443; do
    censor iptables -t nat -A PREROUTING $(_from_client) -p tcp --dport "$port" \
      -j DNAT --to-destination "$CENSOR_CLIENT_SIDE:$port"
  done
  censor iptables -A FORWARD $(_from_client) -p tcp --dport 53 -j ACCEPT
  censor iptables -A FORWARD $(_from_client) -p tcp -j REJECT --reject-with tcp-reset
  censor ip6tables -A FORWARD $(_from_client) -p tcp -j REJECT --reject-with tcp-reset
}
