describe "www.youtube.com's traffic squeezed to 2 Mbit/s by tc htb+tbf; controls at line rate"
throttle youtube 2mbit
expect youtube blocked tls.throttled\|http.throttled -- the same page size arrives tens of times slower than from every control in the same round
