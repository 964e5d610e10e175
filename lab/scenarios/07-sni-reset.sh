describe "RST when a ClientHello carries www.facebook.com (iptables -m string on :443)"
sni_filter facebook reset
expect facebook blocked tls.sni_filtered\|tls.reset -- the handshake with the platform's name is reset; the same address completes a handshake with the neutral control SNI
