describe "an HTTP request carrying Host: vk.com is answered with RST (DPI on :80)"
host_filter vk reset
if [[ $CONTROL_SERVER_ENABLED == yes ]]; then
  expect vk blocked http.reset -- "the connection opens, the request is reset; the remote vantage fetched the page (F1)"
else
  expect vk inconclusive http.reset -- "a reset after the request is also what a failing server or load balancer does; without a remote vantage a careful classifier cannot say blocked (F4)"
fi
