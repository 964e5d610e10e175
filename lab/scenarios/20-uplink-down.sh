describe "the client's own link is down (a local outage)"
uplink_down
expect all technical network.down -- "nothing answers, not even the domestic controls or the resolver: the probe's own network is down"
expect resolvers technical network.down -- "no resolver answers either: the probe's own network is down, no resolver is to blame"
