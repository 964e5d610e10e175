describe "www.youtube.com's traffic squeezed to 512 kbit/s by tc htb+tbf; controls at line rate"
throttle youtube 512kbit
expect youtube blocked http.throttled -- "256 KiB (limits.body_bytes) arrives at ~64 kB/s in ~4 s, past the 2 s floor, against the controls' line rate (far past ratio 5); the handshake fits in the token bucket's burst, so it is the transfer (P2); the lab config sets throttle_rounds: 1"
