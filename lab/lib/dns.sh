# The lab's resolvers, authoritative for the lab's names only (--no-resolv --no-hosts: they never forward):
#   isp       the ISP resolver in the country (hosts.tsv: system), the client's system resolver; the censor's
#             orders land here
#   control   abroad (198.19.53.53): the truth. Behind the DoH front (lib/doh.py, hosts.tsv: doh), which is the
#             probe's control.resolver; also the control-server's resolver
#   extra1/2  abroad, in unrelated networks (hosts.tsv: extra1, extra2): the probe's `resolvers:`, as 1.1.1.1 and
#             9.9.9.9 in the shipped targets.yaml. They answer the truth, the same records as `control`
# Records are kept in two maps, name -> "IP [IP...]" or NXDOMAIN: DNS_ISP (what the ISP resolver says) and DNS_CTL
# (the truth abroad, served by control, extra1 and extra2). A scenario edits them with isp_dns / ctl_dns /
# dual_stack, and dns_apply (called by the runner after setup) writes the configs and restarts what changed.
# Tampering with the path to a resolver is the censor's business (lib/censor.sh: block_ip, dns_hijack, dns_inject).

declare -A DNS_ISP=() DNS_CTL=()
declare -A _DNS_WRITTEN=()

_dns_dir() { echo "$LAB_WORK/dns"; }

dns_baseline() {
  DNS_ISP=(); DNS_CTL=()
  local id
  for id in $(host_ids); do
    DNS_ISP[$(host_name "$id")]=$(host_addr "$id")
    DNS_CTL[$(host_name "$id")]=$(host_addr "$id")
  done
  DNS_ISP[blocked.lab.kz]=$BLOCKPAGE_ADDR
  DNS_CTL[blocked.lab.kz]=$BLOCKPAGE_ADDR
  # The DoH control resolver's own name: the probe looks it up through the system resolver.
  DNS_ISP[$(host_name doh)]=$(host_addr doh)
  DNS_CTL[$(host_name doh)]=$(host_addr doh)
  DNS_WANT_ISP=up
}

# isp_dns NAME_OR_ID VALUE : what the ISP resolver answers (an address, several, or NXDOMAIN).
isp_dns() { DNS_ISP[$(_dns_name "$1")]=$2; }
# ctl_dns NAME_OR_ID VALUE : the truth abroad: what the control resolver (behind DoH) and the extra resolvers answer.
ctl_dns() { DNS_CTL[$(_dns_name "$1")]=$2; }
# isp_resolver_down : the ISP resolver process is gone (nothing listens: the kernel sends port-unreachable).
isp_resolver_down() { DNS_WANT_ISP=down; }

# dual_stack [ID...] : publish the AAAA records (hosts.tsv address6) of these hosts, or of every host that has one,
# at every resolver, beside the A records. Call it before other DNS edits; a name already changed is left alone.
dual_stack() {
  local id name v6 ids=("$@")
  ((${#ids[@]})) || mapfile -t ids < <(host_ids)
  for id in "${ids[@]}"; do
    v6=$(host_addr6 "$id") || return 1
    [[ -n $v6 ]] || continue
    name=$(host_name "$id")
    [[ ${DNS_ISP[$name]:-} == "$(host_addr "$id")" ]] && DNS_ISP[$name]+=" $v6"
    [[ ${DNS_CTL[$name]:-} == "$(host_addr "$id")" ]] && DNS_CTL[$name]+=" $v6"
  done
  return 0
}

_dns_name() { if [[ $1 == *.* ]]; then echo "$1"; else host_name "$1"; fi; }

_dns_conf() { # which listen-address map-name [port]
  local which=$1 addr=$2 port=${4:-53} d name v ip; d=$(_dns_dir)
  local -n records=$3
  echo "listen-address=$addr"
  echo "port=$port"
  echo "bind-interfaces"
  echo "no-resolv"
  echo "no-hosts"
  echo "user=root"
  echo "pid-file=$d/$which.pid"
  echo "log-queries"
  echo "log-facility=$d/$which.log"
  echo "cache-size=0"
  echo "local-ttl=60"
  # Anything not listed is unknown to the lab: NXDOMAIN, never a forward.
  echo "address=/#/"
  for name in $(printf '%s\n' "${!records[@]}" | sort); do
    v=${records[$name]}
    if [[ $v == NXDOMAIN ]]; then
      echo "address=/$name/"
    else
      for ip in $v; do echo "host-record=$name,$ip"; done
    fi
  done
}

_dns_stop() { # which
  local pidf pid i; pidf="$(_dns_dir)/$1.pid"
  [[ -s $pidf ]] || return 0
  pid=$(<"$pidf"); kill "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pidf"
}

_dns_ensure() { # which ns addr map want(up|down) [port]
  local which=$1 ns=$2 addr=$3 map=$4 want=$5 port=${6:-53} d conf; d=$(_dns_dir); mkdir -p "$d"
  if [[ $want == down ]]; then _dns_stop "$which"; _DNS_WRITTEN[$which]=down; return 0; fi
  conf=$(_dns_conf "$which" "$addr" "$map" "$port")
  if [[ ${_DNS_WRITTEN[$which]:-} == "$conf" && -s $d/$which.pid ]] && kill -0 "$(<"$d/$which.pid")" 2>/dev/null; then
    return 0
  fi
  _dns_stop "$which"
  printf '%s\n' "$conf" > "$d/$which.conf"
  in_ns "$ns" dnsmasq --conf-file="$d/$which.conf" || { echo "lab: dnsmasq $which failed" >&2; return 1; }
  _DNS_WRITTEN[$which]=$conf
}

dns_apply() {
  _dns_ensure isp "$NS_ISP" "$(host_addr system)" DNS_ISP "${DNS_WANT_ISP:-up}"
  _dns_ensure control "$NS_NET" "$CONTROL_RESOLVER" DNS_CTL up
  _dns_ensure extra1 "$(host_ns extra1)" "$(host_addr extra1)" DNS_CTL up
  _dns_ensure extra2 "$(host_ns extra2)" "$(host_addr extra2)" DNS_CTL up
  doh_ensure
}

dns_down() { doh_stop; local w; for w in isp control extra1 extra2 hijack; do _dns_stop "$w"; done; _DNS_WRITTEN=(); }

# The DoH front: lib/doh.py in cpl-net, RFC 8484 (POST and GET of application/dns-message) over HTTPS with a lab-CA
# certificate for doh.lab, forwarding the wire bytes to the control dnsmasq. Started once; it holds no records.
doh_ensure() {
  local d pidf; d=$(_dns_dir); pidf="$d/doh.pid"; mkdir -p "$d"
  [[ -s $pidf ]] && kill -0 "$(<"$pidf")" 2>/dev/null && return 0
  local name addr; name=$(host_name doh); addr=$(host_addr doh)
  in_ns "$(host_ns doh)" python3 "$LAB_DIR/lib/doh.py" --listen "$addr" --port 443 \
    --cert "$(pki_dir)/leaf/$name.chain.pem" --key "$(pki_dir)/leaf/$name.key" \
    --upstream "$CONTROL_RESOLVER:53" --pid-file "$pidf" 9>&- >> "$d/doh.log" 2>&1 &
  local i
  for i in $(seq 100); do
    if [[ -s $pidf ]] && in_ns "$(host_ns doh)" bash -c "exec 3<>/dev/tcp/$addr/443" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "lab: the DoH server did not come up (see $d/doh.log)" >&2; return 1
}

doh_stop() { _dns_stop doh; }
