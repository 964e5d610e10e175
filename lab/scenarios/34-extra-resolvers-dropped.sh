describe "every packet to both extra resolvers (udp://198.19.53.61:53, udp://198.18.153.62:53, unrelated networks) dropped; the system resolver and the DoH control resolver answer"
block_ip extra1 drop
block_ip extra2 drop
expect all ok -- "every platform's own path (system resolver, TCP, TLS, HTTP) worked; the extra resolvers are evidence, never a path that fails on its own account"
expect resolver:extra1 blocked dns.resolver_unreachable -- "two independent resolvers in unrelated networks are unreachable while the system resolver, the control resolver and every control work: blocking of foreign DNS (medium)"
expect resolver:extra2 blocked dns.resolver_unreachable -- "as extra1"
