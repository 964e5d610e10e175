# The lab's servers: one nginx per host (so a scenario can stop or change one alone), plus the ISP's blockpage
# server and the interception box. Config, logs and pid files live in $LAB_WORK/nginx.
#
# Modes of a platform or control host:
#   normal   HTTP :80 and HTTPS :443, a lab-CA certificate for its name, a page of PAGE_BYTES
#   503      the same listeners, every request answered 503 (an outage at the platform itself)
#   expired  HTTPS with a lab-CA certificate that expired in 2021
#   451      the origin's own geoblock: requests from the client's network (198.18.0.0/24, 2001:2:0:1::/64, "the
#            country") get 451 Unavailable For Legal Reasons over the host's valid certificate; everyone else (the
#            remote vantage abroad) gets the page
#   stopped  nothing listens: the kernel answers SYNs with RST
# A host with an IPv6 address (hosts.tsv) listens on it too. A URL path ending in success.txt (a captive-portal check
# such as detectportal.firefox.com/success.txt) is answered with the text "success" and a newline, as Mozilla's is.

readonly PAGE_BYTES=${LAB_PAGE_BYTES:-3000000}  # big enough for a throttled rate to show
declare -A SERVER_MODE=()

_nginx_dir() { echo "$LAB_WORK/nginx"; }

_nginx_head() { # ID
  local d; d=$(_nginx_dir)
  cat <<EOF
user root;
worker_processes 1;
pid $d/$1.pid;
error_log $d/$1.error.log warn;
events { worker_connections 512; }
http {
  access_log $d/$1.access.log;
  client_body_temp_path $d/tmp/$1-body;
  proxy_temp_path $d/tmp/$1-proxy;
  fastcgi_temp_path $d/tmp/$1-fastcgi;
  uwsgi_temp_path $d/tmp/$1-uwsgi;
  scgi_temp_path $d/tmp/$1-scgi;
  default_type text/html;
  charset utf-8;
  server_tokens off;
  keepalive_timeout 5;
  ssl_protocols TLSv1.2 TLSv1.3;
EOF
}

_nginx_write_host() { # ID MODE
  local id=$1 mode=$2 addr addr6 name pki cert body path extra="" listen6=""
  addr=$(host_addr "$id"); addr6=$(host_addr6 "$id"); name=$(host_name "$id"); pki=$(pki_dir)
  cert="$pki/leaf/$name"
  [[ $mode == expired ]] && cert="$pki/expired/$name"
  case $mode in
    503) body='return 503 "<html><head><title>503 Service Unavailable</title></head><body>maintenance</body></html>";' ;;
    451) body='if ($lab_geoblocked) { return 451 "<html><head><title>451 Unavailable For Legal Reasons</title></head><body>This content is not available in your country.</body></html>"; }
      try_files /index.html =404;' ;;
    *) body='try_files /index.html =404;' ;;
  esac
  path=$(host_url "$id"); path=${path#*://}; path=/${path#*/}
  if [[ $path == */success.txt && $mode != 503 && $mode != 451 ]]; then
    extra="location = $path { default_type text/plain; charset off; return 200 \"success\\n\"; }"
  fi
  [[ -n $addr6 ]] && listen6="listen [$addr6]:80 default_server; listen [$addr6]:443 ssl default_server;"
  {
    _nginx_head "$id"
    cat <<EOF
  geo \$lab_geoblocked { default 0; 198.18.0.0/24 1; 2001:2:0:1::/64 1; }
  server {
    listen $addr:80 default_server;
    listen $addr:443 ssl default_server;
    $listen6
    server_name _;
    ssl_certificate $cert.chain.pem;
    ssl_certificate_key $cert.key;
    root $LAB_WORK/www/$id;
    $extra
    location / { $body }
  }
}
EOF
  } > "$(_nginx_dir)/$id.conf"
}

_www_page() { # ID TITLE TEXT -> $LAB_WORK/www/ID/index.html, padded to PAGE_BYTES
  local dir="$LAB_WORK/www/$1"
  mkdir -p "$dir"
  {
    printf '<!doctype html>\n<html><head><meta charset="utf-8"><title>%s</title></head><body>\n<p>%s</p>\n<!--\n' "$2" "$3"
    awk -v n="$PAGE_BYTES" 'BEGIN { s = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod\n";
      for (c = 0; c < n; c += length(s)) printf "%s", s }'
    printf '\n-->\n</body></html>\n'
  } > "$dir/index.html"
}

_nginx_start() { # ID NS
  local d; d=$(_nginx_dir)
  in_ns "$2" nginx -c "$d/$1.conf" -e "$d/$1.error.log" 2>>"$d/$1.error.log" \
    || { echo "lab: nginx $1 failed to start:" >&2; tail -5 "$d/$1.error.log" >&2; return 1; }
}

_nginx_stop() { # ID
  local pidf; pidf="$(_nginx_dir)/$1.pid"
  [[ -s $pidf ]] || return 0
  local pid; pid=$(<"$pidf")
  kill "$pid" 2>/dev/null || true
  # nginx removes its pid file on exit: wait for that (bounded) so the port is free for the next start.
  local i
  for i in $(seq 50); do [[ -e $pidf ]] && kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pidf"
}

# servers_prepare: pages and the two ISP boxes' configs; run once after pki_make.
servers_prepare() {
  local d id pki n; d=$(_nginx_dir); pki=$(pki_dir)
  mkdir -p "$d/tmp"
  for id in $(host_ids); do _www_page "$id" "$(host_name "$id")" "the real $(host_name "$id")"; done
  # The blockpage: the Russian phrase the Kazakh blockpages carry (Censored Planet's d_corp_kz_ps signature).
  mkdir -p "$LAB_WORK/www/blockpage"
  cat > "$LAB_WORK/www/blockpage/index.html" <<'EOF'
<!doctype html>
<html><head><meta charset="utf-8"><title>Доступ ограничен</title></head>
<body><h1>Страница заблокирована</h1>
<p>Доступ к запрашиваемому ресурсу ограничен в соответствии с законодательством Республики Казахстан.</p>
<p>Сұралған ресурсқа қолжетімділік шектелген.</p></body></html>
EOF
  {
    _nginx_head blockpage
    cat <<EOF
  server {
    listen $BLOCKPAGE_ADDR:80 default_server;
    listen $BLOCKPAGE_ADDR:443 ssl default_server;
    listen $BLOCKPAGE_ADDR2:80 default_server;
    listen $BLOCKPAGE_ADDR2:443 ssl default_server;
    server_name _;
    ssl_certificate $pki/leaf/blocked.lab.kz.chain.pem;
    ssl_certificate_key $pki/leaf/blocked.lab.kz.key;
    root $LAB_WORK/www/blockpage;
    location / { try_files /index.html =404; }
  }
}
EOF
  } > "$d/blockpage.conf"
  # The interception box: a Qaznet-chain certificate for every platform name, chosen by SNI; it then serves the
  # real page (a transparent interceptor passes the content through).
  {
    _nginx_head intercept
    local first=default_server
    for id in $(host_ids platform); do
      n=$(host_name "$id")
      cat <<EOF
  server {
    listen $INTERCEPT_ADDR:443 ssl $first;
    server_name $n;
    ssl_certificate $pki/intercept/$n.chain.pem;
    ssl_certificate_key $pki/intercept/$n.key;
    root $LAB_WORK/www/$id;
    location / { try_files /index.html =404; }
  }
EOF
      first=""
    done
    echo "}"
  } > "$d/intercept.conf"
}

# server ID MODE: put one host in a mode (normal, 503, expired, stopped). Restarts only on a change.
server() {
  local id=$1 mode=$2 ns
  case $mode in normal|503|451|expired|stopped) ;; *) echo "lab: unknown server mode '$mode'" >&2; return 1 ;; esac
  [[ ${SERVER_MODE[$id]:-none} == "$mode" ]] && return 0
  ns=$(host_ns "$id") || return 1
  _nginx_stop "$id"
  if [[ $mode != stopped ]]; then
    _nginx_write_host "$id" "$mode"
    _nginx_start "$id" "$ns" || return 1
  fi
  SERVER_MODE[$id]=$mode
}

servers_baseline() {
  local id
  for id in $(host_ids); do server "$id" normal; done
  [[ -s "$(_nginx_dir)/blockpage.pid" ]] || _nginx_start blockpage "$NS_ISP"
  [[ -s "$(_nginx_dir)/intercept.pid" ]] || _nginx_start intercept "$NS_ISP"
}

servers_down() {
  local id
  for id in $(host_ids) blockpage intercept portal httpfilter; do _nginx_stop "$id"; done
  SERVER_MODE=()
}

# Server names the lab needs certificates for.
server_names() { local id; for id in $(host_ids); do host_name "$id"; done; echo blocked.lab.kz; host_name doh; }
