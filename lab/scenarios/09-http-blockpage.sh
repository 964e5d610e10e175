describe "the censor's transparent HTTP filter answers requests with Host: vk.com with the blockpage"
http_filter vk blockpage
expect vk blocked http.blockpage -- "DNS and TCP are fine; the page served for this Host carries the Kazakh blockpage phrase (Censored Planet signature d_corp_kz_ps) while other Hosts pass"
