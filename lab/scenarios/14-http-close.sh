describe "the censor's HTTP filter closes connections carrying Host: vk.com without answering"
http_filter vk close
if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
  expect vk blocked http.eof -- "the request goes out and the connection closes unanswered; the remote vantage fetched the page (F1)"
else
  expect vk inconclusive http.eof -- "an empty reply after the request is also what a crashing server does; without a remote vantage a careful classifier cannot say blocked (F4)"
fi
