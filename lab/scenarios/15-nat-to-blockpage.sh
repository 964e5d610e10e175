describe "plain HTTP to vk.com's address NAT-ed to the ISP's blockpage server (IP-based redirect, no Host match)"
http_blockpage vk
expect vk blocked http.blockpage -- "DNS is fine; the page served carries the Kazakh blockpage phrase"
