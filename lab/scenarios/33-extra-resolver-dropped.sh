describe "every packet to the extra resolver udp://198.19.53.61:53 dropped by the censor (as ISPs drop 1.1.1.1 or 9.9.9.9); the system resolver, the other extra resolver and the DoH control resolver answer"
block_ip extra1 drop
expect resolver:extra1 inconclusive dns.resolver_unreachable -- "it never answers while the system resolver, the other extra resolver and the control resolver answer every name in the same round; one resolver alone cannot tell blocking from its own outage"
expect all ok -- "the platform's own path (system resolver, then TCP/TLS/HTTP to its answers) worked: a resolver the users do not use failing says nothing about the platform (issue 11)"
