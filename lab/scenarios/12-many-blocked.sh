describe "several platforms blocked at once by different means while others stay up (16 December 2016)"
sni_filter facebook drop
sni_filter youtube drop
isp_dns instagram NXDOMAIN
block_ip telegram drop
expect facebook blocked tls.sni_filtered\|tls.timeout
expect youtube blocked tls.sni_filtered\|tls.timeout
expect instagram blocked dns.nxdomain
expect telegram blocked tcp.timeout
expect tiktok ok -- not blocked: must stay ok while the others are down
expect vk ok -- not blocked: must stay ok while the others are down
