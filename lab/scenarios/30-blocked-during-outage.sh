describe "facebook NXDOMAIN and youtube SNI-dropped by the censor, while the client's own link is down"
isp_dns facebook NXDOMAIN
sni_filter youtube drop
uplink_down
expect all technical network.down -- "a local outage hides everything; a blocked platform must never read blocked while the probe's own network is down"
expect resolvers technical network.down -- "no resolver answers either: the probe's own network is down"
