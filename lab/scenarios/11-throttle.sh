describe "www.youtube.com's traffic squeezed to 2 Mbit/s by tc htb+tbf; controls at line rate"
throttle youtube 2mbit
expect youtube blocked http.throttled -- "1 MiB arrives at ~250 kB/s in ~4 s (past the 2 s floor) against the controls' line rate (far past ratio 5); the handshake fits in the token bucket's burst, so it is the transfer (P2); lab config sets throttle_rounds: 1"
