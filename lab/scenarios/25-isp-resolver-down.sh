describe "the ISP resolver is down (nothing listens on its address)"
isp_resolver_down
expect all technical dns.resolver_down -- "the system resolver fails for every name, the control resolver answers: a resolver outage, not blocking"
expect resolver:system technical dns.resolver_down -- "nothing listens on it (port unreachable) for any name, while the extra resolvers answer every name"
expect resolver:doh technical dns.resolver_down -- "its host name doh.lab is looked up through the system resolver, which is down: it could not be asked, for the same reason"
