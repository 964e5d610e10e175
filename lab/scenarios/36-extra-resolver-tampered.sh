describe "the path to the extra resolver udp://198.19.53.61:53 is intercepted (DNS DNAT-ed to the censor's own resolver), which answers 10.10.34.36 for www.facebook.com and the truth for every other name; the system resolver answers truly"
dns_hijack extra1 facebook 10.10.34.36
expect facebook ok -- "the platform's own path (the system resolver's true answer, then TCP, TLS, HTTP) worked; a lie on a resolver the users do not use never turns it blocked"
expect resolver:extra1 blocked dns.bogon -- "a private (RFC 1918) address for www.facebook.com from this resolver, while the system resolver and the DoH control resolver give its public address: tampering on the path to this resolver"
