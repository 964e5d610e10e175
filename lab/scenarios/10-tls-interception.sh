describe "HTTPS to www.facebook.com NAT-ed to an interception box presenting a Qaznet Trust Network chain"
intercept facebook
expect facebook blocked tls.interception -- "the handshake completes with a chain issued by 'C=KZ, CN=Security Certificate' under 'C=KZ, CN=Qaznet Trust Network', not trusted"
