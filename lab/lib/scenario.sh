# What a scenario file may call besides the censor, DNS and server verbs: its description and its expectations.
#
#   describe "one line: what the censor (or the outage) does"
#   expect TARGET VERDICT [METHOD] [-- "WHY"]   (quote WHY: the file is bash)
#
# TARGET is a host id from lab/hosts.tsv, or a group: all (every platform and control), platforms, controls
# (international and domestic), international, domestic; or a resolver: resolver:ID (system, extra1, extra2, doh)
# or resolvers (every one). Later lines override earlier ones; anything never named, resolvers included, is
# expected `ok`. A resolver's expectation is checked against its own record (role "resolver", one per resolver per
# round, endpoint = the resolver as written in the config, or "system").
# METHOD may list alternatives with |, e.g. tls.sni_filtered|tls.timeout; "-" or nothing means "any method"
# (for ok: the method is not checked). WHY is kept in the scorecard: say why a careful classifier gives this.

SCENARIO_DESCRIPTION=""
declare -A EXPECT_VERDICT=() EXPECT_METHOD=() EXPECT_WHY=()

describe() { SCENARIO_DESCRIPTION="$*"; }

_expect_ids() {
  case $1 in
    all) host_ids ;;
    platforms) host_ids platform ;;
    controls) host_ids control; host_ids domestic ;;
    international) host_ids control ;;
    domestic) host_ids domestic ;;
    resolvers) resolver_ids | sed 's/^/resolver:/' ;;
    resolver:*) [[ $(host_field "${1#resolver:}" 2) == resolver ]] && echo "$1" ;;
    *) local role; role=$(host_field "$1" 2) && [[ $role != resolver ]] && echo "$1" ;;
  esac
}

expect() {
  local target=$1 verdict=$2 method="" why="" id ids
  shift 2
  if [[ $# -gt 0 && $1 != -- ]]; then method=$1; shift; fi
  if [[ $# -gt 0 && $1 == -- ]]; then shift; why="$*"; fi
  case $verdict in ok|blocked|technical|inconclusive) ;;
    *) echo "lab: expect $target: verdict must be ok, blocked, technical or inconclusive, not '$verdict'" >&2
       return 1 ;;
  esac
  [[ $method == - ]] && method=""
  ids=$(_expect_ids "$target") || { echo "lab: expect: unknown target '$target'" >&2; return 1; }
  for id in $ids; do
    EXPECT_VERDICT[$id]=$verdict; EXPECT_METHOD[$id]=$method; EXPECT_WHY[$id]=$why
  done
}

scenario_reset_expectations() {
  SCENARIO_DESCRIPTION=""
  EXPECT_VERDICT=(); EXPECT_METHOD=(); EXPECT_WHY=()
}

# scenario_expectations_json NAME FILE : the expectations of every host, as JSON lines for the scorecard.
scenario_expectations_json() {
  local name=$1 id hid
  for id in $(host_ids) $(resolver_ids | sed 's/^/resolver:/'); do
    hid=${id#resolver:}
    jq -cn --arg scenario "$name" --arg description "$SCENARIO_DESCRIPTION" --arg id "$id" \
      --arg role "$(host_field "$hid" 2)" --arg endpoint "$(host_url "$hid")" \
      --arg verdict "${EXPECT_VERDICT[$id]:-ok}" --arg method "${EXPECT_METHOD[$id]:-}" \
      --arg why "${EXPECT_WHY[$id]:-}" \
      '{scenario: $scenario, description: $description, id: $id, role: $role, endpoint: $endpoint,
        expected_verdict: $verdict, expected_method: $method, why: $why}'
  done
}
