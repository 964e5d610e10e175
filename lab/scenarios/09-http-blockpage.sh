describe "plain HTTP to vk.com NAT-ed to the ISP's blockpage server"
http_blockpage vk
expect vk blocked http.blockpage -- DNS and TCP are fine; the page served carries the Kazakh blockpage phrase (Censored Planet signature d_corp_kz_ps)
