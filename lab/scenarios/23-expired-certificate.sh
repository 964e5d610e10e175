describe "www.instagram.com presents an expired certificate (issued by its usual CA) to everyone"
server instagram expired
expect instagram technical tls.server_certificate -- "expired but issued by the trusted CA for the right name; no interception fingerprint"
