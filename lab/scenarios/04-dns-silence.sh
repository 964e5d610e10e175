describe "queries for www.instagram.com to the ISP resolver are dropped (DPI on port 53); other names resolve"
dns_silence instagram
expect instagram blocked dns.timeout -- "the ISP resolver answers every other name in the same round and the control resolver answers this one"
