# Certificates for the lab, generated at run time into $LAB_WORK/pki (gitignored), never committed.
#   lab CA          -> the probe trusts it (tls.trust); signs every platform and control leaf
#   Qaznet chain    -> "C=KZ, CN=Qaznet Trust Network" root, "C=KZ, CN=Security Certificate" intermediate,
#                      leaves for the platform names: what the interception server presents (not trusted)
#   ISCA 2020 root  -> "CN=Information Security Certification Authority CA, O=ISCA, C=KZ", the root of the
#                      December 2020 drill, as in Chromium's blocklist (61c0fc2e...): it signs the interception
#                      leaves of the names in PKI_ISCA2020_NAMES instead of the Qaznet chain (scenario 32)
#   expired leaves  -> signed by the lab CA, valid 2020-2021, for the "expired certificate" scenario
# Sourced by lab/run; uses only openssl (3.0 has no x509 -not_before, so the expired leaf goes through `openssl ca`).

pki_dir() { echo "$LAB_WORK/pki"; }

# The interception box presents, for these names, a leaf issued directly by the December 2020 root (sent with
# the root, as a box that wants the root installed does); every other platform name gets the Qaznet chain.
PKI_ISCA2020_NAMES=${PKI_ISCA2020_NAMES:-twitter.com}

_pki_ca_conf() { # DIR -> a minimal `openssl ca` config whose database lives in DIR
  local d=$1
  mkdir -p "$d/db"; : > "$d/db/index.txt"; echo 1000 > "$d/db/serial"
  cat > "$d/ca.cnf" <<CNF
[ ca ]
default_ca = lab
[ lab ]
dir = $d/db
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
[ any ]
countryName = optional
commonName = supplied
CNF
}

_pki_root() { # DIR SUBJECT
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "$2" -keyout "$1/ca.key" -out "$1/ca.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}

_pki_leaf() { # CADIR OUTPREFIX CN SAN-LIST(comma separated DNS names) [startdate enddate]
  local ca=$1 out=$2 cn=$3 sans=$4 start=${5:-} end=${6:-} san="" n
  for n in ${sans//,/ }; do san+="${san:+,}DNS:$n"; done
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/CN=$cn" \
    -addext "subjectAltName=$san" -addext "extendedKeyUsage=serverAuth" \
    -addext "basicConstraints=critical,CA:FALSE" -keyout "$out.key" -out "$out.csr" 2>/dev/null
  if [[ -n $start ]]; then
    openssl ca -batch -config "$ca/ca.cnf" -cert "$ca/ca.pem" -keyfile "$ca/ca.key" -notext \
      -startdate "$start" -enddate "$end" -in "$out.csr" -out "$out.crt" 2>/dev/null
  else
    openssl x509 -req -sha256 -days 825 -in "$out.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" \
      -CAcreateserial -copy_extensions copy -out "$out.crt" 2>/dev/null
  fi
}

# pki_make "name1 name2 ..." : every leaf the lab needs, for the given server names.
pki_make() {
  local names=$1 d n; d=$(pki_dir)
  rm -rf "$d"; mkdir -p "$d/lab" "$d/qaznet/root" "$d/qaznet/inter" "$d/isca2020" "$d/leaf" "$d/expired" \
    "$d/intercept"
  _pki_root "$d/lab" "/CN=censorprobe lab CA"
  _pki_ca_conf "$d/lab"
  for n in $names; do
    _pki_leaf "$d/lab" "$d/leaf/$n" "$n" "$n"
    cat "$d/leaf/$n.crt" > "$d/leaf/$n.chain.pem"
    _pki_leaf "$d/lab" "$d/expired/$n" "$n" "$n" 20200101000000Z 20210101000000Z
    cat "$d/expired/$n.crt" > "$d/expired/$n.chain.pem"
  done
  # The interception chain: root -> intermediate -> one leaf per name (a real interceptor mints per host).
  _pki_root "$d/qaznet/root" "/C=KZ/CN=Qaznet Trust Network"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/C=KZ/CN=Security Certificate" \
    -keyout "$d/qaznet/inter/ca.key" -out "$d/qaznet/inter/ca.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' > "$d/qaznet/inter/ext.cnf"
  openssl x509 -req -sha256 -days 3650 -in "$d/qaznet/inter/ca.csr" -CA "$d/qaznet/root/ca.pem" \
    -CAkey "$d/qaznet/root/ca.key" -CAcreateserial -extfile "$d/qaznet/inter/ext.cnf" \
    -out "$d/qaznet/inter/ca.pem" 2>/dev/null
  # The December 2020 root, its subject in the order of the real certificate (CN, O, C).
  _pki_root "$d/isca2020" "/CN=Information Security Certification Authority CA/O=ISCA/C=KZ"
  for n in $names; do
    if [[ " $PKI_ISCA2020_NAMES " == *" $n "* ]]; then
      _pki_leaf "$d/isca2020" "$d/intercept/$n" "$n" "$n"
      cat "$d/intercept/$n.crt" "$d/isca2020/ca.pem" > "$d/intercept/$n.chain.pem"
    else
      _pki_leaf "$d/qaznet/inter" "$d/intercept/$n" "$n" "$n"
      cat "$d/intercept/$n.crt" "$d/qaznet/inter/ca.pem" > "$d/intercept/$n.chain.pem"
    fi
  done
  chmod -R a+rX "$d"
}
