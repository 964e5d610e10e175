describe "ISP resolver points vk.com and www.instagram.com at the ISP's blockpage server"
isp_dns vk "$BLOCKPAGE_ADDR"
isp_dns instagram "$BLOCKPAGE_ADDR"
expect vk blocked dns.known_blocking_address\|http.blockpage\|dns.inconsistent -- the answer differs from the control resolver's and the page it serves carries the Kazakh blockpage phrase
expect instagram blocked dns.known_blocking_address\|dns.inconsistent -- the answer differs from the control resolver's; the server there presents a certificate for another name while the control resolver's address presents a valid one
