describe "www.youtube.com's traffic squeezed to 384 kbit/s by tc htb+tbf; controls at line rate"
throttle youtube 384kbit
expect youtube blocked http.throttled -- "256 KiB (limits.body_bytes) arrives at ~48 kB/s in ~5.5 s (the probe measures ~2/3 of that rate), past the 2 s floor, against the controls' line rate (far past ratio 5); the handshake fits in the token bucket's burst, so it is the transfer (P2); the lab config sets throttle_rounds: 1"
