describe "every packet to the system resolver (the ISP's, 198.18.10.53) dropped: it goes silent; the extra resolvers answer every name"
block_ip system drop
expect all technical dns.resolver_down -- "the resolver the users depend on answers nothing, not even the controls' names, while the extra resolvers answer them all: a resolver outage, not blocking (and never blocked dns.failure)"
expect resolver:system technical dns.resolver_down -- "silent for every name, the controls' included, while two other resolvers answer them"
expect resolver:doh technical dns.resolver_down -- "its host name doh.lab is looked up through the system resolver (as the probe does for cloudflare-dns.com), which is silent: it could not be asked, for the same reason"
