describe "no censorship, no outage: every platform and control answers"
expect all ok
