describe "ISP resolver points vk.com at a blockpage server whose address no fingerprint lists; the page it serves is the Kazakh blockpage"
isp_dns vk "$BLOCKPAGE_ADDR2"
expect vk blocked 'http.blockpage|dns.inconsistent' -- "the address is unknown, but the page fetched from it matches the Kazakh blockpage fingerprint: proof of interference whichever layer names it"
