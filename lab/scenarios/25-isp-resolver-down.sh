describe "the ISP resolver is down (nothing listens on its address)"
isp_resolver_down
expect all technical dns.resolver_down -- "the system resolver fails for every name, the control resolver answers: a resolver outage, not blocking"
