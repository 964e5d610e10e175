describe "ClientHello carrying www.youtube.com silently dropped (the dominant Kazakh method)"
sni_filter youtube drop
expect youtube blocked tls.sni_filtered\|tls.timeout -- the handshake with the platform's name goes silent; the same address completes a handshake with the neutral control SNI
