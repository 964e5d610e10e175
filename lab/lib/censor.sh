# The censor: a namespace that routes between the client and everything else, using the tools real censors use.
# Every verb below is a one-liner a scenario file calls; censor_reset puts the path back to a clean baseline.
# Only the censor namespace's own iptables and qdiscs are touched (never the host's).

censor_reset() {
  local t
  for t in filter nat mangle raw; do censor iptables -t "$t" -F; censor iptables -t "$t" -X; done
  censor iptables -P FORWARD ACCEPT
  censor tc qdisc del dev "$IF_CENSOR_CLIENT" root 2>/dev/null || true
  censor conntrack -F 2>/dev/null || true
  _THROTTLE_CLASS=20
  _HTTP_FILTER=(); _nginx_stop httpfilter
  # Links up and their static routes back (a link going down takes its routes with it).
  ip -n "$NS_CLIENT" link set "$IF_CLIENT" up
  ip -n "$NS_CENSOR" link set "$IF_CENSOR_CLIENT" up
  ip -n "$NS_CENSOR" link set "$IF_CENSOR_NET" up
  ip -n "$NS_CENSOR" link set "$IF_CENSOR_ISP" up
  ip -n "$NS_NET" link set "$IF_NET" up
  ip -n "$NS_ISP" link set "$IF_ISP" up
  ip -n "$NS_CLIENT" route replace "$LAB_RANGE" via "$CENSOR_CLIENT_SIDE"
  ip -n "$NS_NET" route replace "$LAB_RANGE" via "$CENSOR_NET_SIDE"
  ip -n "$NS_ISP" route replace "$LAB_RANGE" via "$CENSOR_ISP_SIDE"
  ip -n "$NS_CENSOR" route replace 198.19.0.0/16 via "$NET_ADDR"
  ip -n "$NS_CENSOR" route replace 198.18.128.0/17 via "$NET_ADDR"
  ip -n "$NS_CENSOR" route replace 198.18.10.0/24 via "$ISP_ADDR"
}

_from_client() { echo "-i $IF_CENSOR_CLIENT"; }

# block_ip ID drop|reset : every packet to the host's address dropped, or every SYN answered with RST.
block_ip() {
  local addr; addr=$(host_addr "$1") || return 1
  case $2 in
    drop) censor iptables -A FORWARD $(_from_client) -d "$addr" -j DROP ;;
    reset) censor iptables -A FORWARD $(_from_client) -d "$addr" -p tcp -j REJECT --reject-with tcp-reset ;;
    *) echo "lab: block_ip $1: expected drop or reset" >&2; return 1 ;;
  esac
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
