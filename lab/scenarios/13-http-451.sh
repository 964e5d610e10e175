describe "the censor's HTTP filter answers requests with Host: vk.com with 451 Unavailable For Legal Reasons"
http_filter vk 451
expect vk blocked http.status_451 -- "RFC 7725 status from a filter on the path; the control vantage path is clean"
