describe "an on-path DNS injector forges a reply with an unrelated address (198.19.66.66, nothing listens) for twitter.com to every plain-DNS query crossing the censor; the genuine replies arrive 0.3 s later"
dns_inject twitter "$SINK_ADDR" 0.3
expect twitter blocked dns.injected -- "two replies to one query, the first an address the DoH control resolver (which an injector cannot forge) does not give and the late one the true address; the users' resolver path takes the forged one"
expect resolver:extra1 blocked dns.injected -- "the path to this resolver carries forged replies for twitter.com (the genuine one arrives late), as in 36 a tampered path to a resolver is that resolver's finding"
expect resolver:extra2 blocked dns.injected -- "as extra1"
