describe "HTTPS to twitter.com NAT-ed to the interception box, which presents a leaf from the December 2020 root 'Information Security Certification Authority CA'"
intercept twitter
expect twitter blocked tls.interception -- "the handshake completes with a leaf issued by 'CN=Information Security Certification Authority CA, O=ISCA, C=KZ' (the 2020 drill's root, fingerprint kz_isca_root_ca_2020), not trusted; matched by its exact name, which the 2021-2024 'Information Security Certification Authority' line does not cover"
