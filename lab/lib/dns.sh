# Two dnsmasq instances, authoritative for the lab's names only (--no-resolv --no-hosts: they never forward):
#   isp      the ISP resolver in the country, the client's system resolver; the censor's orders land here
#   control  the control resolver abroad; the probe's control.resolver; no scenario should touch it except to
#            model a name that is really gone
# Records are kept in two maps, name -> "IP [IP...]" or NXDOMAIN; a scenario edits them with isp_dns / ctl_dns and
# dns_apply (called by the runner after setup) writes the config and restarts what changed.

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
  DNS_WANT_ISP=up
}

# isp_dns NAME_OR_ID VALUE : what the ISP resolver answers (an address, several, or NXDOMAIN).
isp_dns() { DNS_ISP[$(_dns_name "$1")]=$2; }
# ctl_dns NAME_OR_ID VALUE : what the control resolver answers.
ctl_dns() { DNS_CTL[$(_dns_name "$1")]=$2; }
# isp_resolver_down : the ISP resolver process is gone (nothing listens: the kernel sends port-unreachable).
isp_resolver_down() { DNS_WANT_ISP=down; }

_dns_name() { if [[ $1 == *.* ]]; then echo "$1"; else host_name "$1"; fi; }

_dns_conf() { # which listen-address map-name
  local which=$1 addr=$2 d name v ip; d=$(_dns_dir)
  local -n records=$3
  echo "listen-address=$addr"
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

_dns_ensure() { # which ns addr map want(up|down)
  local which=$1 ns=$2 addr=$3 map=$4 want=$5 d conf; d=$(_dns_dir); mkdir -p "$d"
  if [[ $want == down ]]; then _dns_stop "$which"; _DNS_WRITTEN[$which]=down; return 0; fi
  conf=$(_dns_conf "$which" "$addr" "$map")
  if [[ ${_DNS_WRITTEN[$which]:-} == "$conf" && -s $d/$which.pid ]] && kill -0 "$(<"$d/$which.pid")" 2>/dev/null; then
    return 0
  fi
  _dns_stop "$which"
  printf '%s\n' "$conf" > "$d/$which.conf"
  in_ns "$ns" dnsmasq --conf-file="$d/$which.conf" || { echo "lab: dnsmasq $which failed" >&2; return 1; }
  _DNS_WRITTEN[$which]=$conf
}

dns_apply() {
  _dns_ensure isp "$NS_ISP" "$ISP_RESOLVER" DNS_ISP "${DNS_WANT_ISP:-up}"
  _dns_ensure control "$NS_NET" "$CONTROL_RESOLVER" DNS_CTL up
}

dns_down() { _dns_stop isp; _dns_stop control; _DNS_WRITTEN=(); }
