describe "international link cut while the ISP resolver keeps pointing vk.com at the fingerprinted blockpage address and NXDOMAINs facebook"
international_cut
isp_dns vk "$BLOCKPAGE_ADDR"
isp_dns facebook NXDOMAIN
expect platforms technical network.gateway_cut -- "every international host fails at once while domestic controls answer: a shutdown shape, not per-platform blocking (R2)"
expect international technical network.gateway_cut
expect domestic ok
expect vk blocked dns.known_blocking_address -- "an answer that is a known blocking address is proof on its own and survives the gateway-cut override (R2 keeps proof)"
expect facebook technical network.gateway_cut -- "NXDOMAIN cannot be compared: the control resolver is abroad and unreachable (D5 inconclusive), so the round's gateway cut decides"
expect resolver:extra1 technical network.gateway_cut -- "abroad: unreachable with everything else abroad while the system resolver and the domestic controls answer"
expect resolver:extra2 technical network.gateway_cut -- "as extra1"
expect resolver:doh technical network.gateway_cut -- "as extra1"
