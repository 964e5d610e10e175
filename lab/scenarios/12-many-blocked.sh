describe "several platforms blocked at once by different means while others stay up (16 December 2016)"
sni_filter facebook drop
sni_filter youtube drop
isp_dns instagram NXDOMAIN
block_ip telegram drop
block_ip tiktok drop
expect facebook blocked tls.sni_filtered
expect youtube blocked tls.sni_filtered
expect instagram blocked dns.nxdomain
expect telegram blocked tcp.timeout -- "two platforms in unrelated networks (198.18/16, 198.19/16) time out on connect while the controls are healthy (F3 cross-platform, medium; F1 with the remote vantage)"
expect tiktok blocked tcp.timeout -- "as telegram"
expect vk ok -- "not blocked: must stay ok while the others are down"
expect twitter ok -- "not blocked: must stay ok while the others are down"
