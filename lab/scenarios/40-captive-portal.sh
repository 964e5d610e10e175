describe "a hotel-style captive portal: every :80 DNAT-ed to the portal (302 to its login page, whatever the Host), every :443 to the portal's TLS with its own self-signed certificate, other TCP refused; DNS untouched"
captive_portal
expect all technical network.captive_portal -- "every name leads to one portal: the captive-portal check (success.txt) returns a login page instead of 'success', every HTTPS handshake presents the same self-signed certificate; a local access condition, neither blocking nor ok (issue 11)"
expect resolver:doh technical network.captive_portal -- "DoH runs over :443, which the portal captures: its handshake presents the portal's certificate; plain DNS (the system and the extra resolvers) passes"
