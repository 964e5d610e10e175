describe "RST when a ClientHello carries www.facebook.com (iptables -m string on :443)"
sni_filter facebook reset
expect facebook blocked tls.sni_filtered -- "the handshake with the platform's name is reset; the same address completes a handshake for the neutral control SNI (S2)"
