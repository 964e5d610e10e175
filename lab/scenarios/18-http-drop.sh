describe "an HTTP request carrying Host: vk.com is silently dropped (DPI on :80)"
host_filter vk drop
if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
  expect vk blocked http.timeout -- "the connection opens, the request never gets an answer; the remote vantage fetched the page (F1)"
else
  expect vk inconclusive http.timeout -- "an unanswered request is also what an overloaded server does; without a remote vantage a careful classifier cannot say blocked (F4)"
fi
