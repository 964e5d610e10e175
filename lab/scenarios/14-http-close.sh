describe "the censor's HTTP filter closes connections carrying Host: vk.com without answering"
http_filter vk close
expect vk blocked http.eof -- the connection opens, the request goes out, the connection closes with no response
