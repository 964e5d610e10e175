describe "ClientHello carrying www.youtube.com silently dropped (the dominant Kazakh method)"
sni_filter youtube drop
expect youtube blocked tls.sni_filtered -- "the handshake with the platform's name goes silent; the same address completes a handshake for the neutral control SNI (S2)"
